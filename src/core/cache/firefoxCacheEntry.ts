import type { CorsCheckFailure } from '../cors/corsCheck.ts';
import { ALLOW_METHODS, checkAllowedHeaders } from '../cors/preflightResult.ts';
import type { CacheMissReason, CachedToken, PreflightCacheEntry, PreflightCacheKey, PreflightCacheQuery, Version } from './preflightCacheTypes.ts';

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

/** nsCCharSeparatedTokenizer on ",": space, tab, CR and LF (NS_IsAsciiWhitespace) trimmed off each item, empty items skipped, case kept. */
export function firefoxTokens(value: string): string[] {
  return value
    .split(',')
    .map((item) => item.replace(/^[\t\n\r ]+|[\t\n\r ]+$/g, ''))
    .filter((item) => item !== '');
}

/** The methods and headers one preflight answer listed, as Firefox adds them to its entry. */
export function tokensOf({ result }: PreflightCacheEntry): { methods: readonly string[]; headers: readonly string[] } {
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
export function firefoxWhyUnusable(
  entry: PreflightCacheEntry,
  query: PreflightCacheQuery,
  at: number,
): { reason: CacheMissReason; failure: CorsCheckFailure } | null {
  const alive = aliveAt(entry, at);
  const { method } = query;
  if (method !== 'GET' && method !== 'POST' && !alive.result.methods.includes(method)) {
    const reason = entry.result.methods.includes(method) ? 'expired' : 'method';
    const received = alive.result.methods.join(', ') || null;
    return { reason, failure: { corsError: 'MethodDisallowedByPreflightResponse', failedParameter: method, header: ALLOW_METHODS, received, needed: method } };
  }
  // With credentials, "*" is a literal name to checkAllowedHeaders: Firefox's lookup reads it so for every request.
  const held = { ...alive.result, credentials: true, allowHeadersValue: alive.result.headers.join(', ') || null };
  const failure = checkAllowedHeaders(held, query.headers, {
    authorizationNeedsListing: true,
    unsafeNames: query.unsafeNames?.map((name) => name.toLowerCase()),
  });
  if (!failure) return null;
  const expired = (failure.missing ?? []).every((name) => entry.result.headers.includes(name));
  return { reason: expired ? 'expired' : 'header', failure };
}
