import { describe, expect, it } from 'vitest';
import { createPairing, pairEvents } from './pairEvents.ts';
import { MAX_WAITING_PER_KEY, MAX_WAITING_PREFLIGHTS } from './preflightMatcher.ts';
import type { RequestEvent } from './requestEvent.ts';
import { corsErrorOf } from '../cors/verdictFacts.ts';
import { answered, API, h, PAGE, preflight, started, wire } from './testPairing.ts';

/** A preflight answer that allows PUT and may be cached for 600 s. */
const ALLOW_PUT_FOR_600_S: [string, string][] = [
  ['Access-Control-Allow-Methods', 'PUT'],
  ['Access-Control-Max-Age', '600'],
];

describe('pairEvents: a preflight and the request it guards, redirects, credentials, and what is left out', () => {
  it('judges a simple cross-origin GET without a preflight', () => {
    const { transactions } = pairEvents([started({ id: 'a', at: 0 }), ...answered('a', 1)]);
    expect(transactions).toHaveLength(1);
    expect(transactions[0]?.verdict).toMatchObject({ outcome: 'allowed', preflight: 'not-needed' });
  });

  it('pairs a preflight with the request it guards and judges both', () => {
    const { transactions } = pairEvents([
      started({ id: 'put', at: 0, method: 'PUT' }),
      ...preflight('options', 1, 'PUT', '', [['Access-Control-Allow-Methods', 'GET']]),
      { type: 'failed', id: 'put', time: 3, error: 'net::ERR_FAILED' },
    ]);
    expect(transactions[0]?.hops[0]?.preflight?.id).toBe('options');
    expect(transactions[0]?.verdict).toMatchObject({
      failure: { corsError: 'MethodDisallowedByPreflightResponse', failedParameter: 'PUT' },
      preflight: 'sent',
    });
  });

  it('pairs a preflight seen before its request (some HAR writers put it first)', () => {
    const { transactions, stats } = pairEvents([
      ...preflight('options', 0, 'PUT', '', [['Access-Control-Allow-Methods', 'PUT']]),
      started({ id: 'put', at: 5, method: 'PUT' }),
      ...answered('put', 6),
    ]);
    expect(transactions[0]?.hops[0]?.preflight?.id).toBe('options');
    expect(stats.unpairedPreflights).toBe(0);
  });

  it('pairs six concurrent preflights to one URL by their header lists, whatever their order', () => {
    const ids = ['a', 'b', 'c', 'd', 'e', 'f'];
    const events: RequestEvent[] = ids.map((id, index) => started({ id, at: index / 10, method: 'PUT', headers: [[`X-Req-${id}`, id]] }));
    for (const [index, id] of [...ids].reverse().entries()) {
      events.push(
        ...preflight(`options-${id}`, 1 + index / 10, 'PUT', `x-req-${id}`, [
          ['Access-Control-Allow-Methods', 'PUT'],
          ['Access-Control-Allow-Headers', `x-req-${id}`],
        ]),
      );
    }
    for (const [index, id] of ids.entries()) events.push(...answered(id, 3 + index / 10, undefined, [[`X-Req-${id}`, id]]));
    const { transactions } = pairEvents(events);
    expect(transactions.map((transaction) => transaction.hops[0]?.preflight?.id)).toEqual(ids.map((id) => `options-${id}`));
    expect(transactions.every((transaction) => transaction.verdict.outcome === 'allowed')).toBe(true);
  });

  it('pairs identical concurrent requests first come, first served', () => {
    const events: RequestEvent[] = [started({ id: 'one', at: 0, method: 'PUT' }), started({ id: 'two', at: 0.1, method: 'PUT' })];
    events.push(
      ...preflight('p1', 1, 'PUT', '', [['Access-Control-Allow-Methods', 'PUT']]),
      ...preflight('p2', 1.2, 'PUT', '', [['Access-Control-Allow-Methods', 'PUT']]),
    );
    events.push(...answered('one', 3), ...answered('two', 3.5));
    const { transactions } = pairEvents(events);
    expect(transactions.map((transaction) => transaction.hops[0]?.preflight?.id)).toEqual(['p1', 'p2']);
  });

  it('gives up the oldest preflight once more than MAX_WAITING_PER_KEY wait for one URL, and still pairs the rest', () => {
    const waiting = Array.from({ length: MAX_WAITING_PER_KEY + 2 }, (_, index) =>
      preflight(`orphan-${index}`, index, 'PUT', '', [['Access-Control-Allow-Methods', 'PUT']]),
    ).flat();
    const late = MAX_WAITING_PER_KEY + 10;
    const { transactions, stats } = pairEvents([...waiting, started({ id: 'put', at: late, method: 'PUT' }), ...answered('put', late + 1)]);
    // orphan-0 and orphan-1 were given up: the oldest still waiting is orphan-2.
    expect(transactions[0]?.hops[0]?.preflight?.id).toBe('orphan-2');
    expect(stats.unpairedPreflights).toBe(MAX_WAITING_PER_KEY + 1);
  });

  it('gives up the oldest request once more than MAX_WAITING_PER_KEY wait for a preflight to one URL', () => {
    const count = MAX_WAITING_PER_KEY + 2;
    const events: RequestEvent[] = Array.from({ length: count }, (_, index) => started({ id: `put-${index}`, at: index, method: 'PUT' }));
    events.push(...preflight('options', count, 'PUT', '', [['Access-Control-Allow-Methods', 'PUT']]));
    const { transactions } = pairEvents(events);
    const paired = transactions.filter((transaction) => transaction.hops[0]?.preflight).map((transaction) => transaction.id);
    expect(paired).toEqual(['put-2']);
  });

  it('keeps at most MAX_WAITING_PREFLIGHTS unclaimed preflights in a live pairing, giving up the oldest', () => {
    const judged = new Map<string, string | undefined>();
    const pairing = createPairing({ onTransaction: (transaction) => judged.set(transaction.id, transaction.hops[0]?.preflight?.id) });
    const count = MAX_WAITING_PREFLIGHTS + 5;
    for (let index = 0; index < count; index++) {
      for (const event of preflight(`orphan-${index}`, index, 'PUT', '', [['Access-Control-Allow-Methods', 'PUT']], { url: `${API}/${index}` }))
        pairing.push(event);
    }
    const open = new Set(pairing.openEvents().map((event) => ('id' in event ? event.id : '')));
    expect(open.size).toBe(MAX_WAITING_PREFLIGHTS);
    expect(open.has('orphan-4')).toBe(false);
    expect(open.has('orphan-5')).toBe(true);
    // The newest still pairs; the given-up one is counted, never claimed.
    for (const index of [0, count - 1]) {
      pairing.push(started({ id: `put-${index}`, at: count + index, method: 'PUT', url: `${API}/${index}` }));
      for (const event of answered(`put-${index}`, count + index + 1)) pairing.push(event);
    }
    pairing.finish();
    expect(judged.has('put-0')).toBe(true);
    expect(judged.get('put-0')).toBeUndefined();
    expect(judged.get(`put-${count - 1}`)).toBe(`orphan-${count - 1}`);
    expect(pairing.stats().unpairedPreflights).toBe(count - 1);
  });

  it('never pairs across tabs', () => {
    const { transactions, stats } = pairEvents([
      started({ id: 'put', at: 0, method: 'PUT', context: { tabId: 1, frameId: 0 } }),
      ...preflight('other-tab', 1, 'PUT', '', [['Access-Control-Allow-Methods', 'PUT']], { context: { tabId: 2, frameId: 0 } }),
      ...answered('put', 3),
    ]);
    expect(transactions[0]?.hops[0]?.preflight).toBeUndefined();
    expect(stats.unpairedPreflights).toBe(1);
  });

  it('recognises a preflight whose headers come only when it is sent (webRequest)', () => {
    const { transactions } = pairEvents([
      started({ id: 'put', at: 0, method: 'PUT' }),
      { type: 'started', id: 'options', time: 1, url: API, method: 'OPTIONS' },
      { type: 'sent', id: 'options', time: 1.1, headers: h(['Access-Control-Request-Method', 'PUT'], ['Origin', PAGE]) },
      { type: 'response', id: 'options', time: 1.5, status: 204, headers: h(['Access-Control-Allow-Origin', PAGE], ['Access-Control-Allow-Methods', 'PUT']) },
      { type: 'completed', id: 'options', time: 1.6 },
      ...answered('put', 2),
    ]);
    expect(transactions[0]?.hops[0]?.preflight?.id).toBe('options');
    expect(transactions[0]?.verdict.preflight).toBe('sent');
  });

  it('waits for a preflight that ends in the same millisecond as its request', () => {
    const { transactions } = pairEvents([
      started({ id: 'post', at: 0, method: 'POST', headers: [['Content-Type', 'application/json']] }),
      {
        type: 'started',
        id: 'options',
        time: 1,
        url: API,
        method: 'OPTIONS',
        headers: h(['Access-Control-Request-Method', 'POST'], ['Access-Control-Request-Headers', 'content-type']),
      },
      { type: 'failed', id: 'post', time: 2000, error: 'net::ERR_CONNECTION_REFUSED' },
      { type: 'failed', id: 'options', time: 2000, error: 'net::ERR_CONNECTION_REFUSED' },
    ]);
    expect(transactions[0]?.verdict).toMatchObject({ outcome: 'network-error', networkError: 'net::ERR_CONNECTION_REFUSED', stage: 'preflight' });
  });

  it('serves a second request from the entry the first preflight stored', () => {
    const { transactions } = pairEvents([
      started({ id: 'first', at: 0, method: 'PUT' }),
      ...preflight('options', 1, 'PUT', '', ALLOW_PUT_FOR_600_S),
      ...answered('first', 3),
      started({ id: 'second', at: 10, method: 'PUT' }),
      ...answered('second', 11),
    ]);
    const second = transactions[1]?.verdict;
    expect(second?.preflight).toBe('cache-hit');
    expect(second?.hops[0]?.cacheEntry).toMatchObject({ storedAt: 2, expiresAt: 2 + 600_000 });
  });

  it.each([
    ['the cache was bypassed (the preflight carried Cache-Control: no-cache)', { cacheControl: 'no-cache' }, 'bypass'],
    ['for a reason the capture does not show', {}, 'unknown'],
  ] as const)('says why a request was preflighted although the cache held an entry: %s', (_, second, reason) => {
    const { transactions } = pairEvents([
      started({ id: 'first', at: 0, method: 'PUT' }),
      ...preflight('p1', 1, 'PUT', '', ALLOW_PUT_FOR_600_S),
      ...answered('first', 3),
      started({ id: 'second', at: 10, method: 'PUT' }),
      ...preflight('p2', 11, 'PUT', '', ALLOW_PUT_FOR_600_S, second),
      ...answered('second', 13),
    ]);
    expect(transactions[1]?.verdict.preflight).toBe('sent');
    expect(transactions[1]?.verdict.notes).toContainEqual(expect.objectContaining({ kind: 'preflighted-despite-cache', reason }));
  });

  it('follows a redirect as one request with two hops', () => {
    const { transactions } = pairEvents([
      started({ id: 'r', at: 0 }),
      { type: 'sent', id: 'r', time: 1, headers: wire() },
      {
        type: 'redirect',
        id: 'r',
        time: 2,
        status: 302,
        headers: h(['Location', 'http://api.test/moved'], ['Access-Control-Allow-Origin', PAGE]),
        location: 'http://api.test/moved',
      },
      ...answered('r', 3, [['Access-Control-Allow-Origin', 'https://elsewhere.test']]),
    ]);
    expect(transactions[0]?.hops.map((hop) => hop.url)).toEqual([API, 'http://api.test/moved']);
    expect(transactions[0]?.verdict).toMatchObject({ failure: { corsError: 'AllowOriginMismatch' }, failedHop: 1 });
  });

  it("follows the source's own link from a preflight to its request (CDP's), even when an identical request waits", () => {
    const frame = { tabId: 1, frameId: 0 };
    const { transactions } = pairEvents([
      started({ id: 'page', at: 0, method: 'PUT', context: frame }),
      started({ id: 'iframe', at: 0.4, method: 'PUT', context: frame }),
      // The iframe's preflight is reported first, linked to its own request.
      { ...preflight('iframe-p', 1, 'PUT', '', [['Access-Control-Allow-Methods', 'PUT']])[0]!, preflightFor: 'iframe' } as RequestEvent,
      ...preflight('iframe-p', 1, 'PUT', '', [['Access-Control-Allow-Methods', 'PUT']]).slice(1),
      { ...preflight('page-p', 2, 'PUT', '', [['Access-Control-Allow-Methods', 'PUT']])[0]!, preflightFor: 'page' } as RequestEvent,
      ...preflight('page-p', 2, 'PUT', '', [['Access-Control-Allow-Methods', 'PUT']]).slice(1),
      ...answered('iframe', 4),
      ...answered('page', 5),
    ]);
    expect(Object.fromEntries(transactions.map((transaction) => [transaction.id, transaction.hops[0]?.preflight?.id]))).toEqual({
      page: 'page-p',
      iframe: 'iframe-p',
    });
  });

  it('only counts same-origin, no-cors and navigation requests', () => {
    const { transactions, stats } = pairEvents([
      { type: 'started', id: 'same', time: 0, url: `${PAGE}/x`, method: 'GET', initiatorOrigin: PAGE, resourceType: 'fetch' },
      { type: 'completed', id: 'same', time: 1 },
      { type: 'started', id: 'image', time: 0, url: 'http://cdn.test/a.png', method: 'GET', initiatorOrigin: PAGE, resourceType: 'image' },
      { type: 'completed', id: 'image', time: 1 },
      { type: 'started', id: 'nav', time: 0, url: 'http://other.test/', method: 'GET', resourceType: 'document' },
      { type: 'completed', id: 'nav', time: 1 },
    ]);
    expect(transactions).toEqual([]);
    // The navigation the user started has no initiator; it is still a navigation.
    expect(stats).toMatchObject({ sameOrigin: 1, notCorsMode: 1, navigations: 1, unknownInitiator: 0 });
  });

  it('counts a same-origin script as same-origin, not as no-cors', () => {
    const { stats } = pairEvents([
      { type: 'started', id: 'script', time: 0, url: `${PAGE}/app.js`, method: 'GET', initiatorOrigin: PAGE, resourceType: 'script' },
      { type: 'completed', id: 'script', time: 1 },
    ]);
    expect(stats).toMatchObject({ sameOrigin: 1, notCorsMode: 0 });
  });

  describe('credentials, from the wire', () => {
    const star: [string, string][] = [['Access-Control-Allow-Origin', '*']];

    it('Sec-Fetch-Storage-Access means credentials were included', () => {
      const { transactions } = pairEvents([started({ id: 'a', at: 0 }), ...answered('a', 1, star, [['Sec-Fetch-Storage-Access', 'none']])]);
      expect(transactions[0]?.request.credentials).toBe('include');
      expect(corsErrorOf(transactions[0]!.verdict)).toBe('WildcardOriginNotAllowed');
    });

    it('its absence on a cross-site request from Chromium 133+ means they were not', () => {
      const { transactions } = pairEvents([started({ id: 'a', at: 0 }), ...answered('a', 1, star)]);
      expect(transactions[0]?.evidence.credentials).toBe('no-storage-access-header');
      expect(transactions[0]?.verdict.outcome).toBe('allowed');
    });

    it('a request never sent after a "*" preflight can only have included credentials', () => {
      const { transactions } = pairEvents([
        started({ id: 'put', at: 0, method: 'PUT' }),
        { type: 'started', id: 'options', time: 1, url: API, method: 'OPTIONS', headers: h(['Access-Control-Request-Method', 'PUT'], ['Origin', PAGE]) },
        { type: 'response', id: 'options', time: 2, status: 204, headers: h(['Access-Control-Allow-Origin', '*'], ['Access-Control-Allow-Methods', 'PUT']) },
        { type: 'completed', id: 'options', time: 2 },
        { type: 'failed', id: 'put', time: 3, error: 'net::ERR_FAILED' },
      ]);
      expect(corsErrorOf(transactions[0]!.verdict)).toBe('PreflightWildcardOriginNotAllowed');
      expect(transactions[0]?.verdict.notes).toContainEqual(expect.objectContaining({ kind: 'credentials-inferred' }));
    });
  });

  it('applies Local Network Access with the security context the page showed', () => {
    const { transactions } = pairEvents([
      { type: 'security-context', time: 0, initiatorOrigin: PAGE, isSecureContext: true, addressSpace: 'public', policy: 'PermissionBlock' },
      started({ id: 'local', at: 1, url: 'http://localhost:8080/api' }),
      { type: 'failed', id: 'local', time: 2, error: 'net::ERR_FAILED' },
    ]);
    expect(transactions[0]?.verdict).toMatchObject({ failure: { corsError: 'LocalNetworkAccessPermissionDenied' }, stage: 'connection' });
  });

  it('a live pairing hands each judged transaction over and keeps none; a judged id may start a new request', () => {
    const seen: string[] = [];
    const pairing = createPairing({ onTransaction: (transaction) => seen.push(transaction.id) });
    for (const event of [started({ id: 'a', at: 0 }), ...answered('a', 1), started({ id: 'b', at: 5 })]) pairing.push(event);
    expect(seen).toEqual(['a']);
    // A late event of a judged request changes nothing.
    pairing.push({ type: 'failed', id: 'a', time: 6, error: 'net::ERR_ABORTED' });
    expect(seen).toEqual(['a']);
    // The same id, started again, is a new request.
    for (const event of [started({ id: 'a', at: 7 }), ...answered('a', 8)]) pairing.push(event);
    expect(seen).toEqual(['a', 'a']);
    expect(pairing.finish().map((transaction) => [transaction.id, transaction.state])).toEqual([['b', 'in-flight']]);
  });

  it('pairEvents gives every transaction in start order, whatever order they were judged in', () => {
    const { transactions } = pairEvents([started({ id: 'slow', at: 0 }), started({ id: 'quick', at: 1 }), ...answered('quick', 2), ...answered('slow', 10)]);
    expect(transactions.map((transaction) => transaction.id)).toEqual(['slow', 'quick']);
  });
});
