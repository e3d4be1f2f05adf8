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
  const lower = lowerCaseHeaderName(name);
  if (FORBIDDEN_NAMES.has(lower)) return true;
  if (lower.startsWith('proxy-') || lower.startsWith('sec-')) return true;
  if (METHOD_OVERRIDE_NAMES.has(lower)) {
    return value.split(',').some((item) => FORBIDDEN_METHODS.has(item.trim().toLowerCase()));
  }
  return false;
}
