import { describe, expect, it } from 'vitest';
import type { CredentialsMode } from '../cors/corsRequest.ts';
import type { PreflightResult } from '../cors/preflightResult.ts';
import { PreflightCache, type PreflightCacheKey, type PreflightCacheQuery, type PreflightCacheSnapshot } from './preflightCache.ts';

// Firefox's preflight cache (nsCORSListenerProxy.cpp nsPreflightCache,
// BasePrincipal.cpp GetPrefLightCacheKey), as e2e/lab/scenarios/
// preflightCacheItems.ts showed it in Firefox 153 ESR.

const T0 = Date.UTC(2026, 10, 1, 12, 0, 0);
const KEY: PreflightCacheKey = { origin: 'https://app.test', url: 'https://api.test/items' };
const s = (seconds: number): number => T0 + seconds * 1000;

/** A passing preflight's result, as the answer's raw lists spelled it. */
function answer(methods: string | null, headers: string | null, maxAge: string | null = '60', credentials = false): PreflightResult {
  const list = (value: string | null, lower = false) =>
    value === null
      ? []
      : value
          .split(',')
          .map((item) => (lower ? item.trim().toLowerCase() : item.trim()))
          .filter(Boolean);
  return { methods: list(methods), headers: list(headers, true), credentials, maxAge, allowMethodsValue: methods, allowHeadersValue: headers };
}

function query(method: string, headerNames: readonly string[] = [], credentials: CredentialsMode = 'same-origin', key = KEY): PreflightCacheQuery {
  return { key, method, headers: headerNames.map((name) => ({ name, value: '1' })), credentials };
}

const firefox = (): PreflightCache => new PreflightCache({ engine: 'firefox' });

describe("Firefox's preflight cache key: credentials, origin, URL", () => {
  it('keeps credentialed and other entries apart, both ways (cache-credentialed-entry-not-shared)', () => {
    const cache = firefox();
    cache.store(KEY, answer('PUT', null, '600', true), T0);
    expect(cache.lookup(query('PUT', [], 'include'), s(1)).hit).toBe(true);
    expect(cache.lookup(query('PUT'), s(1))).toMatchObject({ hit: false, reason: 'credentials-mode', entry: { result: { credentials: true } } });
    cache.store(KEY, answer('PUT', null, '600'), s(2));
    expect(cache.lookup(query('PUT'), s(3)).hit).toBe(true);
    expect(
      cache
        .entries(s(3))
        .map((entry) => entry.result.credentials)
        .sort(),
    ).toEqual([false, true]);
  });

  it('Chromium lets a credentialed entry serve a request without credentials', () => {
    const cache = new PreflightCache();
    cache.store(KEY, answer('PUT', null, '600', true), T0);
    expect(cache.lookup(query('PUT'), s(1)).hit).toBe(true);
  });

  it('caches opaque origins, every one under the key "null", and URLs of any length', () => {
    const cache = firefox();
    const opaque = { ...KEY, origin: 'null' };
    expect(cache.store(opaque, answer('PUT', 'x-opaque'), T0)).toMatchObject({ stored: true });
    expect(cache.lookup(query('PUT', ['X-Opaque'], 'same-origin', opaque), s(1)).hit).toBe(true);
    expect(cache.lookup(query('PUT', ['X-Opaque']), s(1))).toMatchObject({ hit: false, reason: 'no-entry' });
    const long = { ...KEY, url: `${KEY.url}?q=${'x'.repeat(2000)}` };
    expect(cache.store(long, answer('PUT', null), T0)).toMatchObject({ stored: true });
  });
});

describe("Firefox's entry: an item per method and header, each with its own expiry", () => {
  it('a new preflight adds its methods to the entry instead of replacing it (cache-method-not-covered)', () => {
    const cache = firefox();
    cache.store(KEY, answer('PUT', null), T0);
    cache.store(KEY, answer('DELETE', null), s(1));
    expect(cache.lookup(query('PUT'), s(2)).hit).toBe(true);
    expect(cache.lookup(query('DELETE'), s(2)).hit).toBe(true);
    expect(cache.lookup(query('PATCH'), s(2))).toMatchObject({ hit: false, reason: 'method', failure: { failedParameter: 'PATCH', received: 'PUT, DELETE' } });
  });

  it('headers merge too, and a request needs each of its headers alive (cache-headers-merge)', () => {
    const cache = firefox();
    cache.store(KEY, answer('PUT', 'x-a'), T0);
    expect(cache.lookup(query('PUT', ['X-A', 'X-B']), s(1))).toMatchObject({ hit: false, reason: 'header', failure: { missing: ['x-b'] } });
    cache.store(KEY, answer('PUT', 'x-b'), s(1));
    expect(cache.lookup(query('PUT', ['X-A', 'X-B']), s(2)).hit).toBe(true);
  });

  it('each item expires on its own: the one listed last lives on', () => {
    const cache = firefox();
    cache.store(KEY, answer('PUT', 'x-a', '60'), T0);
    cache.store(KEY, answer('DELETE', 'x-a', '60'), s(30));
    expect(cache.lookup(query('PUT'), s(59)).hit).toBe(true);
    expect(cache.lookup(query('PUT'), s(60))).toMatchObject({ hit: false, reason: 'expired' });
    expect(cache.lookup(query('DELETE', ['X-A']), s(89)).hit).toBe(true);
    expect(cache.lookup(query('DELETE', ['X-A']), s(90))).toMatchObject({ hit: false, reason: 'expired' });
    const [entry] = cache.entries(s(70));
    expect(entry?.items).toEqual({
      methods: [{ token: 'DELETE', storedAt: s(30), expiresAt: s(90) }],
      headers: [{ token: 'x-a', storedAt: s(30), expiresAt: s(90) }],
    });
    expect(entry?.result).toMatchObject({ methods: ['DELETE'], headers: ['x-a'] });
  });

  it("a new listing sets the item's expiry, even to an earlier time", () => {
    const cache = firefox();
    cache.store(KEY, answer('PUT', null, '600'), T0);
    cache.store(KEY, answer('PUT', null, '10'), s(1));
    expect(cache.lookup(query('PUT'), s(10)).hit).toBe(true);
    expect(cache.lookup(query('PUT'), s(11))).toMatchObject({ hit: false, reason: 'expired' });
  });

  it('items are the raw list items: trimmed, empty ones skipped, methods case-sensitive, headers matched in any case', () => {
    const cache = firefox();
    cache.store(KEY, answer(' put ,, PATCH\t', 'X-Mixed-Case ,,'), T0);
    expect(cache.lookup(query('PATCH', ['x-mixed-case']), s(1)).hit).toBe(true);
    expect(cache.lookup(query('PUT'), s(1))).toMatchObject({ hit: false, reason: 'method' });
    expect(cache.entries(s(1))[0]?.items?.methods.map((item) => item.token)).toEqual(['put', 'PATCH']);
  });
});

describe("Firefox's lookup (CheckRequest)", () => {
  it('GET and POST need no method item; HEAD does (cache-head-not-listed)', () => {
    const cache = firefox();
    cache.store(KEY, answer(null, 'x-a'), T0);
    expect(cache.lookup(query('GET', ['X-A']), s(1)).hit).toBe(true);
    expect(cache.lookup(query('POST', ['X-A']), s(1)).hit).toBe(true);
    expect(cache.lookup(query('HEAD', ['X-A']), s(1))).toMatchObject({ hit: false, reason: 'method', failure: { failedParameter: 'HEAD' } });
  });

  it('a cached "*" is an item named "*": it serves no method and no header (cache-wildcard-method, cache-wildcard-headers)', () => {
    const cache = firefox();
    cache.store(KEY, answer('*', '*'), T0);
    expect(cache.lookup(query('PUT'), s(1))).toMatchObject({ hit: false, reason: 'method' });
    expect(cache.lookup(query('POST', ['X-A']), s(1))).toMatchObject({ hit: false, reason: 'header' });
    expect(new PreflightCache().store(KEY, answer('*', '*'), T0).stored).toBe(true);
  });

  it('the entry lives on when its items expire: a request that needs no item still finds it', () => {
    const cache = firefox();
    cache.store(KEY, answer('PUT', 'x-a', '5'), T0);
    expect(cache.lookup(query('POST'), s(3600)).hit).toBe(true);
    expect(cache.lookup(query('PUT'), s(3600))).toMatchObject({ hit: false, reason: 'expired' });
    expect(cache.entries(s(3600))).toEqual([]);
    expect(cache.entries()).toHaveLength(1);
  });

  it('answers about an earlier time with the preflights stored by then', () => {
    const cache = firefox();
    cache.store(KEY, answer('DELETE', null), s(10));
    cache.store(KEY, answer('PUT', null), T0);
    expect(cache.lookup(query('DELETE'), s(5))).toMatchObject({ hit: false, reason: 'method' });
    expect(cache.lookup(query('PUT'), s(5)).hit).toBe(true);
    expect(cache.lookup(query('PUT'), s(-1))).toMatchObject({ hit: false, reason: 'stored-later' });
    expect(cache.lookup(query('DELETE'), s(11)).hit).toBe(true);
  });

  it('a miss erases nothing, unlike Chromium', () => {
    const cache = firefox();
    cache.store(KEY, answer('PUT', null), T0);
    const revision = cache.revision;
    expect(cache.lookup(query('DELETE'), s(1)).hit).toBe(false);
    expect(cache.lookup(query('PUT'), s(2)).hit).toBe(true);
    expect(cache.revision).toBe(revision);
  });

  it('does not store what Firefox does not keep: Max-Age 0 or not digits only', () => {
    for (const maxAge of ['0', '00', 'soon', '600.5', '-1', '+5']) {
      expect(firefox().store(KEY, answer('PUT', null, maxAge), T0)).toMatchObject({ stored: false, reason: 'zero-lifetime' });
    }
  });
});

describe("Firefox drops a URL's entries when a CORS request to it fails", () => {
  it('both credentials modes, from the failure on; an earlier lookup still sees them (cache-kept-after-blocked-simple-request)', () => {
    const cache = firefox();
    cache.store(KEY, answer('PUT', null, '600'), T0);
    cache.store(KEY, answer('PUT', null, '600', true), T0 + 1);
    expect(cache.requestFailed(KEY, s(5))).toBe(true);
    expect(cache.lookup(query('PUT'), s(4)).hit).toBe(true);
    expect(cache.lookup(query('PUT'), s(6))).toMatchObject({ hit: false, reason: 'no-entry' });
    expect(cache.lookup(query('PUT', [], 'include'), s(6))).toMatchObject({ hit: false, reason: 'no-entry' });
    cache.store(KEY, answer('DELETE', null, '600'), s(7));
    expect(cache.lookup(query('DELETE'), s(8)).hit).toBe(true);
    expect(cache.lookup(query('PUT'), s(8))).toMatchObject({ hit: false, reason: 'method' });
  });

  it('the same preflight stored again stays dropped; one stored before the failure but learnt after it is dropped too', () => {
    const cache = firefox();
    cache.store(KEY, answer('PUT', null, '600'), T0);
    cache.requestFailed(KEY, s(5));
    cache.store(KEY, answer('PUT', null, '600'), T0);
    cache.store(KEY, answer('DELETE', null, '600'), s(3));
    expect(cache.lookup(query('PUT'), s(6)).hit).toBe(false);
    expect(cache.lookup(query('DELETE'), s(6)).hit).toBe(false);
  });

  it('Chromium keeps them', () => {
    const cache = new PreflightCache();
    cache.store(KEY, answer('PUT', null, '600'), T0);
    expect(cache.requestFailed(KEY, s(5))).toBe(false);
    expect(cache.lookup(query('PUT'), s(6)).hit).toBe(true);
  });
});

describe('the Firefox model as pairing feeds it', () => {
  it('a preflight stored again at the same time for the other credentials mode moves there', () => {
    const cache = firefox();
    cache.store(KEY, answer('PUT', null, '600'), T0);
    cache.store(KEY, answer('PUT', null, '600', true), T0);
    expect(cache.lookup(query('PUT'), s(1))).toMatchObject({ hit: false, reason: 'credentials-mode' });
    expect(cache.lookup(query('PUT', [], 'include'), s(1)).hit).toBe(true);
    expect(cache.size).toBe(1);
  });

  it('keeps what past lookups need, and no more than the items call for', () => {
    const cache = firefox();
    for (let index = 0; index < 50; index++) cache.store(KEY, answer('PUT', 'x-a', '600'), s(index));
    expect(cache.snapshot()[0]?.length).toBeLessThanOrEqual(4);
    expect(cache.lookup(query('PUT', ['X-A']), s(640)).hit).toBe(true);
    for (let index = 0; index < 50; index++) cache.store(KEY, answer(`M${index}`, null, '600'), s(100 + index));
    expect(cache.snapshot()[0]?.length).toBeLessThanOrEqual(32);
    expect(cache.lookup(query('M49'), s(160)).hit).toBe(true);
  });
});

describe('Firefox eviction when full (100 entries, nsPreflightCache::GetEntry)', () => {
  const keyOf = (index: number): PreflightCacheKey => ({ ...KEY, url: `${KEY.url}/${index}` });

  it('drops every entry whose items have all expired; else the least recently used one', () => {
    const cache = new PreflightCache({ engine: 'firefox', maxEntries: 3 });
    cache.store(keyOf(0), answer('PUT', null, '5'), T0);
    cache.store(keyOf(1), answer('PUT', null, '600'), T0);
    cache.store(keyOf(2), answer('PUT', null, '600'), T0);
    expect(cache.store(keyOf(3), answer('PUT', null, '600'), s(10))).toMatchObject({ stored: true, evicted: [{ key: keyOf(0) }] });
    // keyOf(1) is the least recently used, until a lookup uses it.
    cache.lookup(query('PUT', [], 'same-origin', keyOf(1)), s(11));
    expect(cache.store(keyOf(4), answer('PUT', null, '600'), s(12))).toMatchObject({ evicted: [{ key: keyOf(2) }] });
    expect(
      cache
        .entries(s(13))
        .map((entry) => entry.key.url)
        .sort(),
    ).toEqual([keyOf(1), keyOf(3), keyOf(4)].map((key) => key.url));
  });

  it('is 100 entries by default', () => {
    const cache = firefox();
    for (let index = 0; index < 100; index++) cache.store(keyOf(index), answer('PUT', null, '600'), T0);
    expect(cache.store(keyOf(100), answer('PUT', null, '600'), s(1))).toMatchObject({ evicted: [{ key: keyOf(0) }] });
    expect(cache.size).toBe(100);
  });
});

describe('Firefox snapshots (what a restarted worker reads back)', () => {
  it('restore what was stored, items and removals included', () => {
    const cache = firefox();
    cache.store(KEY, answer('PUT', 'x-a', '600'), T0);
    cache.store(KEY, answer('DELETE', null, '600', true), s(1));
    const other = { ...KEY, url: `${KEY.url}/other` };
    cache.store(other, answer('PUT', null, '600'), T0);
    cache.requestFailed(other, s(2));
    const restored = PreflightCache.restore(JSON.parse(JSON.stringify(cache.snapshot())) as PreflightCacheSnapshot, { engine: 'firefox' });
    expect(restored.entries(s(3))).toEqual(cache.entries(s(3)));
    expect(restored.lookup(query('PUT', ['X-A']), s(3)).hit).toBe(true);
    expect(restored.lookup(query('PUT', [], 'same-origin', other), s(3)).hit).toBe(false);
    expect(restored.lookup(query('PUT', [], 'same-origin', other), s(1)).hit).toBe(true);
  });

  it('restore a snapshot from before credentials were in the key: each preflight to its own key, a Chromium-style erasure ignored', () => {
    const entry = (result: PreflightResult, storedAt: number) => ({
      key: KEY,
      result,
      lifetime: { seconds: 600, rule: 'as-sent' as const },
      storedAt,
      expiresAt: storedAt + 600_000,
    });
    const old: PreflightCacheSnapshot = [
      [{ entry: entry(answer('PUT', null, '600'), T0), erasedAt: s(1) }, { entry: entry(answer('DELETE', null, '600', true), s(2)) }],
    ];
    const restored = PreflightCache.restore(old, { engine: 'firefox' });
    expect(restored.lookup(query('PUT'), s(3)).hit).toBe(true);
    expect(restored.lookup(query('DELETE', [], 'include'), s(3)).hit).toBe(true);
    expect(restored.lookup(query('DELETE'), s(3))).toMatchObject({ hit: false, reason: 'method' });
  });
});
