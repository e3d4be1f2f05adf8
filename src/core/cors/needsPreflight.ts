import { decideCorsSafelistedRequestHeader, type SafelistRule } from '../fetch/corsSafelistedRequestHeader.ts';
import { readUnsafeHeaders, type UnsafeHeaders, type UnsafeRequestHeader } from '../fetch/corsUnsafeRequestHeaderNames.ts';
import { isForbiddenRequestHeader } from '../fetch/forbiddenRequestHeader.ts';
import type { HeaderList } from '../fetch/headers.ts';
import { isCorsSafelistedMethod } from '../fetch/method.ts';
import { isSameOrigin } from '../fetch/origin.ts';
import { isCorsEnabledMode, type RequestMode } from './corsRequest.ts';

/** One reason a request is preflighted. */
export type PreflightReason =
  | { readonly kind: 'forced' }
  | { readonly kind: 'method'; readonly method: string }
  | { readonly kind: 'header'; readonly header: UnsafeRequestHeader };

/** One simple-request rule a request met (shown when no preflight was needed). */
export type SimpleRequestRule =
  | { readonly kind: 'method'; readonly method: string }
  | { readonly kind: 'header'; readonly name: string; readonly value: string; readonly rule: SafelistRule }
  | { readonly kind: 'forbidden-header'; readonly name: string };

/** Why CORS does not apply to a request, when it does not. */
export type NotCorsReason = 'same-origin' | 'same-origin-mode' | 'no-cors-mode' | 'navigation' | 'websocket';

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
 * The fast question the verdict engine asks at each hop of a CORS request:
 * is a preflight required (forced, a method other than GET/HEAD/POST, or any
 * CORS-unsafe header)? needsPreflight gives the same answer with every reason.
 */
export function isPreflightRequired(method: string, unsafe: UnsafeHeaders, mode: RequestMode): boolean {
  return mode === 'cors-with-forced-preflight' || !isCorsSafelistedMethod(method) || unsafe.names.length > 0;
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
  const reasons: PreflightReason[] = [];
  const met: SimpleRequestRule[] = [];
  if (question.mode === 'cors-with-forced-preflight') reasons.push({ kind: 'forced' });
  if (isCorsSafelistedMethod(question.method)) met.push({ kind: 'method', method: question.method });
  else reasons.push({ kind: 'method', method: question.method });
  for (const header of unsafe.headers) reasons.push({ kind: 'header', header });
  const unsafeNames = new Set(unsafe.names);
  for (const { name, value } of question.headers) {
    const lower = name.toLowerCase();
    if (isForbiddenRequestHeader(name, value)) met.push({ kind: 'forbidden-header', name: lower });
    else if (!unsafeNames.has(lower)) {
      const decision = decideCorsSafelistedRequestHeader(lower, value);
      if (decision.safelisted) met.push({ kind: 'header', name: lower, value, rule: decision.rule });
    }
  }
  return { ...base, required: reasons.length > 0, cors: true, reasons, met };
}

function notCorsReason(question: PreflightQuestion): NotCorsReason | undefined {
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
