import { isRefused } from '../../core/cors/verdict.ts';
import type { SequencedTransaction } from '../../core/protocol.ts';

/**
 * What a row of the list shows, read off the engine's verdict (no rule is
 * decided here). `status` names the badge.
 */
export interface TransactionRow {
  readonly seq: number;
  readonly status: RowStatus;
  readonly method: string;
  readonly url: string;
  /** The target's origin and the rest of the URL, shown apart. */
  readonly targetOrigin: string;
  readonly path: string;
  readonly initiatorOrigin: string;
  readonly corsError: string | null;
  readonly preflight: string;
  /** Milliseconds from start to end, null while in flight. */
  readonly durationMs: number | null;
  readonly blocked: boolean;
  readonly preflighted: boolean;
}

export type RowStatus = 'allowed' | 'blocked' | 'preflight-failed' | 'cache-hit' | 'network-error' | 'in-flight' | 'undetermined' | 'not-cors';

export const STATUS_LABELS: Readonly<Record<RowStatus, string>> = {
  allowed: 'allowed',
  blocked: 'blocked',
  'preflight-failed': 'preflight failed',
  'cache-hit': 'cache hit',
  'network-error': 'network error',
  'in-flight': 'in flight',
  undetermined: 'blocked (why?)',
  'not-cors': 'not CORS',
};

// Rows are made once per transaction object: the log keeps unchanged items
// as they were, so a batch of new transactions costs only its own rows.
const rows = new WeakMap<SequencedTransaction, TransactionRow>();

/** The row of a transaction (made once, then remembered). */
export function toRow(item: SequencedTransaction): TransactionRow {
  let row = rows.get(item);
  if (!row) {
    row = makeRow(item);
    rows.set(item, row);
  }
  return row;
}

function makeRow({ seq, transaction }: SequencedTransaction): TransactionRow {
  const { verdict, request } = transaction;
  const { origin, path } = splitUrl(request.url);
  return {
    seq,
    status: statusOf(transaction.verdict.outcome, verdict.stage, verdict.preflight),
    method: request.method,
    url: request.url,
    targetOrigin: origin,
    path,
    initiatorOrigin: request.initiatorOrigin,
    corsError: verdict.corsError,
    preflight: verdict.preflight,
    durationMs: transaction.endTime === undefined ? null : Math.max(0, transaction.endTime - transaction.startTime),
    blocked: isRefused(verdict),
    preflighted: verdict.preflight !== 'not-needed',
  };
}

function statusOf(outcome: SequencedTransaction['transaction']['verdict']['outcome'], stage: string | null, preflight: string): RowStatus {
  switch (outcome) {
    case 'blocked':
      return stage === 'preflight' ? 'preflight-failed' : 'blocked';
    case 'allowed':
      return preflight === 'cache-hit' ? 'cache-hit' : 'allowed';
    case 'incomplete':
      return 'in-flight';
    default:
      return outcome;
  }
}

function splitUrl(url: string): { origin: string; path: string } {
  try {
    const parsed = new URL(url);
    return { origin: parsed.origin, path: `${parsed.pathname}${parsed.search}` };
  } catch {
    return { origin: '', path: url };
  }
}

export interface RowFilter {
  readonly blockedOnly: boolean;
  readonly preflightedOnly: boolean;
  /** Matched against the URL, case-insensitively. */
  readonly text: string;
  /** A target origin, or '' for all. */
  readonly targetOrigin: string;
}

export const NO_FILTER: RowFilter = { blockedOnly: false, preflightedOnly: false, text: '', targetOrigin: '' };

export function matchesFilter(row: TransactionRow, filter: RowFilter): boolean {
  if (filter.blockedOnly && !row.blocked) return false;
  if (filter.preflightedOnly && !row.preflighted) return false;
  if (filter.targetOrigin && row.targetOrigin !== filter.targetOrigin) return false;
  return !filter.text || row.url.toLowerCase().includes(filter.text.toLowerCase());
}
