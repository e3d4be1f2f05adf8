import { aliveAt, firefoxEntryAt, firefoxKeyId, tokensOf } from './firefoxCacheEntry.ts';
import type { PreflightCacheEntry, PreflightCacheSnapshot, Version } from './preflightCacheTypes.ts';

// How Firefox's entries come and go (nsCORSListenerProxy.cpp nsPreflightCache):
// the preflights each key keeps, what a failed request removes, and what
// makes room in a full cache. The entry they make: firefoxCacheEntry.ts.

/** How many preflights a key keeps at least, for lookups about the past; at most, whatever they hold. */
const HISTORY_PER_KEY = 4;
const MAX_VERSIONS_PER_KEY = 32;

/**
 * Adds a stored preflight to its key's versions. The same preflight stored
 * again (same time) replaces itself, still removed if it was; one stored
 * for a time a removal already covers is removed too.
 */
export function addFirefoxVersion(versions: Version[], entry: PreflightCacheEntry): void {
  const removedAt = versions.reduce<number | undefined>(
    (soonest, { erasedAt }) => (erasedAt !== undefined && erasedAt >= entry.storedAt && (soonest === undefined || erasedAt < soonest) ? erasedAt : soonest),
    undefined,
  );
  const version: Version = removedAt === undefined ? { entry } : { entry, erasedAt: removedAt };
  const same = versions.findIndex((each) => each.entry.storedAt === entry.storedAt);
  if (same >= 0) versions[same] = version;
  else {
    let index = versions.length;
    while (index > 0 && (versions[index - 1] as Version).entry.storedAt > entry.storedAt) index--;
    versions.splice(index, 0, version);
  }
  while (versions.length > HISTORY_PER_KEY) {
    const obsolete = versions.findIndex((_, index) => isObsolete(versions, index));
    if (obsolete < 0) break;
    versions.splice(obsolete, 1);
  }
  if (versions.length > MAX_VERSIONS_PER_KEY) versions.splice(0, versions.length - MAX_VERSIONS_PER_KEY);
}

/** A preflight that changes nothing from the newest one's time on: removed, expired, or each of its items listed again since. */
function isObsolete(versions: readonly Version[], index: number): boolean {
  if (index === versions.length - 1) return false;
  const newest = (versions[versions.length - 1] as Version).entry.storedAt;
  const { entry, erasedAt } = versions[index] as Version;
  if ((erasedAt !== undefined && erasedAt <= newest) || entry.expiresAt <= newest) return true;
  const later = versions.slice(index + 1).map((each) => tokensOf(each.entry));
  const own = tokensOf(entry);
  return (
    own.methods.every((token) => later.some((each) => each.methods.includes(token))) &&
    own.headers.every((token) => later.some((each) => each.headers.includes(token)))
  );
}

/** Takes the preflight stored at `storedAt` out of a key's versions; how many are left (-1: there was none). */
export function dropVersionStoredAt(versions: Version[], storedAt: number): number {
  const index = versions.findIndex((version) => version.entry.storedAt === storedAt);
  if (index < 0) return -1;
  versions.splice(index, 1);
  return versions.length;
}

/**
 * nsPreflightCache::RemoveEntries, when a request to the URL fails (its
 * response fails the CORS check, its preflight fails, the network fails):
 * every preflight stored for the key by then stops serving. True when that
 * changed anything.
 */
export function removeFirefoxVersions(versions: readonly Version[], at: number): boolean {
  let changed = false;
  for (const version of versions) {
    if (version.entry.storedAt > at || (version.erasedAt !== undefined && version.erasedAt <= at)) continue;
    version.erasedAt = at;
    changed = true;
  }
  return changed;
}

/**
 * One key's versions from a snapshot, each preflight to its own key: a
 * snapshot from before credentials were in Firefox's key holds both kinds
 * under one, and its `erasedAt` (a Chromium-style miss) removed nothing.
 */
export function restoreFirefoxVersions(keys: Map<string, Version[]>, versions: PreflightCacheSnapshot[number]): void {
  for (const { entry, removedAt } of versions) {
    const id = firefoxKeyId(entry.key, entry.result.credentials);
    const kept = keys.get(id) ?? [];
    addFirefoxVersion(kept, entry);
    if (removedAt !== undefined) removeFirefoxVersions(kept, removedAt);
    keys.set(id, kept);
  }
}

/**
 * Room for a new key in a full Firefox cache (nsPreflightCache::GetEntry):
 * every entry whose items have all expired goes; if none did, the least
 * recently used one (the first of `keys`, which the cache reorders on use).
 */
export function firefoxMakeRoom(keys: Map<string, Version[]>, maxEntries: number, at: number): PreflightCacheEntry[] {
  if (keys.size < maxEntries) return [];
  const evicted: PreflightCacheEntry[] = [];
  for (const [id, versions] of keys) {
    const entry = firefoxEntryAt(versions, at);
    const items = entry && aliveAt(entry, at).items;
    if (items && (items.methods.length > 0 || items.headers.length > 0)) continue;
    if (entry) evicted.push(entry);
    keys.delete(id);
  }
  const leastRecent = keys.keys().next();
  if (keys.size >= maxEntries && !leastRecent.done) {
    const entry = firefoxEntryAt(keys.get(leastRecent.value) ?? [], at);
    if (entry) evicted.push(entry);
    keys.delete(leastRecent.value);
  }
  return evicted;
}
