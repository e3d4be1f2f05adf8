import type { RecordingGap } from '../../core/recording/recordingGap.ts';
import type { TransactionRow } from '../../core/session/transactionRow.ts';

/** A stretch the live recording missed, as a line of the list. */
export interface GapEntry {
  readonly kind: 'gap';
  readonly gap: RecordingGap;
}

/**
 * A line of the list: a transaction's row, or a gap. Rows are lines as they
 * are, so that a list without gaps (every imported file, most live tabs) is
 * its array of rows, not 50,000 new objects made in the render that shows it.
 */
export type ListEntry = TransactionRow | GapEntry;

export function isGap(entry: ListEntry): entry is GapEntry {
  return 'kind' in entry;
}

/**
 * The rows (in seq order) with each gap where it happened: after the last
 * transaction judged before it. A filter hides rows, never a gap: what was
 * not recorded may have matched it.
 */
export function withGaps(rows: readonly TransactionRow[], gaps: readonly RecordingGap[]): readonly ListEntry[] {
  if (gaps.length === 0) return rows;
  const pending = [...gaps].sort((a, b) => a.afterSeq - b.afterSeq || a.from - b.from);
  const entries: ListEntry[] = [];
  let next = 0;
  for (const row of rows) {
    while (next < pending.length && (pending[next] as RecordingGap).afterSeq < row.seq) entries.push({ kind: 'gap', gap: pending[next++] as RecordingGap });
    entries.push(row);
  }
  while (next < pending.length) entries.push({ kind: 'gap', gap: pending[next++] as RecordingGap });
  return entries;
}
