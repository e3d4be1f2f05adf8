import { browserRules, type BrowserName } from '../core/browsers/browserRules.ts';
import type { FirefoxReason } from '../core/browsers/firefoxReason.ts';
import { firefoxReasonOf } from '../core/browsers/firefoxReasonOf.ts';
import { isRefused, type PreflightStatus, type VerdictOutcome } from '../core/cors/verdict.ts';
import type { CorsError } from '../core/cors/corsError.ts';
import { corsErrorOf, failedParameterOf } from '../core/cors/verdictFacts.ts';
import { explainVerdict } from '../core/explain/explainVerdict.ts';
import type { Explanation } from '../core/explain/explanation.ts';
import { possibleCorsErrors } from '../core/explain/hiddenCauses.ts';
import { HarReadError } from '../core/har/readHar.ts';
import { importCapture } from '../core/trace/importCapture.ts';
import type { PairingStats } from '../core/pairing/pairEvents.ts';
import type { Transaction } from '../core/pairing/transaction.ts';

/** One actual cross-origin request, judged: the `--json` shape of `explain` and `record`. */
export interface ExplainedRequest {
  readonly url: string;
  readonly method: string;
  /** The browser refused the request: with a known CorsError, or for a reason the capture does not show (outcome "undetermined"). */
  readonly blocked: boolean;
  readonly corsError: CorsError | null;
  readonly failedParameter: string | null;
  /** When the capture cannot tell which header Chromium names first: every one it could be (failedParameter is one of them). */
  readonly candidates?: readonly string[];
  readonly preflight: PreflightStatus;
  /** When the browser failed the request for a reason the capture does not show (outcome "undetermined"): the CorsErrors it may have been. */
  readonly possibleCorsErrors?: readonly string[];
  /** One sentence. */
  readonly explanation: string;
  readonly outcome: VerdictOutcome;
  /** The header lines to add or change on the server, when blocked. */
  readonly fix: readonly string[];
  readonly notes: readonly string[];
  /** With --browser firefox: Firefox's reason (its console's, as MDN names it), null when not blocked. */
  readonly firefoxReason?: FirefoxReason | null;
}

export interface ReportOptions {
  /** Judge as Firefox, and give each request Firefox's reason. */
  readonly browser?: BrowserName;
}

/** What was left out of a report, by reason: counts only. */
export type LeftOut = Pick<PairingStats, 'sameOrigin' | 'navigations' | 'notCorsMode' | 'unknownInitiator'>;

export interface Report {
  readonly requests: readonly ExplainedRequest[];
  readonly transactions: readonly Transaction[];
  readonly explanations: readonly Explanation[];
  readonly leftOut: LeftOut;
}

/**
 * Explains a file: a CORS Lens trace (any supported version) or a HAR, judged
 * again by the engine (see importCapture), in file order for a HAR. Throws
 * JsonTextError, HarReadError or TraceReadError on bad input.
 */
export function explainFile(text: string, options: ReportOptions = {}): Report & { stats: PairingStats; kind: 'trace' | 'har' } {
  const { kind, transactions, stats } = importCapture(text, options.browser ? { rules: browserRules(options.browser) } : {});
  return { ...explainTransactions(transactions, stats, options), stats, kind };
}

/** Explains a HAR text, and only a HAR (see explainFile). */
export function explainHar(text: string): Report & { stats: PairingStats } {
  const report = explainFile(text);
  if (report.kind !== 'har') throw new HarReadError('not a HAR file: it is a CORS Lens trace');
  return report;
}

/** Explains judged transactions, in the order given: the report `explain` and `record` print. */
export function explainTransactions(transactions: readonly Transaction[], leftOut: LeftOut, options: ReportOptions = {}): Report {
  const explanations = transactions.map((transaction) => explainVerdict(transaction, transaction.verdict));
  const requests = transactions.map((transaction, index): ExplainedRequest => {
    const { verdict, request } = transaction;
    const explanation = explanations[index] as Explanation;
    return {
      url: request.url,
      method: request.method,
      blocked: isRefused(verdict),
      corsError: corsErrorOf(verdict),
      failedParameter: failedParameterOf(verdict),
      ...(verdict.failure?.candidates ? { candidates: verdict.failure.candidates } : {}),
      preflight: verdict.preflight,
      ...(verdict.hiddenCauses ? { possibleCorsErrors: possibleCorsErrors(verdict.hiddenCauses) } : {}),
      explanation: explanation.rootCause ? `${explanation.rootCause.text} ${explanation.summary}` : explanation.summary,
      outcome: verdict.outcome,
      fix: explanation.fix ? explanation.fix.lines.map((line) => `${line.name}: ${line.value}`) : [],
      notes: explanation.notes,
      ...(options.browser === 'firefox' ? { firefoxReason: firefoxReasonOf(transaction, verdict) } : {}),
    };
  });
  const { sameOrigin, navigations, notCorsMode, unknownInitiator } = leftOut;
  return { requests, transactions, explanations, leftOut: { sameOrigin, navigations, notCorsMode, unknownInitiator } };
}
