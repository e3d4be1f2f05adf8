import type { BrowserRules } from '../browsers/browserRules.ts';
import { harRecordsPreflights, harToEvents } from '../har/harToEvents.ts';
import { validateHar } from '../har/readHar.ts';
import type { Har } from '../har/harSchema.ts';
import { skimHarText } from '../har/skimHarText.ts';
import { parseJsonText } from '../json/jsonText.ts';
import { sortedByNumber } from '../sortByNumber.ts';
import { pairEvents, type PairingStats } from '../pairing/pairEvents.ts';
import type { Transaction } from '../pairing/transaction.ts';
import { isTraceJson, validateTrace } from './readTrace.ts';
import { traceToEvents } from './traceToEvents.ts';
import type { TraceFile } from './traceSchema.ts';

/** The largest file read whole: JSON.parse needs several times its size in memory. */
export const MAX_CAPTURE_BYTES = 256 * 1024 * 1024;

/** A capture read from a file and judged again by the engine. */
export interface JudgedCapture {
  readonly kind: 'trace' | 'har';
  /** In file order for a HAR, in start order for a trace. */
  readonly transactions: readonly Transaction[];
  readonly stats: PairingStats;
  /** The browser that made the capture, as the file names it. */
  readonly browser: string | null;
}

/** A file's JSON parsed and validated, not judged yet: a CORS Lens trace or a HAR. */
export type ReadCapture = { readonly kind: 'trace'; readonly trace: TraceFile } | { readonly kind: 'har'; readonly har: Har };

/**
 * Reads a CORS Lens trace (any supported version) or a HAR, parsing the JSON
 * once, and judges every request again: the file's own verdicts and error
 * fields are never trusted. Throws JsonTextError, TraceReadError or
 * HarReadError, each naming what is wrong and where.
 */
export function importCapture(text: string, options: JudgeOptions = {}): JudgedCapture {
  return judgeCapture(readCapture(text), options);
}

export interface JudgeOptions {
  /** Judge as this browser where its rules differ from Chromium's (src/core/browsers/). */
  readonly rules?: BrowserRules;
}

/**
 * The first half of importCapture: parse and validate, no CORS rule yet.
 * Apart so that the import benchmark can time each half from outside
 * (bench/importStagesWorker.ts): this one is what any importer built on
 * JSON.parse pays.
 */
export function readCapture(text: string): ReadCapture {
  // A HAR's bodies and call stacks are never read: they are not parsed either.
  const json = parseJsonText(text, skimHarText);
  return isTraceJson(json) ? { kind: 'trace', trace: validateTrace(json) } : { kind: 'har', har: validateHar(json) };
}

/** The second half of importCapture: pair every preflight and judge every request. */
export function judgeCapture(read: ReadCapture, options: JudgeOptions = {}): JudgedCapture {
  const rules = options.rules ? { rules: options.rules } : {};
  if (read.kind === 'trace') {
    const { trace } = read;
    const { transactions, stats } = pairEvents(traceToEvents(trace), rules);
    return { kind: 'trace', transactions, stats, browser: trace.browser?.userAgent ?? null };
  }
  const { har } = read;
  const { transactions, stats } = pairEvents(harToEvents(har), { preflightsRecorded: harRecordsPreflights(har), ...rules });
  const named = har.log.browser ?? har.log.creator;
  const browser = named ? `${named.name} ${named.version ?? ''}`.trim() : null;
  return { kind: 'har', transactions: inFileOrder(transactions), stats, browser };
}

/** Transactions by the index of their first entry (ids are `har-<index>`); a stable sort, each index read once. */
function inFileOrder(transactions: readonly Transaction[]): readonly Transaction[] {
  return sortedByNumber(transactions, (transaction) => entryIndex(transaction.id));
}

function entryIndex(id: string): number {
  const match = /^har-(\d+)$/.exec(id);
  return match ? Number(match[1]) : Number.MAX_SAFE_INTEGER;
}
