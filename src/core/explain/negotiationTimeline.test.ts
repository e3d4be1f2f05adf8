import { describe, expect, it } from 'vitest';
import { pairEvents } from '../pairing/pairEvents.ts';
import type { RequestEvent } from '../pairing/requestEvent.ts';
import type { Transaction } from '../pairing/transaction.ts';
import { negotiationTimeline } from './negotiationTimeline.ts';

const PAGE = 'http://app.test';
const API = 'http://api.test/items';
const context = { tabId: 1, frameId: 0 };

function put(id: string, at: number, preflight: boolean): RequestEvent[] {
  const wire = [
    { name: 'Origin', value: PAGE },
    { name: 'Sec-Fetch-Mode', value: 'cors' },
  ];
  return [
    { type: 'started', id, time: at, url: API, method: 'PUT', initiatorOrigin: PAGE, resourceType: 'xmlhttprequest', context },
    ...(preflight
      ? ([
          { type: 'started', id: `${id}-options`, time: at + 1, url: API, method: 'OPTIONS', initiatorOrigin: PAGE, resourceType: 'xmlhttprequest', context },
          {
            type: 'sent',
            id: `${id}-options`,
            time: at + 2,
            headers: [
              { name: 'Access-Control-Request-Method', value: 'PUT' },
              { name: 'Origin', value: PAGE },
            ],
          },
          {
            type: 'response',
            id: `${id}-options`,
            time: at + 10,
            status: 204,
            statusText: 'No Content',
            headers: [
              { name: 'Access-Control-Allow-Origin', value: PAGE },
              { name: 'Access-Control-Allow-Methods', value: 'PUT' },
              { name: 'Access-Control-Max-Age', value: '600' },
            ],
          },
          { type: 'completed', id: `${id}-options`, time: at + 11 },
        ] satisfies RequestEvent[])
      : []),
    { type: 'sent', id, time: at + 12, headers: wire },
    { type: 'response', id, time: at + 20, status: 200, headers: [{ name: 'Access-Control-Allow-Origin', value: PAGE }] },
    { type: 'completed', id, time: at + 21 },
  ];
}

function judge(events: RequestEvent[]): Transaction[] {
  return pairEvents(events).transactions;
}

describe('negotiationTimeline', () => {
  it('puts the preflight, then the request, each with its times and what came back', () => {
    const [first] = judge(put('a', 1_000, true));
    const timeline = negotiationTimeline(first as Transaction);
    expect(timeline.steps.map(({ kind, outcome, start, end }) => ({ kind, outcome, start, end }))).toEqual([
      { kind: 'preflight', outcome: '204 No Content', start: 1_001, end: 1_011 },
      { kind: 'request', outcome: '200', start: 1_012, end: 1_021 },
    ]);
    expect([timeline.start, timeline.end]).toEqual([1_000, 1_021]);
  });

  it('shows the cache entry that served a hit: when it was stored and when it expires', () => {
    const [, second] = judge([...put('a', 1_000, true), ...put('b', 5_000, false)]);
    const [hit, request] = negotiationTimeline(second as Transaction).steps;
    expect(hit).toMatchObject({ kind: 'cache-hit', start: 5_000 });
    expect(hit?.cacheEntry).toMatchObject({ storedAt: 1_010, expiresAt: 1_010 + 600_000, key: { origin: PAGE, url: API } });
    expect(request).toMatchObject({ kind: 'request', outcome: '200' });
  });

  it('says the request was not sent when its preflight failed', () => {
    const events = put('a', 0, true).slice(0, 4);
    events[3] = { type: 'response', id: 'a-options', time: 10, status: 403, headers: [] };
    const [blocked] = judge([...events, { type: 'completed', id: 'a-options', time: 11 }, { type: 'failed', id: 'a', time: 12, error: 'net::ERR_FAILED' }]);
    expect(negotiationTimeline(blocked as Transaction).steps.map((step) => step.outcome)).toEqual(['403', 'not sent']);
  });
});
