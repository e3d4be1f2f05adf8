import { describe, expect, it } from 'vitest';
import { isGap, withGaps } from './listEntries.ts';
import type { TransactionRow } from '../../core/session/transactionRow.ts';

const row = (seq: number) => ({ seq }) as TransactionRow;
const gap = (afterSeq: number, from = 1) => ({ from, to: from + 1, afterSeq });
const shape = (entries: ReturnType<typeof withGaps>) => entries.map((entry) => (isGap(entry) ? `gap after ${entry.gap.afterSeq}` : entry.seq));

describe('the list with its gaps', () => {
  it('shows each gap after the last transaction judged before it', () => {
    expect(shape(withGaps([row(1), row(2), row(5)], [gap(2), gap(0)]))).toEqual(['gap after 0', 1, 2, 'gap after 2', 5]);
  });

  it('keeps a gap a filter would leave alone, and one after the newest transaction', () => {
    expect(shape(withGaps([row(3)], [gap(1), gap(7)]))).toEqual(['gap after 1', 3, 'gap after 7']);
    expect(shape(withGaps([], [gap(4)]))).toEqual(['gap after 4']);
  });

  it('is the rows themselves when there is no gap: nothing is made for a long list', () => {
    const rows = [row(1), row(2)];
    expect(withGaps(rows, [])).toBe(rows);
  });
});
