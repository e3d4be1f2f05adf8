import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { inHopOrder } from './cdpHopOrder.ts';
import { createCdpEventConverter } from './cdpNetworkEvents.ts';
import type { CdpNetworkEventParams } from './cdpNetworkParams.ts';

type Record_ = { method: string; params: CdpNetworkEventParams };
const WALL = 1_795_000_000;
const at = (method: string, params: CdpNetworkEventParams): Record_ => ({ method, params });
const started = (id: string, url: string, timestamp: number, redirectStatus?: number) =>
  at('Network.requestWillBeSent', {
    requestId: id,
    timestamp,
    wallTime: WALL + timestamp,
    documentURL: 'http://app.test/',
    request: { url, method: 'GET', headers: {} },
    ...(redirectStatus ? { redirectResponse: { url: 'http://api.test/a', status: redirectStatus, headers: { Location: url } } } : {}),
  });
const sentHead = (id: string, hop: string) => at('Network.requestWillBeSentExtraInfo', { requestId: id, headers: { Origin: 'http://app.test', 'X-Hop': hop } });
const rawHead = (id: string, statusCode: number, headers: Record<string, string>) =>
  at('Network.responseReceivedExtraInfo', { requestId: id, statusCode, headers });
const failed = (id: string, timestamp: number) =>
  at('Network.loadingFailed', {
    requestId: id,
    timestamp,
    errorText: 'net::ERR_FAILED',
    corsErrorStatus: { corsError: 'AllowOriginMismatch', failedParameter: 'x' },
  });

function judgedEvents(records: readonly Record_[]) {
  const convert = createCdpEventConverter();
  return inHopOrder(records).flatMap((record) => convert(record.method, record.params));
}

// A redirect back to the page's origin, whose final response CORS blocks,
// as Chromium 156 delivered it in one CI run and in the usual order.
const redirectHead = rawHead('R', 302, { Location: 'http://app.test/back', 'Access-Control-Allow-Origin': 'http://app.test' });
const blockedHead = rawHead('R', 200, { 'Access-Control-Allow-Origin': 'http://app.test' });
const usual = [
  started('R', 'http://api.test/a', 1),
  sentHead('R', '1'),
  redirectHead,
  started('R', 'http://app.test/back', 2, 302),
  sentHead('R', '2'),
  blockedHead,
  failed('R', 3),
];
const late = [
  started('R', 'http://api.test/a', 1),
  sentHead('R', '1'),
  started('R', 'http://app.test/back', 2, 302),
  redirectHead,
  sentHead('R', '2'),
  failed('R', 3),
  blockedHead,
];

describe('inHopOrder', () => {
  it('puts each raw head with its own hop, however late it arrived', () => {
    expect(inHopOrder(late)).toEqual(usual);
  });

  it('gives the converter the same events either way: the 3xx head is the redirect, the blocked head the final response', () => {
    const events = judgedEvents(late);
    expect(events).toEqual(judgedEvents(usual));
    expect(events.map((event) => event.type)).toEqual(['started', 'sent', 'redirect', 'sent', 'response', 'failed']);
    expect(events[2]).toMatchObject({ status: 302, location: 'http://app.test/back' });
    expect(events[4]).toMatchObject({ status: 200, headers: [{ name: 'Access-Control-Allow-Origin', value: 'http://app.test' }] });
  });

  it("never moves a head earlier: the actual request's head stays after its preflight", () => {
    const records = [
      started('A', 'http://api.test/a', 1),
      at('Network.requestWillBeSent', {
        requestId: 'P',
        timestamp: 1.1,
        wallTime: WALL,
        initiator: { type: 'preflight', requestId: 'A' },
        request: { url: 'http://api.test/a', method: 'OPTIONS', headers: {} },
      }),
      sentHead('P', '1'),
      rawHead('P', 204, {}),
      at('Network.loadingFinished', { requestId: 'P', timestamp: 1.2 }),
      sentHead('A', '1'),
      rawHead('A', 200, {}),
      at('Network.loadingFinished', { requestId: 'A', timestamp: 1.3 }),
    ];
    expect(inHopOrder(records)).toEqual(records);
  });

  it("moves a request's events that came before its requestWillBeSent after it", () => {
    const preflight = [
      sentHead('P', '1'),
      rawHead('P', 204, {}),
      started('P', 'http://api.test/a', 1),
      at('Network.loadingFinished', { requestId: 'P', timestamp: 2 }),
    ];
    expect(inHopOrder(preflight).map((record) => record.method)).toEqual([
      'Network.requestWillBeSent',
      'Network.requestWillBeSentExtraInfo',
      'Network.responseReceivedExtraInfo',
      'Network.loadingFinished',
    ]);
  });

  it('keeps in place what belongs to no started hop, and records without a request id', () => {
    const orphan = rawHead('X', 200, {});
    const extra = rawHead('R', 200, {});
    const issue = { method: 'Audits.issueAdded', params: {} } as Record_;
    const records = [started('R', 'http://api.test/a', 1), rawHead('R', 200, {}), orphan, issue, extra];
    expect(inHopOrder(records)).toEqual(records);
  });

  it('is a permutation: no record is lost or repeated', () => {
    const records = [...late, failed('R', 4), rawHead('Q', 200, {}), started('S', 'http://api.test/s', 5)];
    const ordered = inHopOrder(records);
    expect(ordered).toHaveLength(records.length);
    expect(new Set(ordered)).toEqual(new Set(records));
  });
});

describe('inHopOrder, wherever the heads arrive', () => {
  // A request through 1 to 3 URLs whose final response CORS blocks: each hop
  // starts, sends its head, and gets a raw head (a redirect but the last).
  const canonical = (hops: number): Record_[] => {
    const records: Record_[] = [];
    for (let hop = 0; hop < hops; hop++) {
      const url = `http://host${hop}.test/`;
      records.push(started('R', url, hop + 1, hop > 0 ? 302 : undefined), sentHead('R', String(hop)));
      records.push(
        hop < hops - 1
          ? rawHead('R', 302, { Location: `http://host${hop + 1}.test/` })
          : rawHead('R', 200, { 'Access-Control-Allow-Origin': 'http://other.test' }),
      );
    }
    records.push(failed('R', hops + 1));
    return records;
  };
  const isHead = (record: Record_): boolean => record.method.endsWith('ExtraInfo');

  // The ExtraInfo heads come down one pipe, in order among themselves; only
  // where they fall among the other events varies.
  it('gives the converter what the canonical order gives, wherever the ExtraInfo heads fall among the other events', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 3 }), fc.array(fc.nat(), { minLength: 6, maxLength: 6 }), (hops, slots) => {
        const ordered = canonical(hops);
        const others = ordered.filter((record) => !isHead(record));
        const heads = ordered.filter(isHead);
        // Head i falls after the first `at[i]` other events, never before the head ahead of it.
        const at = slots
          .slice(0, heads.length)
          .map((slot) => slot % (others.length + 1))
          .sort((a, b) => a - b);
        const arrived: Record_[] = [];
        others.forEach((record, index) => {
          heads.forEach((head, which) => {
            if (at[which] === index) arrived.push(head);
          });
          arrived.push(record);
        });
        heads.forEach((head, which) => {
          if (at[which] === others.length) arrived.push(head);
        });
        expect(arrived).toHaveLength(ordered.length);
        expect(judgedEvents(arrived)).toEqual(judgedEvents(ordered));
      }),
    );
  });
});
