import type { PreflightResult } from '../cors/preflightResult.ts';
import { cacheMiss, missBeforeStored } from './cacheMiss.ts';
import { restoreSnapshot, snapshotOf } from './cacheSnapshot.ts';
import { chromiumWhyUnusable, versionAt } from './chromiumCacheEntry.ts';
import { ChromiumEviction } from './chromiumEviction.ts';
import { chromiumEntries, chromiumKeyId, chromiumRefusal, storeChromium } from './chromiumPreflightCache.ts';
import { firefoxEntryAt, firefoxKeyId } from './firefoxCacheEntry.ts';
import { firefoxEntries, firefoxLookup, firefoxRequestFailed, storeFirefox } from './firefoxPreflightCache.ts';
import { PREFLIGHT_CACHE_POLICIES, preflightLifetime } from './preflightLifetime.ts';
import type {
  PreflightCacheEntry,
  PreflightCacheKey,
  PreflightCacheLookup,
  PreflightCacheOptions,
  PreflightCacheQuery,
  PreflightCacheSnapshot,
  StoreOutcome,
  Version,
} from './preflightCacheTypes.ts';
import type { CredentialsMode } from '../cors/corsRequest.ts';

export type {
  CacheMissReason,
  CachedToken,
  PreflightCacheEntry,
  PreflightCacheKey,
  PreflightCacheLookup,
  PreflightCacheOptions,
  PreflightCacheQuery,
  PreflightCacheSnapshot,
  StoreOutcome,
} from './preflightCacheTypes.ts';

/**
 * A model of Chromium's CORS-preflight cache (preflight_cache.cc,
 * preflight_result.cc: one result per key, replaced by the next; a lookup
 * that finds it stale or insufficient erases it), or of Firefox's
 * (firefoxCacheEntry.ts: an item per method and header, merged).
 *
 * Time is always an argument (epoch milliseconds); the model reads no clock.
 * Captures are judged in the order requests end, not start, so the model
 * keeps a few past versions per key: a lookup "at" a time sees the entry
 * that was current then.
 */
export class PreflightCache {
  readonly #keys = new Map<string, Version[]>();
  #revision = 0;
  readonly #maxEntries: number;
  readonly #engine: 'chromium' | 'firefox';
  readonly #eviction: ChromiumEviction;

  constructor(options: PreflightCacheOptions = {}) {
    this.#engine = options.engine ?? 'chromium';
    this.#maxEntries = options.maxEntries ?? PREFLIGHT_CACHE_POLICIES[this.#engine].maxEntries;
    this.#eviction = new ChromiumEviction(this.#keys, this.#maxEntries, options.random ?? Math.random);
  }

  /** Records a successful preflight's result, as the browser does once every check passed. */
  store(key: PreflightCacheKey, result: PreflightResult, storedAt: number, options: { bypass?: boolean } = {}): StoreOutcome {
    const lifetime = preflightLifetime(this.#engine, result.maxAge);
    if (options.bypass) return { stored: false, reason: 'bypass', lifetime };
    const firefox = this.#engine === 'firefox';
    const refused = firefox ? null : chromiumRefusal(key);
    if (refused) return { stored: false, reason: refused, lifetime };
    if (lifetime.seconds <= 0) return { stored: false, reason: 'zero-lifetime', lifetime };
    const entry: PreflightCacheEntry = { key, result, lifetime, storedAt, expiresAt: storedAt + lifetime.seconds * 1000 };
    this.#revision++;
    const evicted = firefox ? storeFirefox(this.#keys, this.#maxEntries, entry) : storeChromium(this.#keys, this.#eviction, entry);
    return { stored: true, entry, evicted };
  }

  /** Whether a request starting at `at` can skip its preflight: see chromiumWhyUnusable and firefoxWhyUnusable. */
  lookup(query: PreflightCacheQuery, at: number): PreflightCacheLookup {
    if (query.bypass) return cacheMiss('bypass');
    if (this.#engine === 'firefox') return firefoxLookup(this.#keys, query, at);
    const id = this.#idOf(query.key, false);
    const versions = this.#keys.get(id);
    const version = versions && versionAt(versions, at);
    if (!version) return missBeforeStored(versions, at);
    const { entry } = version;
    const miss = chromiumWhyUnusable(entry, query, at);
    if (!miss) return { hit: true, entry };
    if (version.erasedAt === undefined || at < version.erasedAt) {
      version.erasedAt = at;
      this.#revision++;
      this.#eviction.erased(id);
    }
    return cacheMiss(miss.reason, entry, miss.failure);
  }

  /**
   * A request to the key's URL failed at `at` (its response or its
   * preflight failed the CORS check, or the network failed): Firefox drops
   * the URL's entries, credentialed or not (nsCORSListenerProxy::
   * OnStartRequest, RemoveEntries); Chromium keeps them. True when that
   * changed the model.
   */
  requestFailed(key: PreflightCacheKey, at: number): boolean {
    if (this.#engine !== 'firefox') return false;
    const changed = firefoxRequestFailed(this.#keys, key, at);
    if (changed) this.#revision++;
    return changed;
  }

  /** The current entry for a key (Firefox's for this credentials mode), without the side effects of a lookup. */
  peek(key: PreflightCacheKey, credentials: CredentialsMode = 'same-origin'): PreflightCacheEntry | undefined {
    const versions = this.#keys.get(this.#idOf(key, credentials === 'include'));
    if (this.#engine === 'firefox') return versions && firefoxEntryAt(versions);
    const latest = versions?.[versions.length - 1];
    return latest && latest.erasedAt === undefined ? latest.entry : undefined;
  }

  /** The entry of each key as it stands now, or as it stood at `at` (then only unexpired ones). */
  entries(at?: number): PreflightCacheEntry[] {
    return this.#engine === 'firefox' ? firefoxEntries(this.#keys, at) : chromiumEntries(this.#keys, at);
  }

  /** Keys with an entry now. */
  get size(): number {
    return this.entries().length;
  }

  clear(): void {
    this.#keys.clear();
    this.#eviction.clear();
    this.#revision++;
  }

  /** Grows with every change: whoever persists the cache writes it again only when this moved. */
  get revision(): number {
    return this.#revision;
  }

  /** Plain data to persist: every key's versions. restore() turns it back into a cache. */
  snapshot(): PreflightCacheSnapshot {
    return snapshotOf(this.#keys, this.#engine);
  }

  static restore(snapshot: PreflightCacheSnapshot, options: PreflightCacheOptions = {}): PreflightCache {
    const cache = new PreflightCache(options);
    restoreSnapshot(snapshot, cache.#keys, cache.#engine, cache.#eviction);
    return cache;
  }

  #idOf(key: PreflightCacheKey, credentials: boolean): string {
    return this.#engine === 'firefox' ? firefoxKeyId(key, credentials) : chromiumKeyId(key);
  }
}
