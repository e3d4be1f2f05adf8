import { isHttpToken } from './httpToken.ts';

/** The three MIME types a request may send in Content-Type without a preflight. */
export const CORS_SAFELISTED_CONTENT_TYPES = ['application/x-www-form-urlencoded', 'multipart/form-data', 'text/plain'] as const;

const ASCII_WHITESPACE_START = /^[ \t\n\v\f\r]+/;
const ASCII_WHITESPACE_END = /[ \t\n\v\f\r]+$/;

/**
 * The `type/subtype` of a media type, lower-cased, or null when it does not
 * parse. This is Chromium's reading (cors.cc ExtractMIMETypeFromMediaType,
 * net::ParseMimeTypeWithoutParameter): take everything before the first `;`,
 * split on `/` into exactly two parts, trim leading whitespace of the type
 * and trailing whitespace of the subtype, and require both to be tokens. A
 * comma-separated list (`text/plain, text/html`) does not parse.
 */
export function extractMimeTypeEssence(mediaType: string): string | null {
  const beforeParameters = mediaType.split(';', 1)[0] ?? '';
  const parts = beforeParameters.split('/');
  if (parts.length !== 2) return null;
  const type = (parts[0] ?? '').replace(ASCII_WHITESPACE_START, '');
  const subtype = (parts[1] ?? '').replace(ASCII_WHITESPACE_END, '');
  if (!isHttpToken(type) || !isHttpToken(subtype)) return null;
  return `${type}/${subtype}`.toLowerCase();
}
