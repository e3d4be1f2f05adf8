import { describe, expect, it } from 'vitest';
import { API, PAGE, UA, entry, harOf, judge, postWire, preflightEntry, preflightOk, type Headers } from './testHar.ts';

// Chrome DevTools' HAR export names each preflight's request
// (_initiator.requestId) but gives no request an id of its own. Times below
// are those of DevTools exports of the lab on a loaded 2-core machine.

/** A POST's provisional headers: what DevTools keeps of a request never sent. */
const provisional: Headers = [
  { name: 'Content-Type', value: 'application/json' },
  { name: 'Referer', value: `${PAGE}/` },
  { name: 'User-Agent', value: UA },
];

function withTimes(record: Record<string, unknown>, time: number, receive: number): Record<string, unknown> {
  return { ...record, time, timings: { blocked: 0, dns: -1, ssl: -1, connect: -1, send: 0, wait: time - receive, receive } };
}

describe('preflights linked to their requests in a Chrome DevTools HAR', () => {
  it('pairs a preflight whose entry starts after its refused request seems to have ended', () => {
    // The POST "ends" at 3.9 ms, its preflight starts at 4 ms: times alone pair them with nothing.
    const refused = [{ name: 'Access-Control-Allow-Origin', value: PAGE }, { name: 'Access-Control-Allow-Methods', value: 'POST' }];
    const har = harOf([
      withTimes(entry({ method: 'POST', url: API, headers: provisional }, { status: 0, headers: [], _error: 'net::ERR_FAILED' }, 0, { _resourceType: 'fetch' }), 3.9, 0),
      withTimes(preflightEntry(4, { status: 204, headers: refused }, true, 40, '27198.131'), 1.4, 0.4),
    ]);
    const [transaction, ...rest] = judge(har);
    expect(rest).toHaveLength(0);
    expect(transaction?.verdict).toMatchObject({ preflight: 'sent', failure: { corsError: 'HeaderDisallowedByPreflightResponse', failedParameter: 'content-type' } });
  });

  it('gives concurrent identical requests their preflights in the order of the ids they name', () => {
    const frame = 'http://frame.test';
    const put = (origin: string | null, start: number) =>
      withTimes(entry({ method: 'POST', url: API, headers: origin ? [...postWire.filter((header) => header.name !== 'Origin'), { name: 'Origin', value: origin }] : postWire }, { status: 200, headers: [{ name: 'Access-Control-Allow-Origin', value: origin ?? PAGE }] }, start, { _resourceType: 'fetch' }), 60, 5);
    const preflight = (start: number, id: string, origin = PAGE) => {
      const record = preflightEntry(start, { status: 204, headers: [...preflightOk.filter((header) => header.name !== 'Access-Control-Allow-Origin'), { name: 'Access-Control-Allow-Origin', value: origin }] }, true, 40, id) as { request: { headers: Headers } };
      return { ...record, request: { ...record.request, headers: record.request.headers.map((header) => (header.name === 'Origin' ? { ...header, value: origin } : header)) } };
    };
    const har = harOf([put(PAGE, 0), put(PAGE, 5), put(null, 7), preflight(9, '1461.197'), preflight(9, '1461.198'), put(frame, 12), preflight(13, '1461.199'), preflight(16, '1526.9', frame)]);
    const transactions = judge(har);
    expect(transactions).toHaveLength(4);
    // Each request got a preflight, the other site's frame its own (by its Origin).
    expect(transactions.map((transaction) => transaction.verdict.preflight)).toEqual(['sent', 'sent', 'sent', 'sent']);
    expect(transactions.map((transaction) => transaction.hops[0]?.preflight?.id)).toEqual(['har-3', 'har-4', 'har-6', 'har-7']);
  });

  it('stores a preflight that answered after its request seemed to go out: the next request is a cache hit', () => {
    const cached = [...preflightOk, { name: 'Access-Control-Max-Age', value: '600' }];
    const post = (start: number) => withTimes(entry({ method: 'POST', url: API, headers: postWire }, { status: 200, headers: [{ name: 'Access-Control-Allow-Origin', value: PAGE }] }, start, { _resourceType: 'fetch' }), 5.17, 0.88);
    const har = harOf([post(0), withTimes(preflightEntry(4, { status: 204, headers: cached }, true, 40, '14493.153'), 1.59, 0.39), post(7)]);
    expect(judge(har).map((transaction) => transaction.verdict.preflight)).toEqual(['sent', 'cache-hit']);
  });

  it('gives every preflight naming one request to that request: one per hop of a redirect chain', () => {
    const moved = `${API}/moved`;
    const redirect = entry({ method: 'POST', url: API, headers: postWire }, { status: 307, headers: [{ name: 'Location', value: moved }, { name: 'Access-Control-Allow-Origin', value: PAGE }], redirectURL: moved }, 0, { _resourceType: 'fetch' });
    const next = entry({ method: 'POST', url: moved, headers: postWire }, { status: 200, headers: [{ name: 'Access-Control-Allow-Origin', value: PAGE }] }, 60, { _resourceType: 'fetch' });
    const second = preflightEntry(61, { status: 204, headers: preflightOk }, true, 10, '9.1') as { request: Record<string, unknown> };
    const har = harOf([redirect, preflightEntry(1, { status: 204, headers: preflightOk }, true, 10, '9.1'), next, { ...second, request: { ...second.request, url: moved } }]);
    const [transaction, ...rest] = judge(har);
    expect(rest).toHaveLength(0);
    expect(transaction?.hops.map((hop) => hop.preflight?.id)).toEqual(['har-1', 'har-3']);
  });
});
