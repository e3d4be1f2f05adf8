import { isRefused, type PreflightStatus } from '../../core/cors/verdict.ts';
import { corsErrorOf } from '../../core/cors/verdictFacts.ts';
import { verdictBadge, type VerdictBadge } from '../../core/explain/verdictBadge.ts';
import type { SequencedTransaction } from '../../core/protocol.ts';

/** What a row of the list shows, read off the engine's verdict (no rule is decided here). */
export interface TransactionRow {
  readonly seq: number;
  readonly badge: VerdictBadge;
  readonly method: string;
  readonly url: string;
  /** The target's origin and the rest of the URL, shown apart. */
  readonly targetOrigin: string;
  readonly path: string;
  readonly initiatorOrigin: string;
  readonly corsError: string | null;
  readonly preflight: PreflightStatus;
  /** Milliseconds from start to end, null while in flight. */
  readonly durationMs: number | null;
  readonly blocked: boolean;
  /** Whether it needed a preflight (sent, served from the cache, or needed and not seen). */
  readonly preflighted: boolean;
}

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

/** The row of a transaction, made anew (the import worker makes each once). */
export function makeRow({ seq, transaction }: SequencedTransaction): TransactionRow {
  const { verdict, request } = transaction;
  const { origin, path } = splitUrl(request.url);
  return {
    seq,
    badge: verdictBadge(verdict),
    method: request.method,
    url: request.url,
    targetOrigin: origin,
    path,
    initiatorOrigin: request.initiatorOrigin,
    corsError: corsErrorOf(verdict),
    preflight: verdict.preflight,
    durationMs: transaction.endTime === undefined ? null : Math.max(0, transaction.endTime - transaction.startTime),
    blocked: isRefused(verdict),
    preflighted: verdict.preflight !== 'not-needed',
  };
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
