import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { CredentialsMode } from '../cors/corsRequest.ts';
import type { PreflightResult } from '../cors/preflightResult.ts';
import { PreflightCache, type PreflightCacheKey, type PreflightCacheQuery } from './preflightCache.ts';

// Facts from Chromium's source and the lab:
//  - the key, size, eviction and lookup: preflight_cache.cc, https://source.chromium.org/chromium/chromium/src/+/main:services/network/cors/preflight_cache.cc
//  - the lifetime and the method and header matching: preflight_result.cc, https://source.chromium.org/chromium/chromium/src/+/main:services/network/cors/preflight_result.cc
//  - the model it departs from (merged entries): the Fetch Standard's https://fetch.spec.whatwg.org/#cors-preflight-cache
//  - seen in Chromium 156: the cache-* scenarios of e2e/lab/scenarios/preflightCache.ts.

const T0 = Date.UTC(2026, 10, 1, 12, 0, 0);
const KEY: PreflightCacheKey = { origin: 'https://app.test', url: 'https://api.test/items?page=1' };

function result(overrides: Partial<PreflightResult> = {}): PreflightResult {
  return { methods: ['PUT'], headers: ['x-custom'], credentials: false, maxAge: '60', allowMethodsValue: 'PUT', allowHeadersValue: 'x-custom', ...overrides };
}

function query(overrides: Partial<PreflightCacheQuery> = {}): PreflightCacheQuery {
  return { key: KEY, method: 'PUT', headers: [{ name: 'X-Custom', value: '1' }], credentials: 'same-origin', ...overrides };
}

function cacheWith(stored: PreflightResult, at = T0): PreflightCache {
  const cache = new PreflightCache();
  expect(cache.store(KEY, stored, at).stored).toBe(true);
  return cache;
}

function urlOfLength(length: number): string {
  const prefix = 'https://api.test/';
  return prefix + 'a'.repeat(length - prefix.length);
}

describe('PreflightCache lifetime (preflight_result.cc)', () => {
  it('hits within the lifetime and misses from storedAt + lifetime on (expiry <= now is expired)', () => {
    const cache = cacheWith(result({ maxAge: '60' }));
    expect(cache.lookup(query(), T0).hit).toBe(true);
    expect(cache.lookup(query(), T0 + 59_999).hit).toBe(true);
    expect(cache.lookup(query(), T0 + 60_000)).toMatchObject({ hit: false, reason: 'expired' });
    expect(cacheWith(result({ maxAge: '60' })).lookup(query(), T0 + 61_000)).toMatchObject({ hit: false, reason: 'expired' });
  });

  it.each<[string | null, number]>([
    [null, 5],
    ['soon', 5],
    ['7199', 7199],
    ['7200', 7200],
    ['100000', 7200],
  ])('Max-Age %j keeps the entry %d s', (maxAge, seconds) => {
    const cache = cacheWith(result({ maxAge }));
    expect(cache.lookup(query(), T0 + seconds * 1000 - 1).hit).toBe(true);
    expect(cache.lookup(query(), T0 + seconds * 1000).hit).toBe(false);
  });

  it.each(['0', '-1', '-7200'])('does not store Max-Age %j (zero-lifetime)', (maxAge) => {
    const cache = new PreflightCache();
    expect(cache.store(KEY, result({ maxAge }), T0)).toMatchObject({ stored: false, reason: 'zero-lifetime' });
    expect(cache.size).toBe(0);
    expect(cache.lookup(query(), T0)).toMatchObject({ hit: false, reason: 'no-entry' });
  });

  it('entries(at) leaves out expired entries', () => {
    const cache = new PreflightCache();
    const other = { ...KEY, url: 'https://api.test/other' };
    cache.store(KEY, result({ maxAge: '10' }), T0);
    cache.store(other, result({ maxAge: '60' }), T0);
    expect(cache.entries()).toHaveLength(2);
    expect(cache.entries(T0 + 9_999)).toHaveLength(2);
    expect(cache.entries(T0 + 10_000).map((entry) => entry.key)).toEqual([other]);
    expect(cache.entries(T0 + 60_000)).toEqual([]);
  });
});

describe('PreflightCache key (preflight_cache.cc, and the lab)', () => {
  it('does not store URLs of 1024 characters or more (url-too-long), stores 1023', () => {
    const cache = new PreflightCache();
    for (const length of [1024, 1025, 4096]) {
      expect(cache.store({ ...KEY, url: urlOfLength(length) }, result(), T0)).toMatchObject({ stored: false, reason: 'url-too-long' });
    }
    expect(cache.size).toBe(0);
    const short = { ...KEY, url: urlOfLength(1023) };
    expect(cache.store(short, result(), T0).stored).toBe(true);
    expect(cache.lookup(query({ key: short }), T0).hit).toBe(true);
  });

  it.each<[string, PreflightCacheKey]>([
    ['another query string', { ...KEY, url: 'https://api.test/items?page=2' }],
    ['no query string', { ...KEY, url: 'https://api.test/items' }],
    ['another path', { ...KEY, url: 'https://api.test/other?page=1' }],
    ['another origin', { ...KEY, origin: 'https://evil.test' }],
  ])('misses for %s', (_label, key) => {
    const cache = cacheWith(result());
    expect(cache.lookup(query({ key }), T0)).toMatchObject({ hit: false, reason: 'no-entry' });
    expect(cache.lookup(query(), T0).hit).toBe(true);
  });

  it('replaces the entry on a new preflight for the same key (no merging)', () => {
    const cache = cacheWith(result({ methods: ['PUT'], allowMethodsValue: 'PUT' }));
    const second = cache.store(KEY, result({ methods: ['DELETE'], allowMethodsValue: 'DELETE' }), T0 + 1_000);
    expect(second).toMatchObject({ stored: true, evicted: [] });
    expect(cache.size).toBe(1);
    expect(cache.lookup(query({ method: 'DELETE' }), T0 + 2_000).hit).toBe(true);
    expect(cache.lookup(query({ method: 'PUT' }), T0 + 2_000)).toMatchObject({ hit: false, reason: 'method' });
  });
});

describe('PreflightCache credentials, method and header checks (preflight_result.cc)', () => {
  it('an entry without credentials does not serve a credentialed request', () => {
    const cache = cacheWith(result({ credentials: false }));
    expect(cache.lookup(query({ credentials: 'include' }), T0)).toMatchObject({ hit: false, reason: 'credentials' });
  });

  it.each(['include', 'same-origin', 'omit'] as const)('a credentialed entry serves a %s request', (credentials) => {
    expect(cacheWith(result({ credentials: true })).lookup(query({ credentials }), T0).hit).toBe(true);
  });

  it.each<[string, readonly string[], boolean, boolean]>([
    // method, ACAM, entry credentials, hit
    ['PATCH', ['PATCH'], false, true],
    ['patch', ['PATCH'], false, false],
    ['PATCH', ['patch'], false, false],
    ['GET', [], false, true],
    ['HEAD', [], false, true],
    ['POST', [], true, true],
    ['DELETE', ['PUT'], false, false],
    ['DELETE', ['*'], false, true],
    ['patch', ['*'], false, true],
    ['DELETE', ['*'], true, false],
  ])('method %s against %j (credentials %s): hit %s', (method, methods, credentials, hit) => {
    const cache = cacheWith(result({ methods, credentials, allowMethodsValue: methods.join(', ') }));
    const lookup = cache.lookup(query({ method, credentials: credentials ? 'include' : 'omit' }), T0);
    expect(lookup.hit).toBe(hit);
    if (!hit) expect(lookup).toMatchObject({ reason: 'method' });
  });

  it.each<[string, readonly string[], boolean, readonly string[], boolean]>([
    // label, ACAH, entry credentials, request header names, hit
    ['listed header, any case', ['x-custom'], false, ['X-Custom'], true],
    ['unlisted header', ['x-custom'], false, ['X-Other'], false],
    ['fewer headers than allowed', ['x-a', 'x-b', 'x-c'], false, ['X-B'], true],
    ['no unsafe header', ['x-a'], false, [], true],
    ['* covers other headers', ['*'], false, ['X-Anything', 'X-Else'], true],
    ['* never covers Authorization in a lookup', ['*'], false, ['Authorization'], false],
    ['* with Authorization alongside others', ['*'], false, ['X-Custom', 'Authorization'], false],
    ['Authorization listed next to *', ['*', 'authorization'], false, ['Authorization'], true],
    ['Authorization listed', ['authorization'], false, ['Authorization'], true],
    ['* is a literal with credentials', ['*'], true, ['X-Custom'], false],
  ])('%s', (_label, headers, credentials, names, hit) => {
    const cache = cacheWith(result({ methods: ['PUT'], headers, credentials, allowHeadersValue: headers.join(', ') }));
    const requestHeaders = names.map((name) => ({ name, value: 'v' }));
    const lookup = cache.lookup(query({ headers: requestHeaders, credentials: credentials ? 'include' : 'omit' }), T0);
    expect(lookup.hit).toBe(hit);
    if (!hit) expect(lookup).toMatchObject({ reason: 'header' });
  });
});

describe('PreflightCache erasure (preflight_cache.cc)', () => {
  it.each<[string, PreflightCacheQuery, number, string]>([
    ['expired', query(), T0 + 60_000, 'expired'],
    ['credentials', query({ credentials: 'include' }), T0, 'credentials'],
    ['method', query({ method: 'DELETE' }), T0, 'method'],
    ['header', query({ headers: [{ name: 'X-Other', value: '1' }] }), T0, 'header'],
  ])('a miss for %s erases the entry', (_label, missing, at, reason) => {
    const cache = cacheWith(result({ maxAge: '60' }));
    expect(cache.lookup(missing, at)).toMatchObject({ hit: false, reason });
    expect(cache.size).toBe(0);
    expect(cache.lookup(query(), at + 1)).toMatchObject({ hit: false, reason: 'no-entry' });
  });

  it('answers a lookup about an earlier time with the entry current then (requests end out of order)', () => {
    const cache = cacheWith(result({ maxAge: '60' }));
    expect(cache.lookup(query({ method: 'DELETE' }), T0 + 10_000)).toMatchObject({ hit: false, reason: 'method' });
    expect(cache.lookup(query(), T0 + 5_000).hit).toBe(true);
    expect(cache.lookup(query(), T0 + 20_000)).toMatchObject({ hit: false, reason: 'no-entry' });
  });

  it('sees the replaced entry for a time before its replacement', () => {
    const cache = cacheWith(result({ methods: ['PUT'], maxAge: '600' }));
    cache.store(KEY, result({ methods: ['DELETE'], maxAge: '600' }), T0 + 1_000);
    expect(cache.lookup(query({ method: 'PUT' }), T0 + 500).hit).toBe(true);
    expect(cache.lookup(query({ method: 'DELETE' }), T0 + 2_000).hit).toBe(true);
  });

  it('an entry stored after the lookup time misses as stored-later and is kept', () => {
    const cache = cacheWith(result(), T0);
    expect(cache.lookup(query(), T0 - 1)).toMatchObject({ hit: false, reason: 'stored-later' });
    expect(cache.lookup(query(), T0).hit).toBe(true);
  });

  it('a bypass query misses without erasing, even for an unusable entry', () => {
    const cache = cacheWith(result());
    expect(cache.lookup(query({ bypass: true }), T0)).toMatchObject({ hit: false, reason: 'bypass' });
    expect(cache.lookup(query({ bypass: true, method: 'DELETE' }), T0)).toMatchObject({ hit: false, reason: 'bypass' });
    expect(cache.lookup(query(), T0).hit).toBe(true);
  });
});

describe('PreflightCache eviction when full (preflight_cache.cc)', () => {
  const keyN = (n: number): PreflightCacheKey => ({ ...KEY, url: `https://api.test/r${String(n).padStart(2, '0')}` });

  const fill = (cache: PreflightCache, count: number): void => {
    for (let n = 0; n < count; n++) expect(cache.store(keyN(n), result(), T0)).toMatchObject({ stored: true, evicted: [] });
  };

  it('evicts 10 entries when a new key arrives in a full cache, and reports them', () => {
    const cache = new PreflightCache({ maxEntries: 12, random: () => 0 });
    fill(cache, 12);
    const outcome = cache.store(keyN(99), result(), T0);
    if (!outcome.stored) throw new Error('expected the entry to be stored');
    expect(outcome.evicted).toHaveLength(10);
    expect(cache.size).toBe(3);
    for (const gone of outcome.evicted) expect(cache.peek(gone.key)).toBeUndefined();
    expect(cache.peek(keyN(99))).toBeDefined();
    expect(new Set(outcome.evicted.map((entry) => entry.key.url)).size).toBe(10);
  });

  it('evicts at most 10 and never grows past maxEntries, wherever eviction starts', () => {
    fc.assert(
      fc.property(fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }), fc.integer({ min: 1, max: 30 }), (position, maxEntries) => {
        const cache = new PreflightCache({ maxEntries, random: () => position });
        fill(cache, maxEntries);
        const outcome = cache.store(keyN(99), result(), T0);
        if (!outcome.stored) throw new Error('expected the entry to be stored');
        expect(outcome.evicted.length).toBeGreaterThanOrEqual(1);
        expect(outcome.evicted.length).toBeLessThanOrEqual(Math.min(10, maxEntries));
        expect(cache.size).toBe(maxEntries - outcome.evicted.length + 1);
        expect(cache.size).toBeLessThanOrEqual(maxEntries);
      }),
    );
  });

  it('drops entries that can serve no one first: expired ones, and ones a lookup found unusable; random ones only when none is', () => {
    const cache = new PreflightCache({ maxEntries: 12, random: () => 0 });
    for (let n = 0; n < 12; n++) cache.store(keyN(n), result({ maxAge: n < 3 ? '10' : '600' }), T0);
    // r00..r02 expire at T0 + 10 s.
    const expired = cache.store(keyN(90), result(), T0 + 11_000);
    expect(expired.stored && expired.evicted.map((entry) => entry.key.url)).toEqual([0, 1, 2].map((n) => keyN(n).url));
    // Full again; a lookup the entry cannot serve erases r05.
    cache.store(keyN(91), result(), T0 + 12_000);
    cache.store(keyN(92), result(), T0 + 12_000);
    expect(cache.lookup(query({ key: keyN(5), method: 'DELETE' }), T0 + 13_000).hit).toBe(false);
    const erased = cache.store(keyN(93), result(), T0 + 14_000);
    expect(erased.stored && erased.evicted.map((entry) => entry.key.url)).toEqual([keyN(5).url]);
    // Nothing dead now: ten in a row from the random place.
    const random = cache.store(keyN(94), result(), T0 + 15_000);
    expect(random.stored && random.evicted).toHaveLength(10);
  });

  it('replacing an existing key in a full cache evicts nothing', () => {
    const cache = new PreflightCache({ maxEntries: 12, random: () => 0 });
    fill(cache, 12);
    expect(cache.store(keyN(3), result({ methods: ['DELETE'] }), T0 + 1)).toMatchObject({ stored: true, evicted: [] });
    expect(cache.size).toBe(12);
  });
});

describe('PreflightCache eviction, against a model (property)', () => {
  const keyN = (n: number): PreflightCacheKey => ({ ...KEY, url: `https://api.test/k${n}` });
  const operation = fc.oneof(
    fc.record({ kind: fc.constant('store' as const), key: fc.nat({ max: 14 }), at: fc.nat({ max: 40 }), maxAge: fc.constantFrom('1', '5', '20', null) }),
    fc.record({ kind: fc.constant('lookup' as const), key: fc.nat({ max: 14 }), at: fc.nat({ max: 40 }), method: fc.constantFrom('PUT', 'DELETE') }),
    fc.record({ kind: fc.constant('restore' as const) }),
  );

  /** Keys whose latest entry can serve no one at `at`: expired by then, or erased by a lookup. */
  function deadKeys(cache: PreflightCache, at: number): string[] {
    return cache
      .snapshot()
      .map((versions) => versions[versions.length - 1])
      .filter((latest) => latest !== undefined && (latest.entry.expiresAt <= at || latest.erasedAt !== undefined))
      .map((latest) => latest?.entry.key.url ?? '')
      .sort();
  }

  it('a new key in a full cache evicts exactly the entries that can serve no one, else ten from the random place; restored or not', () => {
    fc.assert(
      fc.property(fc.array(operation, { minLength: 40, maxLength: 120 }), (operations) => {
        let cache = new PreflightCache({ maxEntries: 8, random: () => 0.5 });
        for (const op of operations) {
          if (op.kind === 'restore') {
            cache = PreflightCache.restore(cache.snapshot(), { maxEntries: 8, random: () => 0.5 });
            continue;
          }
          const at = T0 + op.at * 1000;
          if (op.kind === 'lookup') {
            cache.lookup(query({ key: keyN(op.key), method: op.method }), at);
            continue;
          }
          const isNewKey = cache.snapshot().every((versions) => versions[0]?.entry.key.url !== keyN(op.key).url);
          const full = cache.snapshot().length >= 8;
          const dead = deadKeys(cache, at);
          const outcome = cache.store(keyN(op.key), result({ maxAge: op.maxAge }), at);
          if (!outcome.stored) throw new Error('expected the entry to be stored');
          const evicted = outcome.evicted.map((entry) => entry.key.url).sort();
          if (!isNewKey || !full) expect(evicted).toEqual([]);
          else if (dead.length > 0) expect(evicted).toEqual(dead);
          // Ten in a row from the random place (half way), or as many as there are to the end.
          else expect(evicted).toHaveLength(Math.min(10, 8 - 4));
          expect(cache.snapshot().length).toBeLessThanOrEqual(8);
        }
      }),
      { numRuns: 400 },
    );
  });
});

describe('PreflightCache properties', () => {
  const maxAgeArb = fc.oneof(fc.integer({ min: -10, max: 10_000 }).map(String), fc.string(), fc.constant(null));
  const offsetArb = fc.oneof(fc.integer({ min: -1e10, max: 1e10 }), fc.integer({ min: -10, max: 7_200_010 }));

  it('an expired entry is never a hit', () => {
    fc.assert(
      fc.property(maxAgeArb, fc.integer({ min: 0, max: 4e12 }), offsetArb, fc.nat({ max: 1e10 }), (maxAge, storedAt, offset, late) => {
        const usable = { key: KEY, method: 'GET', headers: [], credentials: 'omit' } as const;
        const stored = result({ methods: ['*'], headers: ['*'], maxAge });
        const [cache, fresh] = [new PreflightCache(), new PreflightCache()];
        const outcome = cache.store(KEY, stored, storedAt);
        if (!outcome.stored) return;
        const at = storedAt + offset;
        const lookup = cache.lookup(usable, at);
        if (at >= outcome.entry.expiresAt) expect(lookup.hit).toBe(false);
        else if (at >= storedAt) expect(lookup.hit).toBe(true);
        fresh.store(KEY, stored, storedAt); // and from expiresAt exactly onwards
        expect(fresh.lookup(usable, outcome.entry.expiresAt + late).hit).toBe(false);
      }),
    );
  });

  it('a lookup never throws, whatever the strings', () => {
    const text = fc.oneof(fc.string(), fc.string({ unit: 'binary' }), fc.constant('*'));
    const list = fc.array(text, { maxLength: 4 });
    const entryArb = fc.record({ methods: list, headers: list, credentials: fc.boolean(), maxAge: fc.option(text, { nil: null }), listMethod: fc.boolean() });
    const requestArb = fc.record({
      method: text,
      headers: fc.array(fc.record({ name: text, value: text }), { maxLength: 5 }),
      credentials: fc.constantFrom<CredentialsMode>('omit', 'same-origin', 'include'),
    });
    fc.assert(
      fc.property(fc.record({ origin: text, url: text }), entryArb, requestArb, fc.integer({ min: 0, max: 10_000 }), (key, entry, request, delay) => {
        const cache = new PreflightCache();
        const methods = entry.listMethod ? [...entry.methods, request.method] : entry.methods;
        const { listMethod: _, ...rest } = entry;
        cache.store(key, { ...rest, methods, allowMethodsValue: methods.join(', '), allowHeadersValue: entry.headers.join(', ') }, T0);
        expect(() => cache.lookup({ key, ...request }, T0 + delay)).not.toThrow();
        expect(() => cache.lookup({ key: { ...key, url: `${key.url}?q` }, ...request }, T0 + delay)).not.toThrow();
      }),
    );
  });
});

describe('PreflightCache revision (what a persisting worker watches)', () => {
  it('moves when an entry is stored, erased by a miss (once) or cleared, and not when a lookup only reads', () => {
    const cache = new PreflightCache();
    const start = cache.revision;
    cache.store(KEY, result(), T0);
    const stored = cache.revision;
    expect(stored).toBeGreaterThan(start);
    expect(cache.lookup(query(), T0 + 1).hit).toBe(true);
    expect(cache.revision).toBe(stored);
    expect(cache.lookup(query(), T0 + 120_000).hit).toBe(false);
    const erased = cache.revision;
    expect(erased).toBeGreaterThan(stored);
    expect(cache.lookup(query(), T0 + 130_000).hit).toBe(false);
    expect(cache.revision).toBe(erased);
    cache.clear();
    expect(cache.revision).toBeGreaterThan(erased);
  });
});
