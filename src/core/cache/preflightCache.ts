import type { HeaderList } from '../fetch/headers.ts';
import type { CorsCheckFailure } from '../cors/corsCheck.ts';
import type { CredentialsMode } from '../cors/corsRequest.ts';
import { checkAllowedHeaders, checkAllowedMethod, type PreflightResult } from '../cors/preflightResult.ts';
import { ExpiryQueue } from './expiryQueue.ts';
import { PREFLIGHT_CACHE_POLICIES, preflightLifetime, type PreflightLifetime } from './preflightLifetime.ts';

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
  | { readonly stored: false; readonly reason: 'zero-lifetime' | 'url-too-long' | 'bypass' | 'opaque-origin'; readonly lifetime: PreflightLifetime };

/** URLs this long or longer are never cached (preflight_cache.cc). */
export const MAX_CACHED_URL_LENGTH = 1024;
/** How many entries Chromium drops at once when the cache is full. */
const EVICTION_BATCH = 10;

export interface PreflightCacheOptions {
  readonly maxEntries?: number;
  /**
   * Whose Access-Control-Max-Age rules and URL limit the model follows:
   * Chromium's by default; Firefox's caps at 24 h, caches nothing for a
   * value that is not digits only, and has no URL length limit (the lab
   * showed each). Its per-method entries and credentials in the key are
   * not modelled: such a cache hit shows up as a preflight not seen.
   */
  readonly engine?: 'chromium' | 'firefox';
  /** Where eviction starts, in [0, 1): Chromium picks a random position. Math.random by default. */
  readonly random?: () => number;
}

/**
 * A cache as plain data, for chrome.storage.session.
 * WARNING: persisted; old snapshots must still restore after a change.
 */
export type PreflightCacheSnapshot = readonly (readonly { readonly entry: PreflightCacheEntry; readonly erasedAt?: number }[])[];

/** How many past versions of a key the model keeps, for lookups about the past. */
const HISTORY_PER_KEY = 4;

/** One result stored for a key, and when a lookup erased it (Chromium erases unusable entries). */
interface Version {
  readonly entry: PreflightCacheEntry;
  erasedAt?: number;
}

/**
 * A model of Chromium's CORS-preflight cache (preflight_cache.cc,
 * preflight_result.cc). One result per key, replaced by the next successful
 * preflight for the key (the Fetch Standard merges per method and header;
 * Chromium does not). A lookup that finds a stale or insufficient entry
 * erases it, as Chromium does, and the request is preflighted again.
 *
 * Time is always an argument (epoch milliseconds); the model reads no clock.
 * Captures are judged in the order requests end, not start, so the model
 * keeps a few past versions per key: a lookup "at" a time sees the entry
 * that was current then.
 */
export class PreflightCache {
  readonly #keys = new Map<string, Version[]>();
  #revision = 0;
  // What lets #makeRoom find the entries that can serve no one without a
  // scan: every stored entry by expiry (one that is no longer its key's
  // latest is skipped when it comes up), and the keys a lookup erased an
  // entry of since.
  readonly #expiries = new ExpiryQueue<{ readonly id: string; readonly entry: PreflightCacheEntry }>();
  readonly #erasedSinceScan = new Set<string>();
  readonly #maxEntries: number;
  readonly #random: () => number;
  readonly #engine: 'chromium' | 'firefox';

  constructor(options: PreflightCacheOptions = {}) {
    this.#engine = options.engine ?? 'chromium';
    this.#maxEntries = options.maxEntries ?? PREFLIGHT_CACHE_POLICIES[this.#engine].maxEntries;
    this.#random = options.random ?? Math.random;
  }

  /** Records a successful preflight's result, as Chromium does once every check passed. */
  store(key: PreflightCacheKey, result: PreflightResult, storedAt: number, options: { bypass?: boolean } = {}): StoreOutcome {
    const lifetime = preflightLifetime(this.#engine, result.maxAge);
    if (options.bypass) return { stored: false, reason: 'bypass', lifetime };
    if (this.#engine === 'chromium' && key.url.length >= MAX_CACHED_URL_LENGTH) return { stored: false, reason: 'url-too-long', lifetime };
    // Seen in the lab (Chromium 156): a sandboxed iframe, a data: URL iframe
    // and a page opened from a file: preflight every request again, whatever
    // Access-Control-Max-Age says. Their origins are opaque ("null"), and
    // Chromium serves none of their preflights from its cache.
    if (key.origin === 'null') return { stored: false, reason: 'opaque-origin', lifetime };
    if (lifetime.seconds <= 0) return { stored: false, reason: 'zero-lifetime', lifetime };
    const id = keyId(key);
    const versions = this.#keys.get(id);
    const evicted = versions ? [] : this.#makeRoom(storedAt);
    const entry: PreflightCacheEntry = { key, result, lifetime, storedAt, expiresAt: storedAt + lifetime.seconds * 1000 };
    this.#revision++;
    this.#queueExpiry(id, entry);
    if (!versions) this.#keys.set(id, [{ entry }]);
    else if (versions.some((version) => version.entry.storedAt === storedAt)) {
      // The same preflight stored again (a restarted worker replays events): keep one.
      const index = versions.findIndex((version) => version.entry.storedAt === storedAt);
      versions[index] = { entry };
    } else {
      let index = versions.length;
      while (index > 0 && (versions[index - 1] as Version).entry.storedAt > storedAt) index--;
      versions.splice(index, 0, { entry });
      if (versions.length > HISTORY_PER_KEY) versions.shift();
    }
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
    if (query.bypass) return cacheMiss('bypass');
    const id = keyId(query.key);
    const versions = this.#keys.get(id);
    if (!versions) return cacheMiss('no-entry');
    const version = versionAt(versions, at);
    if (!version) {
      const later = versions.find((candidate) => candidate.entry.storedAt > at);
      return later ? cacheMiss('stored-later', later.entry) : cacheMiss('no-entry');
    }
    const { entry } = version;
    const miss = this.#whyUnusable(entry, query, at);
    if (!miss) return { hit: true, entry };
    if (version.erasedAt === undefined || at < version.erasedAt) {
      version.erasedAt = at;
      this.#revision++;
      this.#erasedSinceScan.add(id);
    }
    return cacheMiss(miss.reason, entry, miss.failure);
  }

  /** The current entry for a key, without the side effects of a lookup. */
  peek(key: PreflightCacheKey): PreflightCacheEntry | undefined {
    const versions = this.#keys.get(keyId(key));
    const latest = versions?.[versions.length - 1];
    return latest && latest.erasedAt === undefined ? latest.entry : undefined;
  }

  /** The entry of each key as it stands now, or as it stood at `at` (then only unexpired ones). */
  entries(at?: number): PreflightCacheEntry[] {
    const entries: PreflightCacheEntry[] = [];
    for (const versions of this.#keys.values()) {
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
    this.#expiries.clear();
    this.#erasedSinceScan.clear();
    this.#revision++;
  }

  /** Grows with every change: whoever persists the cache writes it again only when this moved. */
  get revision(): number {
    return this.#revision;
  }

  /** Plain data to persist: every key's versions. restore() turns it back into a cache. */
  snapshot(): PreflightCacheSnapshot {
    return [...this.#keys.values()].map((versions) => versions.map(({ entry, erasedAt }) => (erasedAt === undefined ? { entry } : { entry, erasedAt })));
  }

  static restore(snapshot: PreflightCacheSnapshot, options: PreflightCacheOptions = {}): PreflightCache {
    const cache = new PreflightCache(options);
    for (const versions of snapshot) {
      const first = versions[0];
      if (!first) continue;
      const id = keyId(first.entry.key);
      cache.#keys.set(id, versions.map((version) => ({ ...version })));
      const latest = versions[versions.length - 1] as (typeof versions)[number];
      cache.#expiries.add({ id, entry: latest.entry }, latest.entry.expiresAt);
      if (latest.erasedAt !== undefined) cache.#erasedSinceScan.add(id);
    }
    return cache;
  }

  #whyUnusable(entry: PreflightCacheEntry, query: PreflightCacheQuery, at: number): { reason: CacheMissReason; failure?: CorsCheckFailure } | null {
    if (entry.expiresAt <= at) return { reason: 'expired' };
    if (!entry.result.credentials && query.credentials === 'include') return { reason: 'credentials' };
    const methodFailure = checkAllowedMethod(entry.result, query.method);
    if (methodFailure) return { reason: 'method', failure: methodFailure };
    const headerFailure = checkAllowedHeaders(entry.result, query.headers, {
      authorizationNeedsListing: true,
      unsafeNames: query.unsafeNames,
    });
    if (headerFailure) return { reason: 'header', failure: headerFailure };
    return null;
  }

  // When a new key arrives and the cache is full, Chromium drops ten
  // consecutive entries from a random place in its ordered map (not LRU).
  // Which ones cannot be predicted, so the model first drops entries that
  // can no longer serve anyone (expired, or erased by a lookup), then ten in
  // a row from a random place; a guess that differs from Chromium's shows up
  // later as a "preflighted despite the cache" note, never as a wrong verdict.
  #makeRoom(at: number): PreflightCacheEntry[] {
    if (this.#keys.size < this.#maxEntries) return [];
    const evicted: PreflightCacheEntry[] = [];
    for (const { id, entry } of this.#expiries.takeExpired(at)) {
      if (this.#latest(id)?.entry !== entry) continue;
      evicted.push(entry);
      this.#keys.delete(id);
    }
    for (const id of this.#erasedSinceScan) {
      const latest = this.#latest(id);
      if (latest?.erasedAt === undefined) continue;
      evicted.push(latest.entry);
      this.#keys.delete(id);
    }
    this.#erasedSinceScan.clear();
    if (this.#keys.size < this.#maxEntries) return evicted;
    const start = Math.floor(this.#random() * this.#keys.size);
    let index = 0;
    for (const id of this.#keys.keys()) {
      if (index++ < start) continue;
      evicted.push((this.#latest(id) as Version).entry);
      this.#keys.delete(id);
      if (evicted.length >= EVICTION_BATCH) break;
    }
    return evicted;
  }

  #latest(id: string): Version | undefined {
    const versions = this.#keys.get(id);
    return versions?.[versions.length - 1];
  }

  /** Queues a stored entry by expiry, first rebuilding the queue from the latest entries when superseded ones pile up. */
  #queueExpiry(id: string, entry: PreflightCacheEntry): void {
    if (this.#expiries.size >= 4 * Math.max(this.#maxEntries, this.#keys.size)) {
      this.#expiries.clear();
      for (const [key, versions] of this.#keys) {
        const latest = (versions[versions.length - 1] as Version).entry;
        this.#expiries.add({ id: key, entry: latest }, latest.expiresAt);
      }
    }
    this.#expiries.add({ id, entry }, entry.expiresAt);
  }
}

/** The version current at `at`: the last stored by then, unless a lookup erased it by then. */
function versionAt(versions: readonly Version[], at: number): Version | undefined {
  for (let index = versions.length - 1; index >= 0; index--) {
    const version = versions[index] as Version;
    if (version.entry.storedAt > at) continue;
    return version.erasedAt !== undefined && version.erasedAt <= at ? undefined : version;
  }
  return undefined;
}

/** A miss, every field present in one order (see openRequests.ts). */
function cacheMiss(reason: CacheMissReason, entry?: PreflightCacheEntry, failure?: CorsCheckFailure): PreflightCacheLookup {
  return { hit: false, reason, entry, failure };
}

function keyId(key: PreflightCacheKey): string {
  return `${key.origin} ${key.partition ?? ''} ${key.url}`;
}
