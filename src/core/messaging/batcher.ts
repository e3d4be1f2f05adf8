import type { Schedule } from './bridge.ts';

export interface Batcher<T> {
  add(item: T): void;
  /** Sends what is waiting now. */
  flush(): void;
}

/**
 * Gathers items and hands them over in batches: when `maxItems` are waiting,
 * or `maxDelayMs` after the first one arrived, whichever comes first. A
 * flood of a thousand requests in a second becomes a handful of messages.
 */
export function createBatcher<T>(deliver: (items: T[]) => void, schedule: Schedule, limits: { maxItems: number; maxDelayMs: number }): Batcher<T> {
  let waiting: T[] = [];
  let cancel: (() => void) | null = null;
  const flush = (): void => {
    cancel?.();
    cancel = null;
    if (waiting.length === 0) return;
    const items = waiting;
    waiting = [];
    deliver(items);
  };
  return {
    add(item) {
      waiting.push(item);
      if (waiting.length >= limits.maxItems) flush();
      else if (!cancel) cancel = schedule(flush, limits.maxDelayMs);
    },
    flush,
  };
}
