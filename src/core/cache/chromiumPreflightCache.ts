import { addChromiumVersion, versionAt } from './chromiumCacheEntry.ts';
import type { ChromiumEviction } from './chromiumEviction.ts';
import type { PreflightCacheEntry, PreflightCacheKey, Version } from './preflightCacheTypes.ts';

// Chromium's cache across its keys (preflight_cache.cc), for PreflightCache:
// a key's id, the results it never stores, where a stored one goes, and what
// the cache holds at a time. Each key's versions: chromiumCacheEntry.ts; what
// makes room: chromiumEviction.ts.

/** URLs this long or longer are never cached (preflight_cache.cc). */
export const MAX_CACHED_URL_LENGTH = 1024;

/** A key's id: the origin, the partition and the URL (credentials are a flag of the entry, not part of Chromium's key). */
export function chromiumKeyId(key: PreflightCacheKey): string {
  return `${key.origin} ${key.partition ?? ''} ${key.url}`;
}

/** Why Chromium never stores a result for the key, if it never does. */
export function chromiumRefusal(key: PreflightCacheKey): 'url-too-long' | 'opaque-origin' | null {
  if (key.url.length >= MAX_CACHED_URL_LENGTH) return 'url-too-long';
  // Seen in the lab (Chromium 156): a sandboxed iframe, a data: URL iframe and
  // a file: page (opaque origins, "null") preflight every request again,
  // whatever Access-Control-Max-Age says. Firefox caches them.
  if (key.origin === 'null') return 'opaque-origin';
  return null;
}

/** Stores a passing preflight's result under its key, replacing the one before; the entries evicted to make room. */
export function storeChromium(keys: Map<string, Version[]>, eviction: ChromiumEviction, entry: PreflightCacheEntry): PreflightCacheEntry[] {
  const id = chromiumKeyId(entry.key);
  const versions = keys.get(id);
  const evicted = versions ? [] : eviction.makeRoom(entry.storedAt);
  eviction.stored(id, entry);
  if (versions) addChromiumVersion(versions, entry);
  else keys.set(id, [{ entry }]);
  return evicted;
}

/** The entry of each key as it stands now, or as it stood at `at` (then only unexpired ones). */
export function chromiumEntries(keys: ReadonlyMap<string, readonly Version[]>, at?: number): PreflightCacheEntry[] {
  const entries: PreflightCacheEntry[] = [];
  for (const versions of keys.values()) {
    const version = at === undefined ? versions[versions.length - 1] : versionAt(versions, at);
    if (!version || (version.erasedAt !== undefined && (at === undefined || version.erasedAt <= at))) continue;
    if (at === undefined || version.entry.expiresAt > at) entries.push(version.entry);
  }
  return entries;
}
