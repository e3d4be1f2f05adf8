import type { RecordingGap } from '../../core/recording/recordingGap.ts';
import type { TransactionRow } from '../../core/session/transactionRow.ts';

/** A line of the list: a transaction, or a stretch the recording missed. */
export type ListEntry = { readonly kind: 'transaction'; readonly row: TransactionRow } | { readonly kind: 'gap'; readonly gap: RecordingGap };

/**
 * The rows (in seq order) with each gap where it happened: after the last
 * transaction judged before it. A filter hides rows, never a gap: what was
 * not recorded may have matched it.
 */
export function withGaps(rows: readonly TransactionRow[], gaps: readonly RecordingGap[]): ListEntry[] {
  if (gaps.length === 0) return rows.map((row) => ({ kind: 'transaction', row }));
  const pending = [...gaps].sort((a, b) => a.afterSeq - b.afterSeq || a.from - b.from);
  const entries: ListEntry[] = [];
  let next = 0;
  for (const row of rows) {
    while (next < pending.length && (pending[next] as RecordingGap).afterSeq < row.seq) entries.push({ kind: 'gap', gap: pending[next++] as RecordingGap });
    entries.push({ kind: 'transaction', row });
  }
  while (next < pending.length) entries.push({ kind: 'gap', gap: pending[next++] as RecordingGap });
  return entries;
}
