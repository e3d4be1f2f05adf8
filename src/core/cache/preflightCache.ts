import type { HeaderList } from '../fetch/headers.ts';
import type { CorsCheckFailure } from '../cors/corsCheck.ts';
import type { CredentialsMode } from '../cors/corsRequest.ts';
import { checkAllowedHeaders, checkAllowedMethod, type PreflightResult } from '../cors/preflightResult.ts';
import { chromiumPreflightLifetime, PREFLIGHT_CACHE_POLICIES, type PreflightLifetime } from './preflightLifetime.ts';

/**
 * Chromium's preflight cache key (preflight_cache.h): the initiator's origin
 * and the full URL, query string included. Chromium adds the network
 * isolation key (top-level site, frame site) and the target address space;
 * `partition` stands for them when the caller knows them. Credentials are
 * not part of the key: they are a flag of the entry.
 */
export interface PreflightCacheKey {
  readonly origin: string;
  readonly url: string;
  readonly partition?: string;
}

export interface PreflightCacheEntry {
  readonly key: PreflightCacheKey;
  readonly result: PreflightResult;
  readonly lifetime: PreflightLifetime;
  /** Epoch milliseconds. */
  readonly storedAt: number;
  readonly expiresAt: number;
}

export interface PreflightCacheQuery {
  readonly key: PreflightCacheKey;
  readonly method: string;
  readonly headers: HeaderList;
  readonly credentials: CredentialsMode;
  readonly bypass?: boolean;
  /** Names to check in place of those computed from `headers`. */
  readonly unsafeNames?: readonly string[];
}

export type CacheMissReason = 'bypass' | 'no-entry' | 'stored-later' | 'expired' | 'credentials' | 'method' | 'header';

export type PreflightCacheLookup =
  | { readonly hit: true; readonly entry: PreflightCacheEntry }
  | { readonly hit: false; readonly reason: CacheMissReason; readonly entry?: PreflightCacheEntry; readonly failure?: CorsCheckFailure };

export type StoreOutcome =
  | { readonly stored: true; readonly entry: PreflightCacheEntry; readonly evicted: readonly PreflightCacheEntry[] }
  | { readonly stored: false; readonly reason: 'zero-lifetime' | 'url-too-long' | 'bypass'; readonly lifetime: PreflightLifetime };

/** URLs this long or longer are never cached (preflight_cache.cc). */
export const MAX_CACHED_URL_LENGTH = 1024;
/** How many entries Chromium drops at once when the cache is full. */
const EVICTION_BATCH = 10;

export interface PreflightCacheOptions {
  readonly maxEntries?: number;
  /** Where eviction starts, in [0, 1): Chromium picks a random position. Math.random by default. */
  readonly random?: () => number;
}

/**
 * A model of Chromium's CORS-preflight cache (preflight_cache.cc,
 * preflight_result.cc). One result per key, replaced by the next successful
 * preflight for the key (the Fetch Standard merges per method and header;
 * Chromium does not). A lookup that finds a stale or insufficient entry
 * erases it, as Chromium does, and the request is preflighted again.
 * Time is always an argument (epoch milliseconds); the model reads no clock.
 */
export class PreflightCache {
  readonly #entries = new Map<string, PreflightCacheEntry>();
  readonly #maxEntries: number;
  readonly #random: () => number;

  constructor(options: PreflightCacheOptions = {}) {
    this.#maxEntries = options.maxEntries ?? PREFLIGHT_CACHE_POLICIES.chromium.maxEntries;
    this.#random = options.random ?? Math.random;
  }

  /** Records a successful preflight's result, as Chromium does once every check passed. */
  store(key: PreflightCacheKey, result: PreflightResult, storedAt: number, options: { bypass?: boolean } = {}): StoreOutcome {
    const lifetime = chromiumPreflightLifetime(result.maxAge);
    if (options.bypass) return { stored: false, reason: 'bypass', lifetime };
    if (key.url.length >= MAX_CACHED_URL_LENGTH) return { stored: false, reason: 'url-too-long', lifetime };
    if (lifetime.seconds <= 0) return { stored: false, reason: 'zero-lifetime', lifetime };
    const id = keyId(key);
    const evicted = this.#entries.has(id) ? [] : this.#makeRoom(storedAt);
    const entry: PreflightCacheEntry = { key, result, lifetime, storedAt, expiresAt: storedAt + lifetime.seconds * 1000 };
    this.#entries.set(id, entry);
    return { stored: true, entry, evicted };
  }

  /**
   * Whether a request starting at `at` can skip its preflight
   * (PreflightCache::CheckIfRequestCanSkipPreflight): the entry must exist,
   * be unexpired, not lack credentials the request includes, allow the
   * method, and allow the headers under the strict rule (`*` never covers
   * Authorization here, so such requests are preflighted every time).
   */
  lookup(query: PreflightCacheQuery, at: number): PreflightCacheLookup {
    if (query.bypass) return { hit: false, reason: 'bypass' };
    const id = keyId(query.key);
    const entry = this.#entries.get(id);
    if (!entry) return { hit: false, reason: 'no-entry' };
    if (entry.storedAt > at) return { hit: false, reason: 'stored-later', entry };
    const miss = this.#whyUnusable(entry, query, at);
    if (!miss) return { hit: true, entry };
    this.#entries.delete(id);
    return { hit: false, entry, ...miss };
  }

  /** The entry for a key, without the side effects of a lookup. */
  peek(key: PreflightCacheKey): PreflightCacheEntry | undefined {
    return this.#entries.get(keyId(key));
  }

  /** Every entry, or only those still alive at `at`. */
  entries(at?: number): PreflightCacheEntry[] {
    const all = [...this.#entries.values()];
    return at === undefined ? all : all.filter((entry) => entry.expiresAt > at);
  }

  get size(): number {
    return this.#entries.size;
  }

  clear(): void {
    this.#entries.clear();
  }

  #whyUnusable(entry: PreflightCacheEntry, query: PreflightCacheQuery, at: number): { reason: CacheMissReason; failure?: CorsCheckFailure } | null {
    if (entry.expiresAt <= at) return { reason: 'expired' };
    if (!entry.result.credentials && query.credentials === 'include') return { reason: 'credentials' };
    const methodFailure = checkAllowedMethod(entry.result, query.method);
    if (methodFailure) return { reason: 'method', failure: methodFailure };
    const headerFailure = checkAllowedHeaders(entry.result, query.headers, {
      authorizationNeedsListing: true,
      ...(query.unsafeNames ? { unsafeNames: query.unsafeNames } : {}),
    });
    if (headerFailure) return { reason: 'header', failure: headerFailure };
    return null;
  }

  // When a new key arrives and the cache is full, Chromium drops ten
  // consecutive entries from a random place in its ordered map (not LRU).
  // Which ones cannot be predicted, so the model first drops entries that
  // can no longer serve anyone (expired), then ten in a row from a random
  // place; a guess that differs from Chromium's shows up later as a
  // "preflighted despite the cache" note, never as a wrong verdict.
  #makeRoom(at: number): PreflightCacheEntry[] {
    if (this.#entries.size < this.#maxEntries) return [];
    const evicted: PreflightCacheEntry[] = [];
    for (const [id, entry] of this.#entries) {
      if (entry.expiresAt > at) continue;
      evicted.push(entry);
      this.#entries.delete(id);
    }
    if (this.#entries.size < this.#maxEntries) return evicted;
    const start = Math.floor(this.#random() * this.#entries.size);
    let index = 0;
    for (const [id, entry] of this.#entries) {
      if (index++ < start) continue;
      evicted.push(entry);
      this.#entries.delete(id);
      if (evicted.length >= EVICTION_BATCH) break;
    }
    return evicted;
  }
}

// Origins and partitions never hold a space, so this cannot collide.
function keyId(key: PreflightCacheKey): string {
  return `${key.origin} ${key.partition ?? ''} ${key.url}`;
}
