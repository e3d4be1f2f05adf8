import { decideCorsSafelistedRequestHeader, type SafelistRule, type UnsafeRule } from './corsSafelistedRequestHeader.ts';
import { isForbiddenRequestHeader } from './forbiddenRequestHeader.ts';
import { headerValueByteLength } from './headerValue.ts';
import { lowerCaseHeaderName, type Header, type HeaderList } from './headers.ts';

/** Above this total of safelisted value bytes, every safelisted header becomes unsafe too. */
export const SAFELISTED_TOTAL_MAX_BYTES = 1024;

export interface UnsafeRequestHeader {
  /** Lower-cased, as it appears in Access-Control-Request-Headers. */
  readonly name: string;
  readonly value: string;
  readonly rule: UnsafeRule | 'safelisted-total-over-1024-bytes';
  readonly detail?: string;
}

/** A request header that calls for no preflight: the browser's own (forbidden to the page), or one a safelist rule lets through. */
export type SimpleRequestHeader =
  | { readonly kind: 'forbidden-header'; readonly name: string }
  | { readonly kind: 'header'; readonly name: string; readonly value: string; readonly rule: SafelistRule };

/**
 * A request header list read once for CORS: its unsafe headers (with why),
 * their names and the Access-Control-Request-Headers value they make, and
 * the others with why they are not unsafe. The engine reads each list once
 * per verdict and passes this along, rather than asking again at every check.
 */
export interface UnsafeHeaders {
  readonly headers: readonly UnsafeRequestHeader[];
  /** Every other header, in request order (forbidden ones only when the safelisted values add up to more than 1024 bytes: then those are unsafe). */
  readonly simple: readonly SimpleRequestHeader[];
  /** Lower-cased, in request order (Chromium's check order); a name may repeat. */
  readonly names: readonly string[];
  /** What the preflight sends in Access-Control-Request-Headers ("" when omitted). */
  readonly requestHeadersValue: string;
}

/** Reads a header list for CORS: readUnsafeHeaders itself, or a reader that remembers what it read (pairing/headerReader.ts). */
export type HeaderReader = (headers: HeaderList) => UnsafeHeaders;

/** Reads a request's header list for CORS: see UnsafeHeaders. */
export function readUnsafeHeaders(list: HeaderList): UnsafeHeaders {
  const simple: SimpleRequestHeader[] = [];
  const headers = classify(list, simple);
  const names = headers.map((header) => header.name);
  return { headers, simple, names, requestHeadersValue: requestHeadersValueOf(names) };
}

/**
 * Fetch Standard "CORS-unsafe request-header names", as Chromium computes it
 * (cors_util.cc CorsUnsafeNotForbiddenRequestHeaderNames): forbidden headers
 * are skipped (the browser owns them), each other header that is not
 * safelisted is unsafe, and when the safelisted values add up to more than
 * 1024 bytes, the safelisted ones are appended as well. Returned in request
 * order, which is the order Chromium checks them against
 * Access-Control-Allow-Headers.
 */
export function corsUnsafeRequestHeaders(headers: HeaderList): readonly UnsafeRequestHeader[] {
  return classify(headers);
}

/** The names of corsUnsafeRequestHeaders, lower-cased, in request order. */
export function corsUnsafeRequestHeaderNames(headers: HeaderList): readonly string[] {
  return classify(headers).map((header) => header.name);
}

/** The unsafe headers; with `simple`, the others are pushed there as they are met. */
function classify(headers: HeaderList, simple?: SimpleRequestHeader[]): UnsafeRequestHeader[] {
  const unsafe: UnsafeRequestHeader[] = [];
  let safelistedBytes = 0;
  for (let index = 0; index < headers.length; index++) {
    const { name, value } = headers[index] as Header;
    if (isForbiddenRequestHeader(name, value)) {
      simple?.push({ kind: 'forbidden-header', name: lowerCaseHeaderName(name) });
      continue;
    }
    const lower = lowerCaseHeaderName(name);
    const decision = decideCorsSafelistedRequestHeader(lower, value);
    if (decision.safelisted) {
      safelistedBytes += headerValueByteLength(value);
      simple?.push({ kind: 'header', name: lower, value, rule: decision.rule });
    } else
      unsafe.push(
        decision.detail === undefined ? { name: lower, value, rule: decision.rule } : { name: lower, value, rule: decision.rule, detail: decision.detail },
      );
  }
  if (safelistedBytes <= SAFELISTED_TOTAL_MAX_BYTES) return unsafe;
  // Over the budget, every safelisted header is unsafe too: after the others,
  // in request order. Only the forbidden ones stay simple.
  if (simple) simple.splice(0, simple.length, ...simple.filter((header) => header.kind === 'forbidden-header'));
  for (let index = 0; index < headers.length; index++) {
    const { name, value } = headers[index] as Header;
    if (isForbiddenRequestHeader(name, value)) continue;
    const lower = lowerCaseHeaderName(name);
    if (decideCorsSafelistedRequestHeader(lower, value).safelisted) unsafe.push({ name: lower, value, rule: 'safelisted-total-over-1024-bytes' });
  }
  return unsafe;
}

/**
 * The value Chromium sends in Access-Control-Request-Headers: the unsafe
 * names, lower-cased, deduplicated, sorted by byte value, joined with "," and
 * no space (Fetch Standard; preflight_controller.cc). Empty means the header
 * is omitted.
 */
export function accessControlRequestHeadersValue(headers: HeaderList): string {
  return requestHeadersValueOf(corsUnsafeRequestHeaderNames(headers));
}

function requestHeadersValueOf(names: readonly string[]): string {
  if (names.length === 0) return '';
  if (names.length === 1) return names[0] as string;
  // Sorted, then each name kept once: what a Set would keep, without one.
  return [...names]
    .sort(compareBytes)
    .filter((name, index, all) => index === 0 || name !== all[index - 1])
    .join(',');
}

function compareBytes(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
