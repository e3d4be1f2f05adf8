import type { CorsCheckFailure } from '../cors/corsCheck.ts';
import { ALLOW_METHODS, checkAllowedHeaders } from '../cors/preflightResult.ts';
import type { CacheMissReason, CachedToken, PreflightCacheEntry, PreflightCacheKey, PreflightCacheQuery, PreflightCacheSnapshot, Version } from './preflightCacheTypes.ts';

// Firefox's preflight cache, from nsCORSListenerProxy.cpp (nsPreflightCache,
// nsCORSPreflightListener::AddResultToCache) and BasePrincipal.cpp
// (GetPrefLightCacheKey), each rule also shown by Firefox 153 ESR in the lab
// (e2e/lab/scenarios/preflightCacheItems.ts and others). A key's versions
// here are the preflights stored for it, in storedAt order; the entry is
// their merge, computed for the time asked about.

/**
 * The key: "cred" or "nocred", the requesting principal's scheme, host and
 * port, the URL, and the partition. A credentialed and a non-credentialed
 * request never share an entry. An opaque origin's null principal is a
 * moz-nullprincipal: URI with no host, so every opaque origin of a
 * partition shares one key: "null" (the lab: a data: iframe is served by a
 * sandboxed iframe's entry).
 */
export function firefoxKeyId(key: PreflightCacheKey, credentials: boolean): string {
  return `${credentials ? 'cred' : 'nocred'} ${key.origin} ${key.partition ?? ''} ${key.url}`;
}

/** nsCCharSeparatedTokenizer on ",": HTTP whitespace trimmed off each item, empty items skipped, case kept. */
export function firefoxTokens(value: string): string[] {
  return value
    .split(',')
    .map((item) => item.replace(/^[\t\n\f\r ]+|[\t\n\f\r ]+$/g, ''))
    .filter((item) => item !== '');
}

/** The methods and headers one preflight answer listed, as Firefox adds them to its entry. */
function tokensOf({ result }: PreflightCacheEntry): { methods: readonly string[]; headers: readonly string[] } {
  return {
    methods: result.allowMethodsValue === null ? result.methods : firefoxTokens(result.allowMethodsValue),
    headers: result.allowHeadersValue === null ? result.headers : firefoxTokens(result.allowHeadersValue),
  };
}

/**
 * The entry a key's preflights make at `at` (now when undefined): every
 * method and header any of them listed, each as the last preflight listing
 * it left it (a new listing sets its expiry, even to an earlier time).
 * An entry exists from its first preflight stored until a failed request
 * removes it, whether or not its items have expired.
 */
export function firefoxEntryAt(versions: readonly Version[], at?: number): PreflightCacheEntry | undefined {
  let latest: PreflightCacheEntry | undefined;
  const methods = new Map<string, CachedToken>();
  const headers = new Map<string, CachedToken>();
  for (const { entry, erasedAt } of versions) {
    if (at !== undefined && entry.storedAt > at) break;
    if (erasedAt !== undefined && (at === undefined || erasedAt <= at)) continue;
    latest = entry;
    const { storedAt, expiresAt } = entry;
    const listed = tokensOf(entry);
    for (const token of listed.methods) methods.set(token, { token, storedAt, expiresAt });
    for (const token of listed.headers) headers.set(token, { token, storedAt, expiresAt });
  }
  if (!latest) return undefined;
  const items = { methods: [...methods.values()], headers: [...headers.values()] };
  const expiresAt = [...items.methods, ...items.headers].reduce((latestExpiry, item) => Math.max(latestExpiry, item.expiresAt), latest.expiresAt);
  return withItems({ ...latest, expiresAt }, items);
}

/** The entry with only the items alive at `at` (Firefox purges the others before it reads an entry). */
export function aliveAt(entry: PreflightCacheEntry, at: number): PreflightCacheEntry {
  const items = entry.items ?? { methods: [], headers: [] };
  return withItems(entry, { methods: items.methods.filter((item) => item.expiresAt > at), headers: items.headers.filter((item) => item.expiresAt > at) });
}

function withItems(entry: PreflightCacheEntry, items: NonNullable<PreflightCacheEntry['items']>): PreflightCacheEntry {
  const headers = [...new Set(items.headers.map((item) => item.token.toLowerCase()))];
  return { ...entry, result: { ...entry.result, methods: items.methods.map((item) => item.token), headers }, items };
}

/**
 * nsPreflightCache::CacheEntry::CheckRequest: GET and POST need no method
 * item (HEAD does); any other method must be an item alive at `at`,
 * spelled exactly; each CORS-unsafe header must be one, in any case. "*"
 * is an item like any other: it matches no method and no header.
 */
export function firefoxWhyUnusable(entry: PreflightCacheEntry, query: PreflightCacheQuery, at: number): { reason: CacheMissReason; failure: CorsCheckFailure } | null {
  const alive = aliveAt(entry, at);
  const { method } = query;
  if (method !== 'GET' && method !== 'POST' && !alive.result.methods.includes(method)) {
    const reason = entry.result.methods.includes(method) ? 'expired' : 'method';
    const received = alive.result.methods.join(', ') || null;
    return { reason, failure: { corsError: 'MethodDisallowedByPreflightResponse', failedParameter: method, header: ALLOW_METHODS, received, needed: method } };
  }
  // With credentials, "*" is a literal name to checkAllowedHeaders: Firefox's lookup reads it so for every request.
  const held = { ...alive.result, credentials: true, allowHeadersValue: alive.result.headers.join(', ') || null };
  const failure = checkAllowedHeaders(held, query.headers, { authorizationNeedsListing: true, unsafeNames: query.unsafeNames?.map((name) => name.toLowerCase()) });
  if (!failure) return null;
  const expired = (failure.missing ?? []).every((name) => entry.result.headers.includes(name));
  return { reason: expired ? 'expired' : 'header', failure };
}

/** How many preflights a key keeps at least, for lookups about the past; at most, whatever they hold. */
const HISTORY_PER_KEY = 4;
const MAX_VERSIONS_PER_KEY = 32;

/**
 * Adds a stored preflight to its key's versions. The same preflight stored
 * again (same time) replaces itself, still removed if it was; one stored
 * for a time a removal already covers is removed too.
 */
export function addFirefoxVersion(versions: Version[], entry: PreflightCacheEntry): void {
  const removedAt = versions.reduce<number | undefined>((soonest, { erasedAt }) => (erasedAt !== undefined && erasedAt >= entry.storedAt && (soonest === undefined || erasedAt < soonest) ? erasedAt : soonest), undefined);
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
  return own.methods.every((token) => later.some((each) => each.methods.includes(token))) && own.headers.every((token) => later.some((each) => each.headers.includes(token)));
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
