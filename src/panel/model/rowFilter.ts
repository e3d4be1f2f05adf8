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
