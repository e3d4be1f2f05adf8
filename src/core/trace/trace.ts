import { sortedByNumber } from '../sortByNumber.ts';
import type { PreflightCacheEntry } from '../cache/preflightCache.ts';
import type { Transaction } from '../pairing/transaction.ts';
import { NOTHING_LEFT_OUT, type SessionSummary } from '../protocol.ts';
import { redactSecrets, type Redactions } from './redact.ts';
import { CORS_LENS_VERSION } from './version.ts';

export const TRACE_FORMAT = 'cors-lens-trace';
export const TRACE_VERSION = 1;

/**
 * A capture as CORS Lens writes it: every transaction with its preflights
 * and the verdict given at capture time, the preflight-cache model, and what
 * was left out. Plain JSON.
 * WARNING: a file format; readers of later versions must still read this one.
 */
export interface Trace {
  readonly format: typeof TRACE_FORMAT;
  readonly version: typeof TRACE_VERSION;
  /** ISO 8601. */
  readonly createdAt: string;
  readonly creator: { readonly name: 'CORS Lens'; readonly version: string };
  /** The browser that captured it, as far as the capture knows. */
  readonly browser: { readonly userAgent: string } | null;
  readonly page: { readonly url: string | null };
  /** Whether Cookie, Set-Cookie and Authorization values, and secret query values, were left out (see redact.ts). */
  readonly secrets: 'redacted' | 'included';
  readonly redactedValues: number;
  /** What was left out, by header and query-parameter name (added in 0.1: absent from older files). */
  readonly redactions?: Redactions;
  readonly session: Pick<SessionSummary, 'evicted' | 'truncatedValues' | 'leftOut'>;
  /** Judged transactions, then those still in flight, in the order they started. */
  readonly transactions: readonly Transaction[];
  /** The preflight-cache model's live entries at `createdAt`. */
  readonly preflightCache: readonly PreflightCacheEntry[];
}

export interface TraceInput {
  readonly session: SessionSummary;
  readonly transactions: readonly Transaction[];
  readonly preflightCache: readonly PreflightCacheEntry[];
  /** Epoch ms: when the trace is made (time is a parameter, never read here). */
  readonly createdAt: number;
  readonly userAgent?: string;
  readonly includeSecrets?: boolean;
}

/** The session of a trace made from no tab (an imported file, a simulation): nothing left out, nothing evicted. */
export function detachedSession(pageUrl: string | null, transactions: number): SessionSummary {
  return {
    tabId: -1,
    pageUrl,
    preserveLog: false,
    evicted: 0,
    truncatedValues: 0,
    leftOut: NOTHING_LEFT_OUT,
    seq: transactions,
    recordingSince: null,
    gaps: [],
  };
}

const NOTHING_REDACTED: Redactions = { count: 0, headers: [], queryParameters: [] };

export function createTrace(input: TraceInput): Trace {
  const ordered = sortedByNumber(input.transactions, (transaction) => transaction.startTime);
  const { value: transactions, redactions } = input.includeSecrets ? { value: ordered, redactions: NOTHING_REDACTED } : redactSecrets(ordered);
  const { evicted, truncatedValues, leftOut } = input.session;
  return {
    format: TRACE_FORMAT,
    version: TRACE_VERSION,
    createdAt: new Date(input.createdAt).toISOString(),
    creator: { name: 'CORS Lens', version: CORS_LENS_VERSION },
    browser: input.userAgent ? { userAgent: input.userAgent } : null,
    page: { url: input.session.pageUrl },
    secrets: input.includeSecrets ? 'included' : 'redacted',
    redactedValues: redactions.count,
    redactions,
    session: { evicted, truncatedValues, leftOut },
    transactions,
    preflightCache: input.preflightCache,
  };
}
