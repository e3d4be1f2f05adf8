import { describe, expect, it } from 'vitest';
import type { Header } from '../fetch/headers.ts';
import { pairEvents } from '../pairing/pairEvents.ts';
import type { RequestEvent } from '../pairing/requestEvent.ts';
import type { Transaction } from '../pairing/transaction.ts';
import type { CdpNetworkParams } from './chromiumReport.ts';
import type { Confirmation } from './confirmVerdict.ts';
import { createConfirmer, REPORT_GRACE_MS } from './confirmer.ts';

const PAGE = 'http://app.test';
const API = 'http://api.test/items';
const T0 = Date.UTC(2026, 10, 23, 12);
const h = (...pairs: [string, string][]): Header[] => pairs.map(([name, value]) => ({ name, value }));
const wire = h(['Origin', PAGE], ['Sec-Fetch-Mode', 'cors'], ['Sec-Fetch-Site', 'cross-site']);

/** A PUT whose preflight answers with these Allow-Methods, as the extension's webRequest capture sees it. */
function putTransaction(id: string, at: number, allowMethods: string, url = API): Transaction {
  const allowed = allowMethods.split(', ').includes('PUT');
  const events: RequestEvent[] = [
    { type: 'started', id, time: T0 + at, url, method: 'PUT', initiatorOrigin: PAGE, resourceType: 'xmlhttprequest' },
    { type: 'started', id: `${id}p`, time: T0 + at + 1, url, method: 'OPTIONS', initiatorOrigin: PAGE },
    { type: 'sent', id: `${id}p`, time: T0 + at + 2, headers: h(['Access-Control-Request-Method', 'PUT'], ['Origin', PAGE]) },
    {
      type: 'response',
      id: `${id}p`,
      time: T0 + at + 3,
      status: 204,
      headers: h(['Access-Control-Allow-Origin', PAGE], ['Access-Control-Allow-Methods', allowMethods]),
    },
    { type: 'completed', id: `${id}p`, time: T0 + at + 4 },
    ...(allowed
      ? ([
          { type: 'sent', id, time: T0 + at + 5, headers: wire },
          { type: 'response', id, time: T0 + at + 6, status: 200, headers: h(['Access-Control-Allow-Origin', PAGE]) },
          { type: 'completed', id, time: T0 + at + 7 },
        ] as RequestEvent[])
      : ([{ type: 'failed', id, time: T0 + at + 5, error: 'net::ERR_FAILED' }] as RequestEvent[])),
  ];
  const [transaction] = pairEvents(events).transactions;
  return transaction as Transaction;
}

/** What CDP says of the same request: its own id, a preflight linked to it, and how it ended. */
function cdpEvents(
  cdpId: string,
  at: number,
  ending: { corsError?: string; failedParameter?: string } | 'finished',
  options: { preflight?: boolean; url?: string } = {},
): [string, CdpNetworkParams][] {
  const url = options.url ?? API;
  const events: [string, CdpNetworkParams][] = [
    ['Network.requestWillBeSent', { requestId: cdpId, request: { url, method: 'PUT' }, wallTime: (T0 + at + 0.4) / 1000, initiator: { type: 'script' } }],
  ];
  if (options.preflight !== false) {
    events.push([
      'Network.requestWillBeSent',
      {
        requestId: `${cdpId}-preflight`,
        request: { url, method: 'OPTIONS' },
        wallTime: (T0 + at + 1) / 1000,
        initiator: { type: 'preflight', requestId: cdpId },
      },
    ]);
    events.push(['Network.loadingFinished', { requestId: `${cdpId}-preflight` }]);
  }
  if (ending === 'finished') events.push(['Network.loadingFinished', { requestId: cdpId }]);
  else
    events.push([
      'Network.loadingFailed',
      { requestId: cdpId, errorText: 'net::ERR_FAILED', corsErrorStatus: { corsError: ending.corsError ?? '', failedParameter: ending.failedParameter ?? '' } },
    ]);
  return events;
}

function setup(since = T0) {
  const confirmed = new Map<number, Confirmation>();
  const confirmer = createConfirmer(since, (key, confirmation) => confirmed.set(key, confirmation));
  const feed = (events: [string, CdpNetworkParams][]) => events.forEach(([method, params]) => confirmer.cdpEvent(method, params));
  return { confirmer, confirmed, feed };
}

describe('createConfirmer', () => {
  it('confirms an allowed preflighted request and a blocked one, whichever side arrives first', () => {
    const { confirmer, confirmed, feed } = setup();
    feed(cdpEvents('100.1', 0, 'finished'));
    confirmer.judged(1, putTransaction('a', 0, 'PUT'));
    confirmer.judged(2, putTransaction('b', 50, 'GET', `${API}/b`));
    feed(cdpEvents('100.2', 50, { corsError: 'MethodDisallowedByPreflightResponse', failedParameter: 'PUT' }, { url: `${API}/b` }));
    expect(confirmed.get(1)).toMatchObject({ status: 'confirmed', chromium: { corsError: null, preflightSent: true } });
    expect(confirmed.get(2)).toMatchObject({ status: 'confirmed', chromium: { corsError: 'MethodDisallowedByPreflightResponse', failedParameter: 'PUT' } });
    expect(confirmer.waiting()).toBe(0);
  });

  it('waits for the request to end in Chromium before confirming', () => {
    const { confirmer, confirmed, feed } = setup();
    const events = cdpEvents('100.1', 0, 'finished');
    feed(events.slice(0, -1));
    confirmer.judged(1, putTransaction('a', 0, 'PUT'));
    expect(confirmed.size).toBe(0);
    feed(events.slice(-1));
    expect(confirmed.get(1)?.status).toBe('confirmed');
  });

  it('says what differs when Chromium disagrees, and never hides it', () => {
    const { confirmer, confirmed, feed } = setup();
    confirmer.judged(1, putTransaction('a', 0, 'GET'));
    feed(cdpEvents('100.1', 0, { corsError: 'PreflightInvalidStatus' }, { preflight: false }));
    expect(confirmed.get(1)).toMatchObject({ status: 'disagree' });
    expect(confirmed.get(1)?.differences).toEqual([
      'CORS error: CORS Lens says MethodDisallowedByPreflightResponse, Chromium PreflightInvalidStatus',
      'preflight: CORS Lens says sent, Chromium sent none',
    ]);
  });

  it('pairs identical requests by start time, the nearest first', () => {
    const { confirmer, confirmed, feed } = setup();
    feed([...cdpEvents('100.1', 0, 'finished'), ...cdpEvents('100.2', 300, { corsError: 'MethodDisallowedByPreflightResponse', failedParameter: 'PUT' })]);
    confirmer.judged(2, putTransaction('late', 300, 'GET'));
    confirmer.judged(1, putTransaction('early', 0, 'PUT'));
    expect(confirmed.get(1)?.status).toBe('confirmed');
    expect(confirmed.get(2)?.status).toBe('confirmed');
  });

  it('leaves alone transactions that started before it did, and reports too far apart in time', () => {
    const { confirmer, confirmed, feed } = setup(T0 + 100);
    confirmer.judged(1, putTransaction('before', 0, 'PUT'));
    expect(confirmer.waiting()).toBe(0);
    confirmer.judged(2, putTransaction('a', 200, 'PUT'));
    feed(cdpEvents('100.1', 200 + 5_000, 'finished'));
    expect(confirmed.size).toBe(0);
    expect(confirmer.waiting()).toBe(1);
  });

  it("ends a worker's requests when its session goes: a terminated worker's request never reports loadingFinished", () => {
    const { confirmer, confirmed } = setup();
    confirmer.judged(1, putTransaction('a', 0, 'PUT'));
    const events = cdpEvents('100.1', 0, 'finished').slice(0, -1);
    for (const [method, params] of events) confirmer.cdpEvent(method, params, params.initiator?.type === 'preflight' ? undefined : 'worker-session');
    confirmer.cdpEvent('Network.responseReceived', { requestId: '100.1' }, 'worker-session');
    expect(confirmed.size).toBe(0);
    confirmer.sessionEnded('worker-session');
    expect(confirmed.get(1)).toMatchObject({ status: 'confirmed', chromium: { corsError: null, preflightSent: true } });
  });

  it('lets Chromium decide what the capture could not (an undetermined verdict)', () => {
    const { confirmer, confirmed, feed } = setup();
    const events: RequestEvent[] = [
      { type: 'started', id: 'x', time: T0, url: API, method: 'GET', initiatorOrigin: PAGE, resourceType: 'xmlhttprequest' },
      { type: 'started', id: 'xp', time: T0 + 1, url: API, method: 'OPTIONS', initiatorOrigin: PAGE },
      { type: 'sent', id: 'xp', time: T0 + 2, headers: h(['Access-Control-Request-Method', 'GET'], ['Origin', PAGE]) },
      { type: 'failed', id: 'xp', time: T0 + 3, error: 'net::ERR_FAILED' },
      { type: 'failed', id: 'x', time: T0 + 4, error: 'net::ERR_FAILED' },
    ];
    const [transaction] = pairEvents(events).transactions;
    expect(transaction?.verdict.outcome).toBe('undetermined');
    confirmer.judged(1, transaction as Transaction);
    feed([
      ['Network.requestWillBeSent', { requestId: '9.1', request: { url: API, method: 'GET' }, wallTime: T0 / 1000, initiator: { type: 'script' } }],
      [
        'Network.requestWillBeSent',
        { requestId: '9.1-p', request: { url: API, method: 'OPTIONS' }, wallTime: T0 / 1000, initiator: { type: 'preflight', requestId: '9.1' } },
      ],
      [
        'Network.loadingFailed',
        { requestId: '9.1', errorText: 'net::ERR_FAILED', corsErrorStatus: { corsError: 'LocalNetworkAccessPermissionDenied', failedParameter: '' } },
      ],
    ]);
    expect(confirmed.get(1)).toMatchObject({ status: 'decided', chromium: { corsError: 'LocalNetworkAccessPermissionDenied', preflightSent: true } });
  });
});

describe('createConfirmer, when a report never comes', () => {
  it('gives up REPORT_GRACE_MS after the request ended: the transaction comes out unconfirmed, never confirmed by default', () => {
    const { confirmer, confirmed } = setup();
    const transaction = putTransaction('a', 0, 'PUT');
    confirmer.judged(1, transaction);
    const ended = transaction.endTime ?? transaction.startTime;
    confirmer.expire(ended + REPORT_GRACE_MS - 1);
    expect(confirmed.size).toBe(0);
    confirmer.expire(ended + REPORT_GRACE_MS);
    expect(confirmed.get(1)).toEqual({ status: 'unconfirmed', chromium: null, differences: [] });
    expect(confirmer.waiting()).toBe(0);
  });
});
