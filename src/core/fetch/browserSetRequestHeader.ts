import { isForbiddenRequestHeader } from './forbiddenRequestHeader.ts';
import { lowerCaseHeaderName } from './headers.ts';

/**
 * Chromium's client hints whose names carry no `sec-ch-` prefix (the Client
 * Hints Infrastructure's legacy names, which Chromium also safelists: see
 * corsSafelistedRequestHeader.ts). The browser adds them to requests to an
 * origin that asked for them with Accept-CH; the `sec-ch-*` hints are
 * forbidden names, covered below.
 */
const LEGACY_CLIENT_HINTS = new Set(['device-memory', 'dpr', 'downlink', 'ect', 'rtt', 'save-data', 'viewport-width', 'width']);

/**
 * Whether a header on the wire is one the browser adds to a request on its
 * own: any forbidden request-header (Fetch Standard, Chromium's list: Origin,
 * Referer, User-Agent, Accept-Encoding, every `sec-` name such as
 * Sec-Fetch-Mode and the Sec-CH-UA client hints, every `proxy-` name...),
 * the legacy client hints, and Accept-Language, which the Fetch Standard has
 * the user agent append when the page set none. A page may set
 * Accept-Language or a legacy client hint itself; with a safelisted value it
 * makes no difference to CORS who did, which is where this is used: to fold
 * those headers out of "why no preflight was needed".
 */
export function isBrowserSetRequestHeader(name: string, value: string): boolean {
  const lower = lowerCaseHeaderName(name);
  return isForbiddenRequestHeader(lower, value) || lower === 'accept-language' || LEGACY_CLIENT_HINTS.has(lower);
}
