import { urlParts, type UrlReader } from './urlParts.ts';

// Each question takes the reader to parse with: urlParts by default, or the
// one a pairing owns, which parses each URL once however often it is asked.

/**
 * HTML "ASCII serialization of an origin" for a URL: `scheme://host[:port]`,
 * or `null` for an opaque origin (data:, about:, a malformed URL...).
 */
export function serializeOrigin(url: string, read: UrlReader = urlParts): string {
  return read(url)?.origin ?? 'null';
}

/** Same origin (HTML): equal serializations, and neither is opaque. */
export function isSameOrigin(a: string, b: string, read: UrlReader = urlParts): boolean {
  const originA = serializeOrigin(a, read);
  return originA !== 'null' && originA === serializeOrigin(b, read);
}

/** Whether the URL's scheme is one CORS requests may use (Chromium: http and https). */
export function isHttpScheme(url: string, read: UrlReader = urlParts): boolean {
  const scheme = read(url)?.scheme;
  return scheme === 'http' || scheme === 'https';
}

/** Whether a URL carries userinfo (`user:pass@`), which a CORS redirect may not. */
export function hasUserInfo(url: string): boolean {
  return urlParts(url)?.hasUserInfo ?? false;
}

/** Resolves a Location value against the URL that answered with it; null when it does not parse. */
export function resolveLocation(location: string, base: string): string | null {
  try {
    return new URL(location, base).href;
  } catch {
    return null;
  }
}

/**
 * Whether a string parses as an absolute URL. Chromium's GURL and the WHATWG
 * URL parser agree on what matters here: `example.com` (no scheme) and the
 * empty string are not URLs, `https://example.com` is.
 */
export function isParsableUrl(value: string): boolean {
  return urlParts(value) !== null;
}
