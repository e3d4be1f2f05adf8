import { describe, expect, it } from 'vitest';
import { generateEvents } from '../../../bench/events.ts';
import { PreflightCache } from '../cache/preflightCache.ts';
import { decideVerdict } from '../cors/decideVerdict.ts';
import { pairEvents } from './pairEvents.ts';
import type { RequestEvent } from './requestEvent.ts';
import { answered, API, h, PAGE, preflight, started } from './testPairing.ts';

describe('pairEvents: what was observed wins', () => {
  it('stores a preflight whose answer the capture shows after its request went out: the next request is a cache hit', () => {
    const [preflightStarted, preflightAnswer, preflightDone] = preflight('options', 1, 'PUT', '', [
      ['Access-Control-Allow-Methods', 'PUT'],
      ['Access-Control-Max-Age', '600'],
    ]);
    const { transactions } = pairEvents([
      started({ id: 'first', at: 0, method: 'PUT' }),
      preflightStarted as RequestEvent,
      // The request seems to go out before its preflight's answer (HAR times on a loaded machine).
      ...answered('first', 1.5),
      { ...(preflightAnswer as RequestEvent), time: 3.8 },
      { ...(preflightDone as RequestEvent), time: 3.9 },
      started({ id: 'second', at: 10, method: 'PUT' }),
      ...answered('second', 11),
    ]);
    expect(transactions.map((transaction) => transaction.verdict.preflight)).toEqual(['sent', 'cache-hit']);
  });

  it('a preflight answered before a later request started serves it, though its own request waits to go out (six connections per host)', () => {
    const events = (credentialed: boolean): RequestEvent[] => [
      started({ id: 'queued', at: 0, method: 'PUT' }),
      ...preflight('options', 1, 'PUT', '', [
        ['Access-Control-Allow-Methods', 'PUT'],
        ['Access-Control-Allow-Credentials', 'true'],
      ]),
      // The second PUT is served by the entry the first one's preflight made, and ends first.
      started({ id: 'served', at: 10, method: 'PUT' }),
      ...answered('served', 11),
      // The first PUT goes out last, with a cookie when credentialed: its entry is then the credentialed one.
      ...answered('queued', 20, [['Access-Control-Allow-Origin', PAGE]], credentialed ? [['Cookie', 'a=b']] : []),
    ];
    const plain = pairEvents(events(false)).transactions;
    expect(plain.map((transaction) => [transaction.id, transaction.verdict.preflight])).toEqual([
      ['queued', 'sent'],
      ['served', 'cache-hit'],
    ]);
    expect(plain[1]?.verdict.hops[0]?.cacheEntry?.storedAt).toBe(2);
    // Once the first PUT shows it carried credentials, its entry is stored again, as it turned out.
    const cache = new PreflightCache();
    pairEvents(events(true), { cache });
    expect(cache.peek({ origin: PAGE, url: API })).toMatchObject({ storedAt: 2, result: { credentials: true } });
  });

  it('takes a preflight the rules did not predict as sent (an XHR with an upload listener), and says so', () => {
    const { transactions } = pairEvents([
      started({ id: 'post', at: 0, method: 'POST', headers: [['Content-Type', 'text/plain']] }),
      ...preflight('options', 1, 'POST', '', []),
      ...answered('post', 3),
    ]);
    expect(transactions[0]?.verdict).toMatchObject({ outcome: 'allowed', preflight: 'sent' });
    expect(transactions[0]?.verdict.notes).toContainEqual({ kind: 'preflight-not-predicted', hop: 0 });
    expect(transactions[0]?.hops[0]?.preflight?.id).toBe('options');
  });

  it('never says "allowed" for a transaction the capture says failed, over a generated capture', () => {
    for (const seed of [1, 2, 3]) {
      const failed = pairEvents(generateEvents(5_000, seed).events).transactions.filter((transaction) => transaction.state === 'failed');
      expect(failed.length).toBeGreaterThan(100);
      for (const transaction of failed) expect(transaction.verdict.outcome).not.toBe('allowed');
    }
  });

  it('claims a cache hit only where the model holds the entry that served it, over a generated capture', () => {
    const { transactions } = pairEvents(generateEvents(10_000, 4).events);
    const hits = transactions.filter((transaction) => transaction.verdict.preflight === 'cache-hit');
    expect(hits.length).toBeGreaterThan(30);
    for (const transaction of hits) {
      expect(transaction.hops.some((hop) => hop.preflight)).toBe(false);
      expect(transaction.verdict.hops.some((hop) => hop.preflight === 'cache-hit' && hop.cacheEntry !== undefined)).toBe(true);
    }
  });

  it('judges a request from an opaque origin (Origin: null) and keeps no cache entry for it', () => {
    const opaque = (id: string, at: number): RequestEvent[] => [
      { type: 'started', id, time: at, url: API, method: 'PUT', headers: [], initiatorOrigin: 'null', resourceType: 'fetch' },
      { type: 'sent', id, time: at + 2, headers: h(['Host', 'api.test'], ['Origin', 'null'], ['Sec-Fetch-Mode', 'cors']) },
      { type: 'response', id, time: at + 3, status: 200, headers: h(['Access-Control-Allow-Origin', '*']) },
      { type: 'completed', id, time: at + 4 },
    ];
    const allowNull = (id: string, at: number): RequestEvent[] => [
      { type: 'started', id, time: at, url: API, method: 'OPTIONS', headers: h(['Access-Control-Request-Method', 'PUT'], ['Origin', 'null']) },
      {
        type: 'response',
        id,
        time: at + 0.5,
        status: 204,
        headers: h(['Access-Control-Allow-Origin', 'null'], ['Access-Control-Allow-Methods', 'PUT'], ['Access-Control-Max-Age', '600']),
      },
      { type: 'completed', id, time: at + 0.5 },
    ];
    const { transactions, cache } = pairEvents([...opaque('a', 0), ...allowNull('pa', 1), ...opaque('b', 10), ...allowNull('pb', 11)]);
    expect(transactions.map((transaction) => [transaction.request.initiatorOrigin, transaction.verdict.outcome, transaction.verdict.preflight])).toEqual([
      ['null', 'allowed', 'sent'],
      ['null', 'allowed', 'sent'],
    ]);
    expect(cache.entries(20)).toEqual([]);
  });
});

describe('pairEvents: which requests are CORS requests', () => {
  it('judges a same-origin request by every URL it reached: one the browser refused to redirect elsewhere is a CORS request', () => {
    const { transactions, stats } = pairEvents([
      { type: 'started', id: 'r', time: 0, url: `${PAGE}/moved`, method: 'GET', headers: [], initiatorOrigin: PAGE, resourceType: 'fetch' },
      { type: 'sent', id: 'r', time: 1, headers: h(['Host', 'app.test'], ['Sec-Fetch-Mode', 'cors']) },
      // The redirect to a URL with credentials is refused: webRequest reports the 302, then the failure.
      { type: 'response', id: 'r', time: 2, status: 302, headers: h(['Location', 'http://user:pw@api.test/next']) },
      { type: 'failed', id: 'r', time: 3, error: 'net::ERR_FAILED' },
    ]);
    expect(stats.sameOrigin).toBe(0);
    expect(transactions[0]?.verdict).toMatchObject({ outcome: 'blocked', failure: { corsError: 'RedirectContainsCredentials' } });
  });

  it("trusts the names a preflight announced over the request's surviving headers (a sanitized HAR drops Authorization)", () => {
    const { transactions } = pairEvents([
      started({ id: 'get', at: 0, headers: [['Accept', '*/*']] }),
      ...preflight('options', 1, 'GET', 'authorization', [['Access-Control-Allow-Headers', 'x-other']]),
      { type: 'failed', id: 'get', time: 3, error: 'net::ERR_FAILED' },
    ]);
    expect(transactions[0]?.verdict).toMatchObject({
      failure: { corsError: 'HeaderDisallowedByPreflightResponse', failedParameter: 'authorization' },
      preflight: 'sent',
    });
    expect(transactions[0]?.evidence.headers).toBe('preflight');
    expect(transactions[0]?.verdict.notes).not.toContainEqual(expect.objectContaining({ kind: 'preflight-not-predicted' }));
  });
});

describe('pairEvents: one capture per transaction', () => {
  it('keeps the hops the engine judged: the same capture, judged again, gives the same verdict', () => {
    const { transactions } = pairEvents([
      started({ id: 'allowed', at: 0 }),
      ...answered('allowed', 1),
      started({ id: 'blocked', at: 10, url: `${API}/blocked` }),
      ...answered('blocked', 11, []).slice(0, 2),
      { type: 'failed', id: 'blocked', time: 13, error: 'net::ERR_FAILED' },
    ]);
    expect(transactions.map((transaction) => transaction.verdict.outcome)).toEqual(['allowed', 'blocked']);
    for (const transaction of transactions) expect(decideVerdict(transaction)).toEqual(transaction.verdict);
  });

  it('says of each hop whether it went out and how it ended, as the engine read it', () => {
    const { transactions } = pairEvents([
      started({ id: 'refused', at: 0 }),
      { type: 'failed', id: 'refused', time: 2, error: 'net::ERR_CONNECTION_REFUSED' },
      started({ id: 'sent', at: 10 }),
      ...answered('sent', 11),
    ]);
    expect(transactions.map(({ hops }) => hops.map(({ sent, networkError }) => ({ sent, networkError })))).toEqual([
      [{ sent: false, networkError: 'net::ERR_CONNECTION_REFUSED' }],
      [{ sent: true, networkError: undefined }],
    ]);
  });
});
