import { getHeader, type HeaderList } from '../fetch/headers.ts';
import { hasUserInfo, isSameOrigin, resolveLocation } from '../fetch/origin.ts';

const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);

/**
 * The URL a response redirects to, or null when it is not a redirect: a
 * redirect status with a Location that resolves (net::HttpResponseHeaders
 * IsRedirect). A 3xx without a usable Location is an ordinary response.
 */
export function redirectTarget(status: number, headers: HeaderList, responseUrl: string): string | null {
  if (!REDIRECT_STATUSES.has(status)) return null;
  const location = getHeader(headers, 'Location');
  if (location === null || location === '') return null;
  return resolveLocation(location, responseUrl);
}

/**
 * Fetch Standard "HTTP-redirect fetch" step 12: 301/302 turn POST into GET,
 * 303 turns everything but HEAD into GET; the body and its headers go.
 */
export function methodAfterRedirect(status: number, method: string): string {
  if ((status === 301 || status === 302) && method === 'POST') return 'GET';
  if (status === 303 && method !== 'GET' && method !== 'HEAD') return 'GET';
  return method;
}

const REQUEST_BODY_HEADERS = new Set(['content-encoding', 'content-language', 'content-location', 'content-type']);

/** The request-body-header names a method change drops (Fetch Standard). */
export function dropRequestBodyHeaders(headers: HeaderList): HeaderList {
  return headers.filter((header) => !REQUEST_BODY_HEADERS.has(header.name.toLowerCase()));
}

/**
 * Whether following to `location` must fail with RedirectContainsCredentials
 * (Fetch Standard "HTTP-redirect fetch" step 8; cors.cc CheckRedirectLocation):
 * userinfo in the new URL when the request is in a CORS mode and is tainted
 * or going to another origin, or whenever the CORS flag is set.
 */
export function redirectContainsCredentials(args: {
  location: string;
  corsEnabledMode: boolean;
  corsFlag: boolean;
  tainted: boolean;
  initiatorOrigin: string;
}): boolean {
  if (!hasUserInfo(args.location)) return false;
  if (args.corsEnabledMode && (args.tainted || !isSameOrigin(args.initiatorOrigin, args.location))) return true;
  return args.corsFlag;
}
