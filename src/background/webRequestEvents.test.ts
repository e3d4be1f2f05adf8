import { describe, expect, it } from 'vitest';
import { pairEvents } from '../core/pairing/pairEvents.ts';
import { isPageTraffic, isTabNavigation } from './captureFilter.ts';
import { webRequestToEvents, type WebRequestDetails, type WebRequestPhase } from './webRequestEvents.ts';
import { failedResponseOf } from '../core/cors/verdictFacts.ts';

const PAGE = 'http://127.0.0.1:5173';
const API = 'http://localhost:8080/items';

function details(requestId: string, method: string, timeStamp: number, extra: Partial<WebRequestDetails> = {}): WebRequestDetails {
  return { requestId, url: API, method, tabId: 7, frameId: 0, type: 'xmlhttprequest', timeStamp, initiator: PAGE, ...extra };
}

function run(sequence: [WebRequestPhase, WebRequestDetails][]) {
  return pairEvents(sequence.flatMap(([phase, each]) => webRequestToEvents(phase, each)));
}

// The sequences below are what Chromium 156 reports with 'extraHeaders'
// (see webRequestToEvents for the public sources; e2e/oracle.spec.ts sees
// them in the real browser).
describe('webRequestToEvents, then pairing', () => {
  it('pairs the preflight of a PUT and judges the request', () => {
    const { transactions } = run([
      ['onBeforeRequest', details('11', 'PUT', 1)],
      ['onBeforeRequest', details('12', 'OPTIONS', 2)],
      [
        'onSendHeaders',
        details('12', 'OPTIONS', 3, {
          requestHeaders: [
            { name: 'Access-Control-Request-Method', value: 'PUT' },
            { name: 'Origin', value: PAGE },
          ],
        }),
      ],
      [
        'onHeadersReceived',
        details('12', 'OPTIONS', 4, {
          statusCode: 204,
          statusLine: 'HTTP/1.1 204 No Content',
          responseHeaders: [
            { name: 'Access-Control-Allow-Origin', value: PAGE },
            { name: 'Access-Control-Allow-Methods', value: 'PUT' },
          ],
        }),
      ],
      ['onCompleted', details('12', 'OPTIONS', 5)],
      [
        'onSendHeaders',
        details('11', 'PUT', 6, {
          requestHeaders: [
            { name: 'Origin', value: PAGE },
            { name: 'Sec-Fetch-Mode', value: 'cors' },
            { name: 'Sec-Fetch-Site', value: 'cross-site' },
          ],
        }),
      ],
      ['onHeadersReceived', details('11', 'PUT', 7, { statusCode: 200, responseHeaders: [{ name: 'Access-Control-Allow-Origin', value: PAGE }] })],
      ['onCompleted', details('11', 'PUT', 8)],
    ]);
    expect(transactions).toHaveLength(1);
    expect(transactions[0]?.hops[0]?.preflight?.id).toBe('12');
    expect(transactions[0]?.verdict).toMatchObject({ outcome: 'allowed', preflight: 'sent' });
  });

  it('judges a request whose preflight failed: it never went out, and its headers were never reported', () => {
    const { transactions } = run([
      ['onBeforeRequest', details('21', 'GET', 1)],
      ['onBeforeRequest', details('22', 'OPTIONS', 2)],
      [
        'onSendHeaders',
        details('22', 'OPTIONS', 3, {
          requestHeaders: [
            { name: 'Access-Control-Request-Method', value: 'GET' },
            { name: 'Access-Control-Request-Headers', value: 'x-custom' },
            { name: 'Origin', value: PAGE },
          ],
        }),
      ],
      ['onHeadersReceived', details('22', 'OPTIONS', 4, { statusCode: 204, responseHeaders: [{ name: 'Access-Control-Allow-Origin', value: PAGE }] })],
      ['onCompleted', details('22', 'OPTIONS', 5)],
      ['onErrorOccurred', details('21', 'GET', 6, { error: 'net::ERR_FAILED' })],
    ]);
    expect(transactions[0]?.verdict).toMatchObject({
      failure: { corsError: 'HeaderDisallowedByPreflightResponse', failedParameter: 'x-custom' },
      preflight: 'sent',
    });
    expect(transactions[0]?.hops[0]?.sentHeaders).toBeUndefined();
  });

  it('judges a blocked response from its headers, reported before the error', () => {
    const { transactions } = run([
      ['onBeforeRequest', details('31', 'GET', 1)],
      [
        'onSendHeaders',
        details('31', 'GET', 2, {
          requestHeaders: [
            { name: 'Origin', value: PAGE },
            { name: 'Sec-Fetch-Mode', value: 'cors' },
          ],
        }),
      ],
      [
        'onHeadersReceived',
        details('31', 'GET', 3, { statusCode: 200, statusLine: 'HTTP/1.1 200 OK', responseHeaders: [{ name: 'Content-Type', value: 'text/plain' }] }),
      ],
      ['onErrorOccurred', details('31', 'GET', 4, { error: 'net::ERR_FAILED' })],
    ]);
    expect(transactions[0]?.verdict).toMatchObject({ failure: { corsError: 'MissingAllowOriginHeader' } });
    expect(failedResponseOf(transactions[0]!, transactions[0]!.verdict)).toMatchObject({ status: 200, statusText: 'OK' });
  });

  it('follows a redirect under one request id', () => {
    const { transactions } = run([
      ['onBeforeRequest', details('41', 'GET', 1)],
      ['onSendHeaders', details('41', 'GET', 2, { requestHeaders: [{ name: 'Sec-Fetch-Mode', value: 'cors' }] })],
      [
        'onHeadersReceived',
        details('41', 'GET', 3, {
          statusCode: 302,
          responseHeaders: [
            { name: 'Location', value: '/moved' },
            { name: 'Access-Control-Allow-Origin', value: PAGE },
          ],
        }),
      ],
      [
        'onBeforeRedirect',
        details('41', 'GET', 3, {
          statusCode: 302,
          redirectUrl: 'http://localhost:8080/moved',
          responseHeaders: [
            { name: 'Location', value: '/moved' },
            { name: 'Access-Control-Allow-Origin', value: PAGE },
          ],
        }),
      ],
      ['onSendHeaders', details('41', 'GET', 4, { url: 'http://localhost:8080/moved', requestHeaders: [{ name: 'Sec-Fetch-Mode', value: 'cors' }] })],
      [
        'onHeadersReceived',
        details('41', 'GET', 5, {
          url: 'http://localhost:8080/moved',
          statusCode: 200,
          responseHeaders: [{ name: 'Access-Control-Allow-Origin', value: PAGE }],
        }),
      ],
      ['onCompleted', details('41', 'GET', 6, { url: 'http://localhost:8080/moved' })],
    ]);
    expect(transactions[0]?.hops.map((hop) => hop.url)).toEqual([API, 'http://localhost:8080/moved']);
    expect(transactions[0]?.verdict.outcome).toBe('allowed');
  });

  it('reads binary header values', () => {
    const [event] = webRequestToEvents('onSendHeaders', details('51', 'GET', 1, { requestHeaders: [{ name: 'X-Bin', binaryValue: [104, 105] }] }));
    expect(event).toMatchObject({ headers: [{ name: 'X-Bin', value: 'hi' }] });
  });
});

describe('captureFilter', () => {
  it("leaves out requests of no tab and the browser's own pages", () => {
    expect(isPageTraffic({ tabId: -1, url: API })).toBe(false);
    expect(isPageTraffic({ tabId: 3, url: 'chrome-extension://abc/panel.html' })).toBe(false);
    expect(isPageTraffic({ tabId: 3, url: API, initiator: 'chrome-extension://abc' })).toBe(false);
    expect(isPageTraffic({ tabId: 3, url: API, initiator: PAGE })).toBe(true);
  });

  it('recognises a top-level navigation', () => {
    expect(isTabNavigation({ type: 'main_frame', frameId: 0 })).toBe(true);
    expect(isTabNavigation({ type: 'sub_frame', frameId: 4 })).toBe(false);
  });
});

describe('Firefox details', () => {
  it("takes the initiator's origin from originUrl, and leaves out what extension pages start", () => {
    const [started] = webRequestToEvents('onBeforeRequest', {
      requestId: '1',
      url: API,
      method: 'GET',
      tabId: 2,
      frameId: 0,
      type: 'xmlhttprequest',
      timeStamp: 1,
      originUrl: `${PAGE}/app/page.html`,
    });
    expect(started).toMatchObject({ type: 'started', initiatorOrigin: PAGE });
    expect(isPageTraffic({ tabId: 2, url: API, originUrl: 'moz-extension://1234/src/panel/panel.html' })).toBe(false);
    expect(isPageTraffic({ tabId: 2, url: API, originUrl: 'about:blank' })).toBe(true);
  });
});
