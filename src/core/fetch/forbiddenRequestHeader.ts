import { lowerCaseHeaderName } from './headers.ts';

/**
 * Header names the page cannot set; the browser owns them. They never cause a
 * preflight and never appear in Access-Control-Request-Headers. This is
 * Chromium's list (net::HttpUtil::IsSafeHeader), which keeps `user-agent`
 * although the Fetch Standard dropped it (crbug.com/571722).
 */
const FORBIDDEN_NAMES = new Set([
  'accept-charset',
  'accept-encoding',
  'access-control-request-headers',
  'access-control-request-method',
  'connection',
  'content-length',
  'cookie',
  'cookie2',
  'date',
  'dnt',
  'expect',
  'host',
  'keep-alive',
  'origin',
  'referer',
  'set-cookie',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
  'user-agent',
  'via',
]);

const METHOD_OVERRIDE_NAMES = new Set(['x-http-method', 'x-http-method-override', 'x-method-override']);
const FORBIDDEN_METHODS = new Set(['connect', 'trace', 'track']);

/**
 * Fetch Standard "forbidden request-header", Chromium flavour: the names
 * above, any `proxy-` or `sec-` name, and the method-override headers when
 * one of their comma-separated values names a forbidden method.
 */
export function isForbiddenRequestHeader(name: string, value: string): boolean {
  const byName = forbiddenByLowerCaseName(lowerCaseHeaderName(name));
  return byName === 'always' || (byName === 'method-override' && overridesToForbiddenMethod(value));
}

/** What a header's name alone says: forbidden whatever its value, forbidden for some values (a method override), or not forbidden. */
export type ForbiddenByName = 'always' | 'method-override' | 'never';

/** isForbiddenRequestHeader's reading of the name, lower-cased already. */
export function forbiddenByLowerCaseName(lowerCaseName: string): ForbiddenByName {
  if (FORBIDDEN_NAMES.has(lowerCaseName) || lowerCaseName.startsWith('proxy-') || lowerCaseName.startsWith('sec-')) return 'always';
  return METHOD_OVERRIDE_NAMES.has(lowerCaseName) ? 'method-override' : 'never';
}

/** Whether a method-override header's value names a forbidden method among its comma-separated items. */
export function overridesToForbiddenMethod(value: string): boolean {
  return value.split(',').some((item) => FORBIDDEN_METHODS.has(item.trim().toLowerCase()));
}
