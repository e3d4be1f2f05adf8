/** The timer functions the pacer uses (injected: a test drives them by hand). */
export interface PacerClock {
  now(): number;
  setTimeout(run: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

const realClock: PacerClock = {
  now: () => performance.now(),
  setTimeout: (run, ms) => setTimeout(run, ms),
  clearTimeout: (handle) => {
    clearTimeout(handle as ReturnType<typeof setTimeout>);
  },
};

export interface UpdatePacer<T> {
  /** An update that may wait: it goes with the next delivery, at once if none went out within the interval. */
  hold(update: T): void;
  /** An update that goes now, after those held (the order is kept). */
  send(update: T): void;
  /** Stops the timer; what is held is dropped. */
  dispose(): void;
}

/**
 * Lets a stream of updates through at most once per `intervalMs`, in order.
 * The worker sends a page's transactions every 100 ms while it loads, and
 * each delivery is a render of the list: a page making hundreds of requests
 * a second took the panel's renderer a second of work per eight seconds of
 * loading, on the cores the page itself loads on. The first update after a
 * quiet spell goes at once, so a single request shows without delay.
 */
export function createUpdatePacer<T>(deliver: (updates: readonly T[]) => void, intervalMs: number, clock: PacerClock = realClock): UpdatePacer<T> {
  let held: T[] = [];
  let timer: unknown = null;
  let lastDelivery = Number.NEGATIVE_INFINITY;
  const stopTimer = (): void => {
    if (timer !== null) clock.clearTimeout(timer);
    timer = null;
  };
  const flush = (): void => {
    stopTimer();
    if (held.length === 0) return;
    const updates = held;
    held = [];
    lastDelivery = clock.now();
    deliver(updates);
  };
  return {
    hold(update) {
      held.push(update);
      if (timer !== null) return;
      const wait = lastDelivery + intervalMs - clock.now();
      if (wait <= 0) flush();
      else timer = clock.setTimeout(flush, wait);
    },
    send(update) {
      held.push(update);
      flush();
    },
    dispose() {
      stopTimer();
      held = [];
    },
  };
}
