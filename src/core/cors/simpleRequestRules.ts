import type { SimpleRequestHeader, UnsafeHeaders, UnsafeRequestHeader } from '../fetch/corsUnsafeRequestHeaderNames.ts';
import { isChromiumOnlyRule } from '../fetch/corsSafelistedRequestHeader.ts';
import { isCorsSafelistedMethod } from '../fetch/method.ts';
import type { RequestMode } from './corsRequest.ts';

/** One reason a request is preflighted. */
export type PreflightReason =
  | { readonly kind: 'forced' }
  | { readonly kind: 'method'; readonly method: string }
  | { readonly kind: 'header'; readonly header: UnsafeRequestHeader }
  /** A header only Chromium safelists (its client hints, Intervention), in a browser that does not: Firefox preflights it. */
  | { readonly kind: 'header-not-safelisted-here'; readonly header: SafelistedHeader };

/** A header a safelist rule lets through without a preflight. */
export type SafelistedHeader = Extract<SimpleRequestHeader, { readonly kind: 'header' }>;

/** One simple-request rule a request met (shown when no preflight was needed). */
export type SimpleRequestRule = { readonly kind: 'method'; readonly method: string } | SimpleRequestHeader;

export interface SimpleRequestRules {
  reasons: PreflightReason[];
  /** Shared with the header list's reading when the method adds nothing: never changed in place. */
  met: readonly SimpleRequestRule[];
}

/**
 * The simple-request rules (Fetch Standard "CORS-preflight fetch") a
 * request's mode, method and already-read header list break, each a reason
 * to preflight it, and those they meet.
 */
export function simpleRequestRulesOf(method: string, unsafe: UnsafeHeaders, mode: RequestMode): SimpleRequestRules {
  const reasons: PreflightReason[] = [];
  if (mode === 'cors-with-forced-preflight') reasons.push({ kind: 'forced' });
  const safelisted = isCorsSafelistedMethod(method);
  if (!safelisted) reasons.push({ kind: 'method', method });
  for (const header of unsafe.headers) reasons.push({ kind: 'header', header });
  return { reasons, met: safelisted ? [{ kind: 'method', method }, ...unsafe.simple] : unsafe.simple };
}

/** In a browser without Chromium's extra safelist, those headers move from the rules met to the reasons for a preflight. */
export function withoutChromiumExtras(rules: SimpleRequestRules): void {
  const met: SimpleRequestRule[] = [];
  for (const rule of rules.met) {
    if (rule.kind === 'header' && isChromiumOnlyRule(rule.rule)) rules.reasons.push({ kind: 'header-not-safelisted-here', header: rule });
    else met.push(rule);
  }
  rules.met = met;
}
