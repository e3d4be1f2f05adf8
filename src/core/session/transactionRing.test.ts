import { describe, expect, it } from 'vitest';
import type { SequencedTransactionDto } from '../protocol.ts';
import { TransactionRing } from './transactionRing.ts';

// The ring reads only seq; the transactions themselves are opaque to it.
const item = (seq: number): SequencedTransactionDto => ({ seq, transaction: { id: String(seq) } as unknown as SequencedTransactionDto['transaction'] });
const seqs = (items: readonly SequencedTransactionDto[]): number[] => items.map((each) => each.seq);

describe('TransactionRing', () => {
  it('keeps the newest within the count, cutting only once 10% over it', () => {
    const ring = new TransactionRing();
    const limits = { maxTransactions: 10, maxTabCharacters: Number.MAX_SAFE_INTEGER };
    const dropped = Array.from({ length: 12 }, (_, index) => ring.add(item(index + 1), 1, limits));
    expect(dropped).toEqual([0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2]);
    expect(seqs(ring.items)).toEqual([3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
    expect(ring.firstSeq).toBe(3);
  });

  it('drops the oldest until the characters fit, keeping the newest whatever its size', () => {
    const ring = new TransactionRing([item(1), item(2)], [40, 40]);
    const limits = { maxTransactions: 100, maxTabCharacters: 100 };
    expect(ring.add(item(3), 30, limits)).toBe(1);
    expect(seqs(ring.items)).toEqual([2, 3]);
    expect(ring.add(item(4), 500, limits)).toBe(2);
    expect(seqs(ring.items)).toEqual([4]);
  });

  it('reads by seq: after one, between two, and replaces one still kept', () => {
    const ring = new TransactionRing([2, 4, 6, 8].map(item), [1, 1, 1, 1]);
    expect(seqs(ring.since(4, 10))).toEqual([6, 8]);
    expect(seqs(ring.since(0, 2))).toEqual([2, 4]);
    expect(seqs(ring.between(3, 6))).toEqual([4, 6]);
    expect(ring.replace(6, (kept) => ({ ...kept, seq: 6, confirmation: { status: 'confirmed', chromium: null, differences: [] } }))).toBe(true);
    expect(ring.items[2]?.confirmation?.status).toBe('confirmed');
    expect(ring.replace(5, (kept) => kept)).toBe(false);
  });
});
