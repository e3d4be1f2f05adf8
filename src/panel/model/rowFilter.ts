import type { TransactionRow } from '../../core/session/transactionRow.ts';

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

/** A filter that lets every row through (the list shows the rows as they are, no copy made). */
export function isEmptyFilter(filter: RowFilter): boolean {
  return !filter.blockedOnly && !filter.preflightedOnly && !filter.text && !filter.targetOrigin;
}

/**
 * The target origins the origin filter offers, each once, sorted, with those
 * of `rows` added: the same array when they bring none new. Kept where rows
 * arrive (a batch at a time), never worked out again over the whole list.
 */
export function withTargetOrigins(known: readonly string[], rows: readonly TransactionRow[]): readonly string[] {
  const origins = new Set(known);
  for (const row of rows) origins.add(row.targetOrigin);
  return origins.size === known.length ? known : [...origins].sort();
}
