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

/** An entry's time and its timings as DevTools writes them: wait is what the other phases leave. */
function withTimings(record: Record<string, unknown>, time: number, phases: { blocked: number; send: number; receive: number }): Record<string, unknown> {
  const wait = time - Math.max(0, phases.blocked) - phases.send - phases.receive;
  return { ...record, time, timings: { blocked: phases.blocked, dns: -1, ssl: -1, connect: -1, send: phases.send, wait, receive: phases.receive } };
}

function withTimes(record: Record<string, unknown>, time: number, receive: number): Record<string, unknown> {
  return { ...record, time, timings: { blocked: 0, dns: -1, ssl: -1, connect: -1, send: 0, wait: time - receive, receive } };
}

describe('preflights linked to their requests in a Chrome DevTools HAR', () => {
  it('pairs a preflight whose entry starts after its refused request seems to have ended', () => {
    // The POST "ends" at 3.9 ms, its preflight starts at 4 ms: times alone pair them with nothing.
    const refused = [
      { name: 'Access-Control-Allow-Origin', value: PAGE },
      { name: 'Access-Control-Allow-Methods', value: 'POST' },
    ];
    const har = harOf([
      withTimes(
        entry({ method: 'POST', url: API, headers: provisional }, { status: 0, headers: [], _error: 'net::ERR_FAILED' }, 0, { _resourceType: 'fetch' }),
        3.9,
        0,
      ),
      withTimes(preflightEntry(4, { status: 204, headers: refused }, true, 40, '27198.131'), 1.4, 0.4),
    ]);
    const [transaction, ...rest] = judge(har);
    expect(rest).toHaveLength(0);
    expect(transaction?.verdict).toMatchObject({
      preflight: 'sent',
      failure: { corsError: 'HeaderDisallowedByPreflightResponse', failedParameter: 'content-type' },
    });
  });

  it("gives a late preflight entry to the first of two identical requests that seem to have ended before it: the second was the cache's", () => {
    // Chromium 156's export of the lab's cache-kept-after-blocked-response under load: both PUTs' entries end
    // (8 ms and 17 ms) before the one preflight's entry starts; Chromium sent the preflight for the first and
    // served the second from its cache.
    const cached = [...preflightOk, { name: 'Access-Control-Max-Age', value: '600' }];
    const put = (start: number, time: number) =>
      withTimings(
        entry({ method: 'POST', url: API, headers: postWire }, { status: 200, headers: [], _error: 'net::ERR_FAILED' }, start, { _resourceType: 'fetch' }),
        time,
        { blocked: time, send: 0, receive: 0 },
      );
    const preflight = withTimings(preflightEntry(24, { status: 204, headers: cached }, true, 1.79, '14493.170'), 1.79, {
      blocked: -0.01,
      send: 0,
      receive: 0.58,
    });
    const transactions = judge(harOf([put(0, 7.28), put(9, 6.78), preflight]));
    expect(transactions.map((transaction) => transaction.verdict.preflight)).toEqual(['sent', 'cache-hit']);
  });

  it("gives a preflight to the request that shows its Origin before an earlier one that shows none (the lab's page-iframe-worker-same-url)", () => {
    // Chromium 156's export under load: a worker's request carried no Origin in the HAR, and another origin's
    // preflight started while it was still in flight, before the preflight of its own origin.
    const OTHER = 'http://other.example';
    const withOrigin = (headers: Headers, origin: string | null): Headers => [
      ...headers.filter((header) => header.name !== 'Origin'),
      ...(origin === null ? [] : [{ name: 'Origin', value: origin }]),
    ];
    const post = (start: number, origin: string | null, allowed: string) =>
      entry(
        { method: 'POST', url: API, headers: withOrigin(postWire, origin) },
        { status: 200, headers: [{ name: 'Access-Control-Allow-Origin', value: allowed }] },
        start,
        {
          _resourceType: 'fetch',
        },
      );
    const preflight = (start: number, origin: string, id: string): Record<string, unknown> => {
      const record = preflightEntry(
        start,
        { status: 204, headers: preflightOk.map((header) => (header.name === 'Access-Control-Allow-Origin' ? { ...header, value: origin } : header)) },
        true,
        5,
        id,
      );
      const request = record.request as { headers: Headers };
      return { ...record, request: { ...request, headers: withOrigin(request.headers, origin) } };
    };
    const transactions = judge(harOf([post(0, null, PAGE), post(2, OTHER, OTHER), preflight(5, OTHER, '9.2'), preflight(8, PAGE, '9.1')]));
    expect(transactions.map((transaction) => [transaction.request.initiatorOrigin, transaction.verdict.preflight, transaction.verdict.outcome])).toEqual([
      [PAGE, 'sent', 'allowed'],
      [OTHER, 'sent', 'allowed'],
    ]);
  });

  it('moves a request with no time to hold its preflight after the preflight instead', () => {
    const refused = [
      { name: 'Access-Control-Allow-Origin', value: PAGE },
      { name: 'Access-Control-Allow-Methods', value: 'POST' },
    ];
    const har = harOf([
      withTimes(
        entry({ method: 'POST', url: API, headers: provisional }, { status: 0, headers: [], _error: 'net::ERR_FAILED' }, 0, { _resourceType: 'fetch' }),
        0,
        0,
      ),
      withTimes(preflightEntry(4, { status: 204, headers: refused }, true, 40, '27198.132'), 1.4, 0.4),
    ]);
    const [transaction, ...rest] = judge(har);
    expect(rest).toHaveLength(0);
    expect(transaction?.verdict).toMatchObject({
      preflight: 'sent',
      failure: { corsError: 'HeaderDisallowedByPreflightResponse', failedParameter: 'content-type' },
    });
  });

  it('gives concurrent identical requests their preflights in the order of the ids they name', () => {
    const frame = 'http://frame.test';
    const put = (origin: string | null, start: number) =>
      withTimes(
        entry(
          {
            method: 'POST',
            url: API,
            headers: origin ? [...postWire.filter((header) => header.name !== 'Origin'), { name: 'Origin', value: origin }] : postWire,
          },
          { status: 200, headers: [{ name: 'Access-Control-Allow-Origin', value: origin ?? PAGE }] },
          start,
          { _resourceType: 'fetch' },
        ),
        60,
        5,
      );
    const preflight = (start: number, id: string, origin = PAGE) => {
      const record = preflightEntry(
        start,
        {
          status: 204,
          headers: [...preflightOk.filter((header) => header.name !== 'Access-Control-Allow-Origin'), { name: 'Access-Control-Allow-Origin', value: origin }],
        },
        true,
        40,
        id,
      ) as { request: { headers: Headers } };
      return {
        ...record,
        request: { ...record.request, headers: record.request.headers.map((header) => (header.name === 'Origin' ? { ...header, value: origin } : header)) },
      };
    };
    const har = harOf([
      put(PAGE, 0),
      put(PAGE, 5),
      put(null, 7),
      preflight(9, '1461.197'),
      preflight(9, '1461.198'),
      put(frame, 12),
      preflight(13, '1461.199'),
      preflight(16, '1526.9', frame),
    ]);
    const transactions = judge(har);
    expect(transactions).toHaveLength(4);
    // Each request got a preflight, the other site's frame its own (by its Origin).
    expect(transactions.map((transaction) => transaction.verdict.preflight)).toEqual(['sent', 'sent', 'sent', 'sent']);
    expect(transactions.map((transaction) => transaction.hops[0]?.preflight?.id)).toEqual(['har-3', 'har-4', 'har-6', 'har-7']);
  });

  it('stores a preflight that answered after its request seemed to go out: the next request is a cache hit', () => {
    const cached = [...preflightOk, { name: 'Access-Control-Max-Age', value: '600' }];
    const post = (start: number) =>
      withTimes(
        entry({ method: 'POST', url: API, headers: postWire }, { status: 200, headers: [{ name: 'Access-Control-Allow-Origin', value: PAGE }] }, start, {
          _resourceType: 'fetch',
        }),
        5.17,
        0.88,
      );
    const har = harOf([post(0), withTimes(preflightEntry(4, { status: 204, headers: cached }, true, 40, '14493.153'), 1.59, 0.39), post(7)]);
    expect(judge(har).map((transaction) => transaction.verdict.preflight)).toEqual(['sent', 'cache-hit']);
  });

  it("trusts the request's timeline over its preflight's: a preflight that ends after its request was answered was stored before the next request", () => {
    // Chromium 156's export of the lab's max-age-fraction under load: the POST waits 17 ms (blocked) for its
    // preflight and is answered at 19 ms, but the preflight's own timings end it at 25 ms; the second POST
    // starts at 23 ms, and Chromium served it from the preflight cache.
    const cached = [...preflightOk, { name: 'Access-Control-Max-Age', value: '600' }];
    const post = (start: number, time: number, blocked: number) =>
      withTimings(
        entry({ method: 'POST', url: API, headers: postWire }, { status: 200, headers: [{ name: 'Access-Control-Allow-Origin', value: PAGE }] }, start, {
          _resourceType: 'fetch',
        }),
        time,
        { blocked, send: 0.1, receive: 1.5 },
      );
    const preflight = withTimings(preflightEntry(10, { status: 204, headers: cached }, true, 15, '14493.160'), 14.9, { blocked: -0.8, send: 0, receive: 0.7 });
    const har = harOf([post(0, 20.5, 17), preflight, post(23, 9.9, 0.9)]);
    const transactions = judge(har);
    expect(transactions.map((transaction) => transaction.verdict.preflight)).toEqual(['sent', 'cache-hit']);
    expect(transactions[0]?.hops[0]?.preflight?.id).toBe('har-1');
  });

  it('gives every preflight naming one request to that request: one per hop of a redirect chain', () => {
    const moved = `${API}/moved`;
    const redirect = entry(
      { method: 'POST', url: API, headers: postWire },
      {
        status: 307,
        headers: [
          { name: 'Location', value: moved },
          { name: 'Access-Control-Allow-Origin', value: PAGE },
        ],
        redirectURL: moved,
      },
      0,
      { _resourceType: 'fetch' },
    );
    const next = entry(
      { method: 'POST', url: moved, headers: postWire },
      { status: 200, headers: [{ name: 'Access-Control-Allow-Origin', value: PAGE }] },
      60,
      { _resourceType: 'fetch' },
    );
    const second = preflightEntry(61, { status: 204, headers: preflightOk }, true, 10, '9.1') as { request: Record<string, unknown> };
    const har = harOf([
      redirect,
      preflightEntry(1, { status: 204, headers: preflightOk }, true, 10, '9.1'),
      next,
      { ...second, request: { ...second.request, url: moved } },
    ]);
    const [transaction, ...rest] = judge(har);
    expect(rest).toHaveLength(0);
    expect(transaction?.hops.map((hop) => hop.preflight?.id)).toEqual(['har-1', 'har-3']);
  });
});
