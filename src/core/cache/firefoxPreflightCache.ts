import { cacheMiss, missBeforeStored } from './cacheMiss.ts';
import { aliveAt, firefoxEntryAt, firefoxKeyId, firefoxWhyUnusable } from './firefoxCacheEntry.ts';
import { addFirefoxVersion, dropVersionStoredAt, firefoxMakeRoom, removeFirefoxVersions } from './firefoxCacheVersions.ts';
import type { PreflightCacheEntry, PreflightCacheKey, PreflightCacheLookup, PreflightCacheQuery, Version } from './preflightCacheTypes.ts';

// Firefox's cache across its keys (nsCORSListenerProxy.cpp nsPreflightCache),
// for PreflightCache: where a stored preflight goes, what a lookup reads, what
// a failed request removes. Each key's versions: firefoxCacheVersions.ts; the
// entry they make: firefoxCacheEntry.ts. `keys` is in least-recently-used
// order, oldest first.

/** Stores a passing preflight's entry under its key; the entries evicted to make room. */
export function storeFirefox(keys: Map<string, Version[]>, maxEntries: number, entry: PreflightCacheEntry): PreflightCacheEntry[] {
  const id = firefoxKeyId(entry.key, entry.result.credentials);
  const versions = keys.get(id);
  // The same preflight stored for the other credentials mode moves here (pairing
  // stores an answer before its request goes out, for the credentials it seems to have).
  const other = firefoxKeyId(entry.key, !entry.result.credentials);
  if (dropVersionStoredAt(keys.get(other) ?? [], entry.storedAt) === 0) keys.delete(other);
  const evicted = versions ? [] : firefoxMakeRoom(keys, maxEntries, entry.storedAt);
  const kept = versions ?? [];
  addFirefoxVersion(kept, entry);
  // Firefox moves the entry it stores into to the front of its least-recently-used list.
  keys.delete(id);
  keys.set(id, kept);
  return evicted;
}

/** Whether a request starting at `at` can skip its preflight (firefoxWhyUnusable). */
export function firefoxLookup(keys: Map<string, Version[]>, query: PreflightCacheQuery, at: number): PreflightCacheLookup {
  const credentials = query.credentials === 'include';
  const id = firefoxKeyId(query.key, credentials);
  const versions = keys.get(id);
  const entry = versions && firefoxEntryAt(versions, at);
  if (!versions || !entry) {
    const other = firefoxEntryAt(keys.get(firefoxKeyId(query.key, !credentials)) ?? [], at);
    return other ? cacheMiss('credentials-mode', other) : missBeforeStored(versions, at);
  }
  // Firefox moves an entry it reads to the front of its least-recently-used list.
  keys.delete(id);
  keys.set(id, versions);
  const miss = firefoxWhyUnusable(entry, query, at);
  return miss ? cacheMiss(miss.reason, entry, miss.failure) : { hit: true, entry: aliveAt(entry, at) };
}

/** Drops the URL's entries, credentialed or not, after a request to it failed at `at`; true when that changed anything. */
export function firefoxRequestFailed(keys: ReadonlyMap<string, Version[]>, key: PreflightCacheKey, at: number): boolean {
  let changed = false;
  for (const credentials of [true, false]) changed = removeFirefoxVersions(keys.get(firefoxKeyId(key, credentials)) ?? [], at) || changed;
  return changed;
}

/** The entry of each key as it stands now, or as it stood at `at` (then only unexpired ones, with the items alive then). */
export function firefoxEntries(keys: ReadonlyMap<string, Version[]>, at?: number): PreflightCacheEntry[] {
  const entries: PreflightCacheEntry[] = [];
  for (const versions of keys.values()) {
    const entry = firefoxEntryAt(versions, at);
    if (entry && (at === undefined || entry.expiresAt > at)) entries.push(at === undefined ? entry : aliveAt(entry, at));
  }
  return entries;
}
