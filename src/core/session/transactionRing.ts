import type { SequencedTransactionDto } from '../protocol.ts';

/** What a ring may hold: a count, and characters as limitValues measures them. */
export interface RingLimits {
  readonly maxTransactions: number;
  readonly maxTabCharacters: number;
}

/**
 * A tab's judged transactions, oldest first by seq, within a count and a
 * character budget: the oldest go first to make room.
 */
export class TransactionRing {
  #items: SequencedTransactionDto[];
  #sizes: number[];
  #characters: number;

  /** `sizes[i]` is the characters of `items[i]`. */
  constructor(items: readonly SequencedTransactionDto[] = [], sizes: readonly number[] = []) {
    this.#items = [...items];
    this.#sizes = [...sizes];
    this.#characters = sizes.reduce((sum, size) => sum + size, 0);
  }

  /** Oldest first; the array is the ring's own, to read and not to change. */
  get items(): readonly SequencedTransactionDto[] {
    return this.#items;
  }

  /** The seq of the oldest transaction kept, undefined while there is none. */
  get firstSeq(): number | undefined {
    return this.#items[0]?.seq;
  }

  /** Adds the newest transaction; returns how many of the oldest went to make room. */
  add(item: SequencedTransactionDto, characters: number, limits: RingLimits): number {
    this.#items.push(item);
    this.#sizes.push(characters);
    this.#characters += characters;
    return this.#trim(limits);
  }

  /** Transactions after `sinceSeq`, oldest first; at most `limit` of them. */
  since(sinceSeq: number, limit: number): SequencedTransactionDto[] {
    const start = this.#indexOf(sinceSeq + 1);
    return this.#items.slice(start, Math.min(this.#items.length, start + limit));
  }

  /** The transactions with seq from `from` to `to`, both included, oldest first. */
  between(from: number, to: number): SequencedTransactionDto[] {
    const items: SequencedTransactionDto[] = [];
    for (let index = this.#indexOf(from); index < this.#items.length && (this.#items[index] as SequencedTransactionDto).seq <= to; index++)
      items.push(this.#items[index] as SequencedTransactionDto);
    return items;
  }

  /** Replaces the transaction with this seq (its size stays); false when it is gone (evicted, cleared). */
  replace(seq: number, change: (item: SequencedTransactionDto) => SequencedTransactionDto): boolean {
    const index = this.#indexOf(seq);
    const item = this.#items[index];
    if (!item || item.seq !== seq) return false;
    this.#items[index] = change(item);
    return true;
  }

  // Trimming in steps keeps a flood linear: the ring is cut when 10% over its count.
  #trim({ maxTransactions, maxTabCharacters }: RingLimits): number {
    if (this.#items.length <= maxTransactions + Math.floor(maxTransactions / 10) && this.#characters <= maxTabCharacters) return 0;
    let drop = Math.max(0, this.#items.length - maxTransactions);
    let characters = this.#characters;
    for (let index = 0; index < drop; index++) characters -= this.#sizes[index] ?? 0;
    while (characters > maxTabCharacters && drop < this.#items.length - 1) characters -= this.#sizes[drop++] ?? 0;
    this.#items.splice(0, drop);
    this.#sizes.splice(0, drop);
    this.#characters = characters;
    return drop;
  }

  /** The index of `seq` (or where it would be): the ring is sorted by seq. */
  #indexOf(seq: number): number {
    let low = 0;
    let high = this.#items.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if ((this.#items[middle] as SequencedTransactionDto).seq < seq) low = middle + 1;
      else high = middle;
    }
    return low;
  }
}
