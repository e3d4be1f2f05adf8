import { describe, expect, it } from 'vitest';
import { pairEvents } from '../core/pairing/pairEvents.ts';
import { FIREFOX_RULES } from '../core/browsers/browserRules.ts';
import { firefoxReasonOf } from '../core/browsers/firefoxReasonOf.ts';
import { addListenerWithExtraHeaders, createGeckoEventOrder } from './webRequestDialect.ts';
import { webRequestToEvents, type WebRequestDetails, type WebRequestPhase } from './webRequestEvents.ts';

const PAGE = 'http://127.0.0.1:4780';
const API = 'http://localhost:4781/s/put/';

// Firefox's details: originUrl and documentUrl, no initiator.
function details(requestId: string, method: string, timeStamp: number, extra: Partial<WebRequestDetails> = {}): WebRequestDetails {
  return { requestId, url: API, method, tabId: 3, frameId: 0, type: 'xmlhttprequest', timeStamp, originUrl: `${PAGE}/`, documentUrl: `${PAGE}/`, ...extra };
}

const PREFLIGHT_HEADERS = [
  { name: 'Access-Control-Request-Method', value: 'PUT' },
  { name: 'Origin', value: PAGE },
];
const PUT_HEADERS = [
  { name: 'Origin', value: PAGE },
  { name: 'Sec-Fetch-Mode', value: 'cors' },
];

function inFirefox(sequence: [WebRequestPhase, WebRequestDetails][]) {
  const order = createGeckoEventOrder();
  return pairEvents(
    sequence.flatMap(([phase, each]) => order(webRequestToEvents(phase, each))),
    { rules: FIREFOX_RULES },
  );
}

// Firefox 153, as the lab showed it: the PUT's onSendHeaders comes before its preflight starts.
describe('createGeckoEventOrder, then pairing', () => {
  it('pairs a preflight that Firefox reports after the request it guards went "out"', () => {
    const { transactions } = inFirefox([
      ['onBeforeRequest', details('1', 'PUT', 1)],
      ['onSendHeaders', details('1', 'PUT', 2, { requestHeaders: PUT_HEADERS })],
      ['onBeforeRequest', details('2', 'OPTIONS', 3)],
      ['onSendHeaders', details('2', 'OPTIONS', 4, { requestHeaders: PREFLIGHT_HEADERS })],
      [
        'onHeadersReceived',
        details('2', 'OPTIONS', 5, {
          statusCode: 204,
          responseHeaders: [
            { name: 'Access-Control-Allow-Origin', value: PAGE },
            { name: 'Access-Control-Allow-Methods', value: 'PUT' },
          ],
        }),
      ],
      ['onCompleted', details('2', 'OPTIONS', 6)],
      ['onHeadersReceived', details('1', 'PUT', 7, { statusCode: 200, responseHeaders: [{ name: 'Access-Control-Allow-Origin', value: PAGE }] })],
      ['onCompleted', details('1', 'PUT', 8)],
    ]);
    expect(transactions).toHaveLength(1);
    expect(transactions[0]?.hops[0]?.preflight?.id).toBe('2');
    // It went out when its answer proves it did.
    expect(transactions[0]?.hops[0]?.sentTime).toBe(7);
    expect(transactions[0]?.request.initiatorOrigin).toBe(PAGE);
    expect(transactions[0]?.verdict).toMatchObject({ outcome: 'allowed', preflight: 'sent' });
  });

  it('judges a failed preflight: both end with NS_ERROR_DOM_BAD_URI, and the request never went out', () => {
    const { transactions } = inFirefox([
      ['onBeforeRequest', details('1', 'PUT', 1)],
      ['onSendHeaders', details('1', 'PUT', 2, { requestHeaders: PUT_HEADERS })],
      ['onBeforeRequest', details('2', 'OPTIONS', 3)],
      ['onSendHeaders', details('2', 'OPTIONS', 4, { requestHeaders: PREFLIGHT_HEADERS })],
      [
        'onHeadersReceived',
        details('2', 'OPTIONS', 5, {
          statusCode: 204,
          responseHeaders: [
            { name: 'Access-Control-Allow-Origin', value: PAGE },
            { name: 'Access-Control-Allow-Methods', value: 'GET' },
          ],
        }),
      ],
      ['onErrorOccurred', details('2', 'OPTIONS', 6, { error: 'NS_ERROR_DOM_BAD_URI' })],
      ['onErrorOccurred', details('1', 'PUT', 7, { error: 'NS_ERROR_DOM_BAD_URI' })],
    ]);
    expect(transactions[0]?.hops[0]?.sentHeaders).toBeUndefined();
    expect(transactions[0]?.verdict).toMatchObject({ outcome: 'blocked', failure: { corsError: 'MethodDisallowedByPreflightResponse' }, preflight: 'sent' });
    expect(firefoxReasonOf(transactions[0]!, transactions[0]!.verdict)).toBe('CORSMethodNotFound');
  });

  it('infers credentials Firefox does not show when only they explain a refused request', () => {
    const { transactions } = inFirefox([
      ['onBeforeRequest', details('1', 'PUT', 1)],
      ['onSendHeaders', details('1', 'PUT', 2, { requestHeaders: PUT_HEADERS })],
      ['onBeforeRequest', details('2', 'OPTIONS', 3)],
      ['onSendHeaders', details('2', 'OPTIONS', 4, { requestHeaders: PREFLIGHT_HEADERS })],
      [
        'onHeadersReceived',
        details('2', 'OPTIONS', 5, {
          statusCode: 204,
          responseHeaders: [
            { name: 'Access-Control-Allow-Origin', value: '*' },
            { name: 'Access-Control-Allow-Methods', value: 'PUT' },
          ],
        }),
      ],
      ['onErrorOccurred', details('2', 'OPTIONS', 6, { error: 'NS_ERROR_DOM_BAD_URI' })],
      ['onErrorOccurred', details('1', 'PUT', 7, { error: 'NS_ERROR_DOM_BAD_URI' })],
    ]);
    expect(transactions[0]?.verdict).toMatchObject({ outcome: 'blocked', failure: { corsError: 'PreflightWildcardOriginNotAllowed' } });
    expect(firefoxReasonOf(transactions[0]!, transactions[0]!.verdict)).toBe('CORSNotSupportingCredentials');
  });

  it('judges a response Firefox blocked from its headers, though it ends with onCompleted', () => {
    const { transactions } = inFirefox([
      ['onBeforeRequest', details('1', 'GET', 1)],
      ['onSendHeaders', details('1', 'GET', 2, { requestHeaders: PUT_HEADERS })],
      ['onHeadersReceived', details('1', 'GET', 3, { statusCode: 204, responseHeaders: [] })],
      ['onCompleted', details('1', 'GET', 4)],
    ]);
    expect(transactions[0]?.verdict).toMatchObject({ outcome: 'blocked', failure: { corsError: 'MissingAllowOriginHeader' } });
  });

  it("passes a preflight's own headers on at once, and drops a request's held headers when it fails first", () => {
    const order = createGeckoEventOrder();
    expect(order(webRequestToEvents('onSendHeaders', details('2', 'OPTIONS', 4, { requestHeaders: PREFLIGHT_HEADERS })))).toHaveLength(1);
    expect(order(webRequestToEvents('onSendHeaders', details('1', 'PUT', 2, { requestHeaders: PUT_HEADERS })))).toEqual([]);
    expect(order(webRequestToEvents('onErrorOccurred', details('1', 'PUT', 3, { error: 'NS_ERROR_CONNECTION_REFUSED' })))).toEqual([
      { type: 'failed', id: '1', time: 3, error: 'NS_ERROR_CONNECTION_REFUSED' },
    ]);
    expect(order(webRequestToEvents('onCompleted', details('1', 'PUT', 4)))).toEqual([{ type: 'completed', id: '1', time: 4 }]);
  });
});

describe('addListenerWithExtraHeaders', () => {
  it("asks for 'extraHeaders' where the browser has it (Chromium)", () => {
    const calls: (string[] | undefined)[] = [];
    expect(
      addListenerWithExtraHeaders(
        (_listener, _filter, spec) => void calls.push(spec),
        () => undefined,
        { urls: ['<all_urls>'] },
        ['requestHeaders'],
      ),
    ).toBe(true);
    expect(calls).toEqual([['requestHeaders', 'extraHeaders']]);
  });

  it('adds the listener without it where the browser refuses it (Firefox throws)', () => {
    const calls: (string[] | undefined)[] = [];
    const firefoxAdd = (_listener: unknown, _filter: unknown, spec?: string[]) => {
      if (spec?.includes('extraHeaders')) throw new Error('Invalid enumeration value "extraHeaders"');
      calls.push(spec);
    };
    expect(addListenerWithExtraHeaders(firefoxAdd, () => undefined, { urls: ['<all_urls>'] }, ['requestHeaders'])).toBe(false);
    expect(calls).toEqual([['requestHeaders']]);
  });
});
