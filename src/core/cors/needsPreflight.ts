import { readUnsafeHeaders, type SimpleRequestHeader, type UnsafeHeaders, type UnsafeRequestHeader } from '../fetch/corsUnsafeRequestHeaderNames.ts';
import { isChromiumOnlyRule } from '../fetch/corsSafelistedRequestHeader.ts';
import type { HeaderList } from '../fetch/headers.ts';
import { isCorsSafelistedMethod } from '../fetch/method.ts';
import { isSameOrigin } from '../fetch/origin.ts';
import { isCorsEnabledMode, type RequestMode } from './corsRequest.ts';

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

/** Why CORS does not apply to a request, when it does not. */
export type NotCorsReason = 'same-origin' | 'same-origin-mode' | 'no-cors-mode' | 'navigation' | 'websocket';

/**
 * Why a request was, or was not, preflighted at one hop, as the engine
 * decided it: HopVerdict.preflightNeed. Explanations read it; none asks
 * the rule again.
 */
export interface PreflightNeed {
  /** Why CORS does not apply at this hop, when it does not: then nothing is preflighted. */
  readonly notCorsReason: NotCorsReason | null;
  /** Each rule the method and headers break (none for a simple request). */
  readonly reasons: readonly PreflightReason[];
  /** Each simple-request rule they meet: the safelisted method, and every other header with why it needs no preflight. */
  readonly met: readonly SimpleRequestRule[];
  /**
   * The header names the preflight announced, where the capture holds only
   * their names (their values were not captured): they made the request a
   * preflighted one, whatever its other headers.
   */
  readonly announced: readonly string[];
}

/** What the engine knows of a request at one hop when it decides its preflight. */
export interface PreflightNeedQuestion {
  readonly method: string;
  /** The hop's header list, read once for CORS. */
  readonly unsafe: UnsafeHeaders;
  readonly mode: RequestMode;
  /** Whether the hop has the CORS flag: without it nothing is asked but why CORS does not apply. */
  readonly corsFlag: boolean;
  readonly url: string;
  readonly initiatorOrigin: string;
  readonly announced: readonly string[];
  /** Whether this browser safelists Chromium's extra headers (BrowserRules): Firefox does not. True when absent. */
  readonly safelistsChromiumExtras?: boolean;
}

export interface PreflightDecision {
  readonly required: boolean;
  /** False when CORS does not apply at all (then no preflight either). */
  readonly cors: boolean;
  readonly notCorsReason?: NotCorsReason;
  readonly reasons: readonly PreflightReason[];
  readonly met: readonly SimpleRequestRule[];
  /** Access-Control-Request-Method the preflight carries. */
  readonly requestMethod: string;
  /** Access-Control-Request-Headers the preflight carries ("" when omitted). */
  readonly requestHeaders: string;
}

export interface PreflightQuestion {
  readonly method: string;
  readonly headers: HeaderList;
  readonly mode: RequestMode;
  /** With both, same-origin requests are recognised as not CORS. */
  readonly url?: string;
  readonly initiatorOrigin?: string;
}

/**
 * The question the verdict engine asks once at each hop: why a preflight is,
 * or is not, required (forced, a method other than GET/HEAD/POST, any
 * CORS-unsafe header), from a header list it has already read. A hop
 * without the CORS flag is only told why CORS does not apply there; one
 * with it is told by mode alone (a cross-origin same-origin-mode request
 * is refused, not preflighted), its rules listed all the same.
 */
export function decidePreflightNeed(question: PreflightNeedQuestion): PreflightNeed {
  const { method, unsafe, mode } = question;
  if (!question.corsFlag) {
    return {
      notCorsReason: notCorsReason({ mode, url: question.url, initiatorOrigin: question.initiatorOrigin }) ?? 'same-origin',
      reasons: [],
      met: [],
      announced: [],
    };
  }
  const rules = rulesOf(method, unsafe, mode);
  if (question.safelistsChromiumExtras === false) withoutChromiumExtras(rules);
  return { notCorsReason: notCorsReason({ mode }) ?? null, reasons: rules.reasons, met: rules.met, announced: question.announced };
}

interface SimpleRequestRules {
  reasons: PreflightReason[];
  /** Shared with the header list's reading when the method adds nothing: never changed in place. */
  met: readonly SimpleRequestRule[];
}

function rulesOf(method: string, unsafe: UnsafeHeaders, mode: RequestMode): SimpleRequestRules {
  const reasons: PreflightReason[] = [];
  if (mode === 'cors-with-forced-preflight') reasons.push({ kind: 'forced' });
  const safelisted = isCorsSafelistedMethod(method);
  if (!safelisted) reasons.push({ kind: 'method', method });
  for (const header of unsafe.headers) reasons.push({ kind: 'header', header });
  return { reasons, met: safelisted ? [{ kind: 'method', method }, ...unsafe.simple] : unsafe.simple };
}

/** In a browser without Chromium's extra safelist, those headers move from the rules met to the reasons for a preflight. */
function withoutChromiumExtras(rules: SimpleRequestRules): void {
  const met: SimpleRequestRule[] = [];
  for (const rule of rules.met) {
    if (rule.kind === 'header' && isChromiumOnlyRule(rule.rule)) rules.reasons.push({ kind: 'header-not-safelisted-here', header: rule });
    else met.push(rule);
  }
  rules.met = met;
}

/**
 * Whether the browser sends a CORS preflight before this request, and every
 * reason (Fetch Standard "main fetch" and "CORS-preflight fetch"; Chromium
 * cors_url_loader.cc NeedsPreflight): only cors-mode requests to another
 * origin are preflighted; `cors-with-forced-preflight` always is; otherwise a
 * method that is not GET/HEAD/POST, or any CORS-unsafe request header, makes
 * one necessary. Credentials never do.
 */
export function needsPreflight(question: PreflightQuestion): PreflightDecision {
  const unsafe = readUnsafeHeaders(question.headers);
  const base = { requestMethod: question.method, requestHeaders: unsafe.requestHeadersValue };
  const notCors = notCorsReason(question);
  if (notCors) {
    return { ...base, required: false, cors: false, notCorsReason: notCors, reasons: [], met: [] };
  }
  const { reasons, met } = rulesOf(question.method, unsafe, question.mode);
  return { ...base, required: reasons.length > 0, cors: true, reasons, met };
}

function notCorsReason(question: Pick<PreflightQuestion, 'mode' | 'url' | 'initiatorOrigin'>): NotCorsReason | undefined {
  if (question.mode === 'navigate') return 'navigation';
  if (question.mode === 'websocket') return 'websocket';
  if (question.url !== undefined && question.initiatorOrigin !== undefined && isSameOrigin(question.initiatorOrigin, question.url)) {
    return 'same-origin';
  }
  // A cross-origin request in same-origin mode is rejected, never preflighted.
  if (question.mode === 'same-origin') return 'same-origin-mode';
  if (!isCorsEnabledMode(question.mode)) return 'no-cors-mode';
  return undefined;
}
