import { lowerCaseHeaderName } from './headers.ts';

/**
 * Whether a header takes part in the CORS protocol, as a reader of a
 * request's or a response's headers wants them marked: Origin and every
 * Access-Control-* header (Fetch Standard "HTTP extensions" of the CORS
 * protocol), Vary (a response that depends on Origin must say so for caches
 * to keep answers apart), and Sec-Fetch-* (the mode and site the browser
 * announced, which servers use to decide).
 */
export function isCorsProtocolHeader(name: string): boolean {
  const lower = lowerCaseHeaderName(name);
  return lower.startsWith('access-control-') || lower === 'origin' || lower === 'vary' || lower.startsWith('sec-fetch-');
}
