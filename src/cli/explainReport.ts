import type { PreflightStatus, VerdictOutcome } from '../core/cors/verdict.ts';
import type { CorsError } from '../core/cors/corsError.ts';
import { explainVerdict, type Explanation } from '../core/explain/explainVerdict.ts';
import { harRecordsPreflights, harToEvents } from '../core/har/harToEvents.ts';
import type { Har } from '../core/har/harSchema.ts';
import { HarReadError, readHar, validateHar } from '../core/har/readHar.ts';
import { JsonTextError, parseJsonText } from '../core/json/jsonText.ts';
import { isTraceJson, validateTrace } from '../core/trace/readTrace.ts';
import { traceToEvents } from '../core/trace/traceToEvents.ts';
import { pairEvents, type PairingStats } from '../core/pairing/pairEvents.ts';
import type { Transaction } from '../core/pairing/transaction.ts';

/** One actual cross-origin request, judged: the `--json` shape of `explain` and `record`. */
export interface ExplainedRequest {
  readonly url: string;
  readonly method: string;
  readonly blocked: boolean;
  readonly corsError: CorsError | null;
  readonly failedParameter: string | null;
  /** When the capture cannot tell which header Chromium names first: every one it could be (failedParameter is one of them). */
  readonly candidates?: readonly string[];
  readonly preflight: PreflightStatus;
  /** One sentence. */
  readonly explanation: string;
  readonly outcome: VerdictOutcome;
  /** The header lines to add or change on the server, when blocked. */
  readonly fix: readonly string[];
  readonly notes: readonly string[];
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
 * Reads a HAR text, pairs each preflight with its request, and judges every
 * actual cross-origin request, in file order. Verdicts come from the headers,
 * never from the file's own error fields. Throws HarReadError on bad input.
 */
/**
 * Explains a file: a CORS Lens trace (any supported version) or a HAR. The
 * JSON is parsed once; a HarReadError or TraceReadError says what is wrong.
 */
export function explainFile(text: string): Report & { stats: PairingStats; kind: 'trace' | 'har' } {
  let json: unknown;
  try {
    json = parseJsonText(text);
  } catch (error) {
    throw error instanceof JsonTextError ? new HarReadError(error.message) : error;
  }
  if (isTraceJson(json)) {
    const { transactions, stats } = pairEvents(traceToEvents(validateTrace(json)));
    return { ...explainTransactions(transactions, stats), stats, kind: 'trace' };
  }
  return { ...explainValidHar(validateHar(json)), kind: 'har' };
}

export function explainHar(text: string): Report & { stats: PairingStats } {
  return explainValidHar(readHar(text));
}

function explainValidHar(har: Har): Report & { stats: PairingStats } {
  const { transactions, stats } = pairEvents(harToEvents(har), { preflightsRecorded: harRecordsPreflights(har) });
  const inFileOrder = [...transactions].sort((a, b) => entryIndex(a.id) - entryIndex(b.id));
  return { ...explainTransactions(inFileOrder, stats), stats };
}

/** Explains judged transactions, in the order given: the report `explain` and `record` print. */
export function explainTransactions(transactions: readonly Transaction[], leftOut: LeftOut): Report {
  const explanations = transactions.map((transaction) => explainVerdict(transaction.verdict, transaction.request));
  const requests = transactions.map((transaction, index): ExplainedRequest => {
    const { verdict, request } = transaction;
    const explanation = explanations[index] as Explanation;
    return {
      url: request.url,
      method: request.method,
      blocked: verdict.blocked,
      corsError: verdict.corsError,
      failedParameter: verdict.failedParameter,
      ...(verdict.failure?.candidates ? { candidates: verdict.failure.candidates } : {}),
      preflight: verdict.preflight,
      explanation: explanation.rootCause ? `${explanation.rootCause.text} ${explanation.summary}` : explanation.summary,
      outcome: verdict.outcome,
      fix: explanation.fix ? explanation.fix.lines.map((line) => `${line.name}: ${line.value}`) : [],
      notes: explanation.notes,
    };
  });
  const { sameOrigin, navigations, notCorsMode, unknownInitiator } = leftOut;
  return { requests, transactions, explanations, leftOut: { sameOrigin, navigations, notCorsMode, unknownInitiator } };
}

function entryIndex(id: string): number {
  const match = /^har-(\d+)$/.exec(id);
  return match ? Number(match[1]) : Number.MAX_SAFE_INTEGER;
}
