import type { UnsafeHeaders } from '../fetch/corsUnsafeRequestHeaderNames.ts';
import { getHeader, getHeaders, type HeaderList } from '../fetch/headers.ts';

/**
 * The header names to hold against Access-Control-Allow-Headers: the
 * request's own CORS-unsafe names, in request order (Chromium's check
 * order), unless the preflight says otherwise. When the
 * observed preflight's Access-Control-Request-Headers names a different set,
 * the trace has lost or gained headers (Chrome's HAR export strips
 * Authorization, for one) and the browser's own list is the better evidence.
 */
export function unsafeNamesForCheck(unsafe: UnsafeHeaders, preflightRequestHeaders: HeaderList | undefined): readonly string[] {
  const sent = preflightRequestHeaders ? getHeader(preflightRequestHeaders, 'Access-Control-Request-Headers') : null;
  if (sent === null || sent.toLowerCase() === unsafe.requestHeadersValue) return unsafe.names;
  const computed = unsafe.names;
  const listed = sent
    .split(',')
    .map((name) => name.trim().toLowerCase())
    .filter((name) => name !== '');
  const sameSet = listed.length === new Set(computed).size && listed.every((name) => computed.includes(name));
  return sameSet ? unsafe.names : listed;
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
