import { readUnsafeHeaders, type UnsafeHeaders } from '../fetch/corsUnsafeRequestHeaderNames.ts';
import type { HeaderList } from '../fetch/headers.ts';
import type { RequestMode } from './corsRequest.ts';
import { notCorsReason, type NotCorsReason } from './notCorsReason.ts';
import { simpleRequestRulesOf, withoutChromiumExtras, type PreflightReason, type SimpleRequestRule } from './simpleRequestRules.ts';

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
  const rules = simpleRequestRulesOf(method, unsafe, mode);
  if (question.safelistsChromiumExtras === false) withoutChromiumExtras(rules);
  return { notCorsReason: notCorsReason({ mode }) ?? null, reasons: rules.reasons, met: rules.met, announced: question.announced };
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
  const { reasons, met } = simpleRequestRulesOf(question.method, unsafe, question.mode);
  return { ...base, required: reasons.length > 0, cors: true, reasons, met };
}
