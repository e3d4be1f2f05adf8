import { decideCorsSafelistedRequestHeader, type UnsafeRule } from './corsSafelistedRequestHeader.ts';
import { isForbiddenRequestHeader } from './forbiddenRequestHeader.ts';
import { headerValueByteLength, lowerCaseHeaderName, type Header, type HeaderList } from './headers.ts';

/** Above this total of safelisted value bytes, every safelisted header becomes unsafe too. */
export const SAFELISTED_TOTAL_MAX_BYTES = 1024;

export interface UnsafeRequestHeader {
  /** Lower-cased, as it appears in Access-Control-Request-Headers. */
  readonly name: string;
  readonly value: string;
  readonly rule: UnsafeRule | 'safelisted-total-over-1024-bytes';
  readonly detail?: string;
}

// Header lists are never changed once built, and the same list is asked about
// several times per verdict (preflight decision, preflight check, cache
// lookup): each list is classified once, its names listed once, its
// Access-Control-Request-Headers value written once. The questions about one
// list mostly come in a row, so the last list is compared before the map is
// asked (a WeakMap lookup costs far more than the comparison).
interface Classified {
  readonly headers: readonly UnsafeRequestHeader[];
  readonly names: readonly string[];
  requestHeadersValue: string | undefined;
}

const classified = new WeakMap<HeaderList, Classified>();
let lastList: HeaderList | undefined;
let lastClassified: Classified | undefined;

function classifiedOnce(headers: HeaderList): Classified {
  if (headers === lastList && lastClassified) return lastClassified;
  let known = classified.get(headers);
  if (!known) {
    const unsafe = classify(headers);
    known = { headers: unsafe, names: unsafe.map((header) => header.name), requestHeadersValue: undefined };
    classified.set(headers, known);
  }
  lastList = headers;
  lastClassified = known;
  return known;
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
  return classifiedOnce(headers).headers;
}

/** The names of corsUnsafeRequestHeaders, lower-cased, in request order. */
export function corsUnsafeRequestHeaderNames(headers: HeaderList): readonly string[] {
  return classifiedOnce(headers).names;
}

function classify(headers: HeaderList): UnsafeRequestHeader[] {
  const unsafe: UnsafeRequestHeader[] = [];
  let safelistedBytes = 0;
  for (let index = 0; index < headers.length; index++) {
    const { name, value } = headers[index] as Header;
    if (isForbiddenRequestHeader(name, value)) continue;
    const lower = lowerCaseHeaderName(name);
    const decision = decideCorsSafelistedRequestHeader(lower, value);
    if (decision.safelisted) safelistedBytes += headerValueByteLength(value);
    else unsafe.push(decision.detail === undefined ? { name: lower, value, rule: decision.rule } : { name: lower, value, rule: decision.rule, detail: decision.detail });
  }
  if (safelistedBytes <= SAFELISTED_TOTAL_MAX_BYTES) return unsafe;
  // Over the budget, every safelisted header is unsafe too: after the others, in request order.
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
  const known = classifiedOnce(headers);
  if (known.requestHeadersValue === undefined) {
    const { names } = known;
    // Sorted, then each name kept once: what a Set would keep, without one.
    const sorted = names.length < 2 ? names : [...names].sort(compareBytes).filter((name, index, all) => index === 0 || name !== all[index - 1]);
    known.requestHeadersValue = sorted.join(',');
  }
  return known.requestHeadersValue;
}

function compareBytes(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
