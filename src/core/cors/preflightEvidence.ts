import { accessControlRequestHeadersValue, corsUnsafeRequestHeaderNames } from '../fetch/corsUnsafeRequestHeaderNames.ts';
import { getHeader, getHeaders, type HeaderList } from '../fetch/headers.ts';

/**
 * The header names to hold against Access-Control-Allow-Headers, when they
 * are not simply the request's own CORS-unsafe names (then: undefined, and
 * the checks use those, in request order, Chromium's check order). When the
 * observed preflight's Access-Control-Request-Headers names a different set,
 * the trace has lost or gained headers (Chrome's HAR export strips
 * Authorization, for one) and the browser's own list is the better evidence.
 */
export function unsafeNamesForCheck(headers: HeaderList, preflightRequestHeaders: HeaderList | undefined): string[] | undefined {
  const sent = preflightRequestHeaders ? getHeader(preflightRequestHeaders, 'Access-Control-Request-Headers') : null;
  if (sent === null || sent.toLowerCase() === accessControlRequestHeadersValue(headers)) return undefined;
  const computed = corsUnsafeRequestHeaderNames(headers);
  const listed = sent.split(',').map((name) => name.trim().toLowerCase()).filter((name) => name !== '');
  const sameSet = listed.length === new Set(computed).size && listed.every((name) => computed.includes(name));
  return sameSet ? undefined : listed;
}

const CACHE_HEADERS = ['cache-control', 'pragma'] as const;

/**
 * Whether a preflight went out with the HTTP cache bypassed or revalidated:
 * Chromium copies those load flags to the preflight, and the network stack
 * then writes `Cache-Control: no-cache` / `Pragma: no-cache` (DevTools'
 * "Disable cache", `cache: 'no-store'` or `'reload'`) or
 * `Cache-Control: max-age=0` (`cache: 'no-cache'`). Such a request skips the
 * preflight cache.
 */
export function preflightBypassesCache(preflightRequestHeaders: HeaderList | undefined): boolean {
  if (!preflightRequestHeaders) return false;
  const [cacheControl, pragma] = getHeaders(preflightRequestHeaders, CACHE_HEADERS);
  return isCacheBypass(cacheControl, pragma);
}

/** preflightBypassesCache, from the preflight's Cache-Control and Pragma values (null when absent). */
export function isCacheBypass(cacheControlValue: string | null, pragmaValue: string | null): boolean {
  const cacheControl = cacheControlValue?.toLowerCase() ?? '';
  const pragma = pragmaValue?.toLowerCase() ?? '';
  return cacheControl.includes('no-cache') || cacheControl.includes('max-age=0') || pragma.includes('no-cache');
}
