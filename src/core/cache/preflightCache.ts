import type { PreflightResult } from '../cors/preflightResult.ts';
import { addChromiumVersion, chromiumWhyUnusable, versionAt } from './chromiumCacheEntry.ts';
import { ChromiumEviction } from './chromiumEviction.ts';
import { aliveAt, firefoxEntryAt, firefoxKeyId, firefoxWhyUnusable } from './firefoxCacheEntry.ts';
import { addFirefoxVersion, dropVersionStoredAt, firefoxMakeRoom, removeFirefoxVersions, restoreFirefoxVersions } from './firefoxCacheVersions.ts';
import { PREFLIGHT_CACHE_POLICIES, preflightLifetime } from './preflightLifetime.ts';
import type {
  CacheMissReason,
  PreflightCacheEntry,
  PreflightCacheKey,
  PreflightCacheLookup,
  PreflightCacheOptions,
  PreflightCacheQuery,
  PreflightCacheSnapshot,
  StoreOutcome,
  Version,
} from './preflightCacheTypes.ts';
import type { CorsCheckFailure } from '../cors/corsCheck.ts';
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

/** URLs this long or longer are never cached (preflight_cache.cc). */
export const MAX_CACHED_URL_LENGTH = 1024;

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
    if (!firefox && key.url.length >= MAX_CACHED_URL_LENGTH) return { stored: false, reason: 'url-too-long', lifetime };
    // Seen in the lab (Chromium 156): a sandboxed iframe, a data: URL iframe and
    // a file: page (opaque origins, "null") preflight every request again,
    // whatever Access-Control-Max-Age says. Firefox caches them.
    if (!firefox && key.origin === 'null') return { stored: false, reason: 'opaque-origin', lifetime };
    if (lifetime.seconds <= 0) return { stored: false, reason: 'zero-lifetime', lifetime };
    const id = this.#idOf(key, result.credentials);
    const versions = this.#keys.get(id);
    const entry: PreflightCacheEntry = { key, result, lifetime, storedAt, expiresAt: storedAt + lifetime.seconds * 1000 };
    if (firefox) return { stored: true, entry, evicted: this.#storeFirefox(id, versions, entry) };
    const evicted = versions ? [] : this.#eviction.makeRoom(storedAt);
    this.#revision++;
    this.#eviction.stored(id, entry);
    if (versions) addChromiumVersion(versions, entry);
    else this.#keys.set(id, [{ entry }]);
    return { stored: true, entry, evicted };
  }

  /** Whether a request starting at `at` can skip its preflight: see chromiumWhyUnusable and firefoxWhyUnusable. */
  lookup(query: PreflightCacheQuery, at: number): PreflightCacheLookup {
    if (query.bypass) return cacheMiss('bypass');
    if (this.#engine === 'firefox') return this.#firefoxLookup(query, at);
    const id = this.#idOf(query.key, false);
    const versions = this.#keys.get(id);
    if (!versions) return cacheMiss('no-entry');
    const version = versionAt(versions, at);
    if (!version) {
      const later = versions.find((candidate) => candidate.entry.storedAt > at);
      return later ? cacheMiss('stored-later', later.entry) : cacheMiss('no-entry');
    }
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
    let changed = false;
    for (const credentials of [true, false]) changed = removeFirefoxVersions(this.#keys.get(this.#idOf(key, credentials)) ?? [], at) || changed;
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
    const entries: PreflightCacheEntry[] = [];
    for (const versions of this.#keys.values()) {
      if (this.#engine === 'firefox') {
        const entry = firefoxEntryAt(versions, at);
        if (entry && (at === undefined || entry.expiresAt > at)) entries.push(at === undefined ? entry : aliveAt(entry, at));
        continue;
      }
      const version = at === undefined ? versions[versions.length - 1] : versionAt(versions, at);
      if (!version || (version.erasedAt !== undefined && (at === undefined || version.erasedAt <= at))) continue;
      if (at === undefined || version.entry.expiresAt > at) entries.push(version.entry);
    }
    return entries;
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
    const mark = this.#engine === 'firefox' ? 'removedAt' : 'erasedAt';
    return [...this.#keys.values()].map((versions) =>
      versions.map(({ entry, erasedAt }) => (erasedAt === undefined ? { entry } : { entry, [mark]: erasedAt })),
    );
  }

  static restore(snapshot: PreflightCacheSnapshot, options: PreflightCacheOptions = {}): PreflightCache {
    const cache = new PreflightCache(options);
    for (const versions of snapshot) {
      const first = versions[0];
      if (!first) continue;
      if (cache.#engine === 'firefox') {
        restoreFirefoxVersions(cache.#keys, versions);
        continue;
      }
      const id = cache.#idOf(first.entry.key, false);
      cache.#keys.set(
        id,
        versions.map(({ entry, erasedAt }) => (erasedAt === undefined ? { entry } : { entry, erasedAt })),
      );
      cache.#eviction.restored(id, versions[versions.length - 1] as Version);
    }
    return cache;
  }

  #storeFirefox(id: string, versions: Version[] | undefined, entry: PreflightCacheEntry): PreflightCacheEntry[] {
    // The same preflight stored for the other credentials mode moves here (pairing
    // stores an answer before its request goes out, for the credentials it seems to have).
    const other = this.#idOf(entry.key, !entry.result.credentials);
    if (dropVersionStoredAt(this.#keys.get(other) ?? [], entry.storedAt) === 0) this.#keys.delete(other);
    const evicted = versions ? [] : firefoxMakeRoom(this.#keys, this.#maxEntries, entry.storedAt);
    const kept = versions ?? [];
    addFirefoxVersion(kept, entry);
    // Firefox moves the entry it stores into to the front of its least-recently-used list.
    this.#keys.delete(id);
    this.#keys.set(id, kept);
    this.#revision++;
    return evicted;
  }

  #firefoxLookup(query: PreflightCacheQuery, at: number): PreflightCacheLookup {
    const credentials = query.credentials === 'include';
    const id = this.#idOf(query.key, credentials);
    const versions = this.#keys.get(id);
    const entry = versions && firefoxEntryAt(versions, at);
    if (!versions || !entry) {
      const other = firefoxEntryAt(this.#keys.get(this.#idOf(query.key, !credentials)) ?? [], at);
      if (other) return cacheMiss('credentials-mode', other);
      const later = versions?.find((candidate) => candidate.entry.storedAt > at);
      return later ? cacheMiss('stored-later', later.entry) : cacheMiss('no-entry');
    }
    // Firefox moves an entry it reads to the front of its least-recently-used list.
    this.#keys.delete(id);
    this.#keys.set(id, versions);
    const miss = firefoxWhyUnusable(entry, query, at);
    return miss ? cacheMiss(miss.reason, entry, miss.failure) : { hit: true, entry: aliveAt(entry, at) };
  }

  #idOf(key: PreflightCacheKey, credentials: boolean): string {
    return this.#engine === 'firefox' ? firefoxKeyId(key, credentials) : `${key.origin} ${key.partition ?? ''} ${key.url}`;
  }
}

/** A miss, every field present in one order (see openRequests.ts). */
function cacheMiss(reason: CacheMissReason, entry?: PreflightCacheEntry, failure?: CorsCheckFailure): PreflightCacheLookup {
  return { hit: false, reason, entry, failure };
}
