import { isCacheBypass } from '../cors/preflightEvidence.ts';
import { getHeaders, type HeaderList } from '../fetch/headers.ts';
import type { OpenPreflight } from './openRequests.ts';

const PREFLIGHT_REQUEST_HEADERS = ['access-control-request-method', 'origin', 'access-control-request-headers', 'cache-control', 'pragma'] as const;

/** What pairing reads of a preflight's own headers, in one pass. */
export function readPreflightHeaders(headers: HeaderList) {
  const [requestMethod, origin, announcedHeaders, cacheControl, pragma] = getHeaders(headers, PREFLIGHT_REQUEST_HEADERS);
  return { requestMethod, origin, announcedHeaders: announcedHeaders ?? '', bypassesCache: isCacheBypass(cacheControl, pragma) };
}

/** The preflight went out with these headers (webRequest's final ones); its method stays the one it started with. */
export function setPreflightRequestHeaders(preflight: OpenPreflight, headers: HeaderList): void {
  if (headers === preflight.requestHeaders) return;
  const read = readPreflightHeaders(headers);
  preflight.requestHeaders = headers;
  preflight.origin = read.origin;
  preflight.announcedHeaders = read.announcedHeaders;
  preflight.bypassesCache = read.bypassesCache;
}
