/**
 * Items by the time they expire, soonest first (a binary min-heap; ties in
 * the order they were added). What PreflightCache asks when it is full:
 * which entries have expired by now, without looking at every entry.
 */
export class ExpiryQueue<T> {
  readonly #heap: { readonly expiresAt: number; readonly order: number; readonly item: T }[] = [];
  #added = 0;

  get size(): number {
    return this.#heap.length;
  }

  add(item: T, expiresAt: number): void {
    const heap = this.#heap;
    heap.push({ expiresAt, order: this.#added++, item });
    let index = heap.length - 1;
    while (index > 0) {
      const parent = (index - 1) >> 1;
      if (!this.#before(index, parent)) break;
      this.#swap(index, parent);
      index = parent;
    }
  }

  /** Removes and returns every item that expires at or before `at`, soonest first. */
  takeExpired(at: number): T[] {
    const taken: T[] = [];
    const heap = this.#heap;
    while (heap.length > 0 && (heap[0] as { expiresAt: number }).expiresAt <= at) taken.push(this.#takeFirst());
    return taken;
  }

  clear(): void {
    this.#heap.length = 0;
  }

  #takeFirst(): T {
    const heap = this.#heap;
    const first = heap[0] as { item: T };
    const last = heap.pop() as (typeof heap)[number];
    if (heap.length > 0) {
      heap[0] = last;
      let index = 0;
      for (;;) {
        const left = 2 * index + 1;
        const right = left + 1;
        let smallest = index;
        if (left < heap.length && this.#before(left, smallest)) smallest = left;
        if (right < heap.length && this.#before(right, smallest)) smallest = right;
        if (smallest === index) break;
        this.#swap(index, smallest);
        index = smallest;
      }
    }
    return first.item;
  }

  #before(a: number, b: number): boolean {
    const x = this.#heap[a] as { expiresAt: number; order: number };
    const y = this.#heap[b] as { expiresAt: number; order: number };
    return x.expiresAt < y.expiresAt || (x.expiresAt === y.expiresAt && x.order < y.order);
  }

  #swap(a: number, b: number): void {
    const heap = this.#heap;
    const item = heap[a] as (typeof heap)[number];
    heap[a] = heap[b] as (typeof heap)[number];
    heap[b] = item;
  }
}
