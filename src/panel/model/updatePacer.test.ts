import { describe, expect, it } from 'vitest';
import { createUpdatePacer, type PacerClock } from './updatePacer.ts';

/** A clock the test moves: timers run when `advance` passes their time. */
function manualClock(): PacerClock & { advance(ms: number): void } {
  let now = 1_000;
  let timers: { at: number; run: () => void; id: number }[] = [];
  let ids = 0;
  return {
    now: () => now,
    setTimeout: (run, ms) => {
      timers.push({ at: now + ms, run, id: ++ids });
      return ids;
    },
    clearTimeout: (id) => {
      timers = timers.filter((timer) => timer.id !== id);
    },
    advance(ms) {
      now += ms;
      const due = timers.filter((timer) => timer.at <= now);
      timers = timers.filter((timer) => timer.at > now);
      for (const timer of due) timer.run();
    },
  };
}

function paced(intervalMs = 250) {
  const clock = manualClock();
  const deliveries: string[][] = [];
  const pacer = createUpdatePacer<string>((updates) => deliveries.push([...updates]), intervalMs, clock);
  return { clock, deliveries, pacer };
}

describe('createUpdatePacer', () => {
  it('lets the first update after a quiet spell through at once', () => {
    const { deliveries, pacer } = paced();
    pacer.hold('a');
    expect(deliveries).toEqual([['a']]);
  });

  it('delivers what arrives within the interval together, when the interval has passed', () => {
    const { clock, deliveries, pacer } = paced();
    pacer.hold('a');
    clock.advance(100);
    pacer.hold('b');
    clock.advance(100);
    pacer.hold('c');
    expect(deliveries).toEqual([['a']]);
    clock.advance(49);
    expect(deliveries).toEqual([['a']]);
    clock.advance(1);
    expect(deliveries).toEqual([['a'], ['b', 'c']]);
  });

  it('sends an update at once with those held before it, in order, and holds the next ones again', () => {
    const { clock, deliveries, pacer } = paced();
    pacer.hold('a');
    pacer.hold('b');
    pacer.send('cleared');
    expect(deliveries).toEqual([['a'], ['b', 'cleared']]);
    clock.advance(300);
    expect(deliveries).toHaveLength(2);
    pacer.hold('c');
    expect(deliveries).toEqual([['a'], ['b', 'cleared'], ['c']]);
  });

  it('delivers nothing after dispose', () => {
    const { clock, deliveries, pacer } = paced();
    pacer.hold('a');
    pacer.hold('b');
    pacer.dispose();
    clock.advance(1_000);
    expect(deliveries).toEqual([['a']]);
  });
});
