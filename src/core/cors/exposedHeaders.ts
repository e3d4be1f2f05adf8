import { getHeader, type HeaderList } from '../fetch/headers.ts';
import { parseHeaderValueList } from '../fetch/headerValueList.ts';
import type { CredentialsMode } from './corsRequest.ts';

/** Fetch Standard "CORS-safelisted response-header name": readable without Access-Control-Expose-Headers. */
export const CORS_SAFELISTED_RESPONSE_HEADERS = [
  'cache-control',
  'content-language',
  'content-length',
  'content-type',
  'expires',
  'last-modified',
  'pragma',
] as const;

const NEVER_EXPOSED = new Set(['set-cookie', 'set-cookie2']);

export interface ExposedHeaders {
  /** Lower-cased names JavaScript can read through `response.headers`. */
  readonly readable: readonly string[];
  /** Response headers present but hidden from JavaScript. */
  readonly hidden: readonly string[];
  /** True when `Access-Control-Expose-Headers: *` applied (no credentials). */
  readonly wildcard: boolean;
}

/**
 * Which response headers a cross-origin response shows to script (Fetch
 * Standard "CORS-filtered response"): the safelisted ones, those listed in
 * Access-Control-Expose-Headers, or all but Set-Cookie when it is `*` and
 * credentials are not included.
 */
export function exposedResponseHeaders(headers: HeaderList, credentials: CredentialsMode): ExposedHeaders {
  const list = parseHeaderValueList(getHeader(headers, 'Access-Control-Expose-Headers'), { lowerCase: true });
  const listed = new Set(list.valid ? list.items : []);
  const wildcard = credentials !== 'include' && listed.has('*');
  const present = [...new Set(headers.map((header) => header.name.toLowerCase()))];
  const readable: string[] = [];
  const hidden: string[] = [];
  for (const name of present) {
    const isReadable = !NEVER_EXPOSED.has(name) && (wildcard || listed.has(name) || (CORS_SAFELISTED_RESPONSE_HEADERS as readonly string[]).includes(name));
    (isReadable ? readable : hidden).push(name);
  }
  return { readable, hidden, wildcard };
}
