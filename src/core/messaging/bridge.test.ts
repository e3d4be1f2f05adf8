import { describe, expect, it } from 'vitest';
import { createBatcher } from './batcher.ts';
import { BridgeError, createBridge, type Schedule } from './bridge.ts';
import { createLoopbackWalls } from './wall.ts';

type Requests = { add: [{ a: number; b: number }, number]; fail: [Record<string, never>, never] };
type Events = { ticked: { n: number } };

/** A scheduler driven by hand: tests advance time themselves. */
function manualClock() {
  let now = 0;
  const timers: { at: number; run: () => void; cancelled: boolean }[] = [];
  const schedule: Schedule = (run, ms) => {
    const timer = { at: now + ms, run, cancelled: false };
    timers.push(timer);
    return () => {
      timer.cancelled = true;
    };
  };
  const advance = (ms: number) => {
    now += ms;
    for (const timer of timers.splice(0)) {
      if (timer.cancelled) continue;
      if (timer.at <= now) timer.run();
      else timers.push(timer);
    }
  };
  return { schedule, advance, pending: () => timers.filter((timer) => !timer.cancelled).length };
}

describe('createBridge over a loopback', () => {
  it('answers requests and carries events, as JSON', async () => {
    const [workerWall, panelWall] = createLoopbackWalls();
    const worker = createBridge<Requests, Events>(workerWall, { handlers: { add: ({ a, b }) => a + b } });
    const panel = createBridge<Requests, Events>(panelWall);
    const ticks: number[] = [];
    panel.on('ticked', ({ n }) => ticks.push(n));
    expect(await panel.request('add', { a: 2, b: 3 })).toBe(5);
    worker.emit('ticked', { n: 1 });
    worker.emit('ticked', { n: 2 });
    await panel.request('add', { a: 0, b: 0 });
    expect(ticks).toEqual([1, 2]);
  });

  it('turns a handler error and an unknown request into rejections', async () => {
    const [workerWall, panelWall] = createLoopbackWalls();
    createBridge<Requests, Events>(workerWall, {
      handlers: {
        fail: () => {
          throw new Error('no tab 7');
        },
      },
    });
    const panel = createBridge<Requests, Events>(panelWall);
    await expect(panel.request('fail', {})).rejects.toThrow('no tab 7');
    await expect(panel.request('add', { a: 1, b: 1 })).rejects.toThrow('unknown request "add"');
  });

  it("carries a handler's error code across, so a client compares the code and never the message", async () => {
    const [workerWall, panelWall] = createLoopbackWalls();
    createBridge<Requests, Events>(workerWall, {
      handlers: {
        fail: () => {
          throw new BridgeError('speaks version 2', 'protocol-mismatch');
        },
        add: () => {
          throw new Error('plain');
        },
      },
    });
    const panel = createBridge<Requests, Events>(panelWall);
    const coded = await panel.request('fail', {}).catch((error: unknown) => error);
    expect(coded).toBeInstanceOf(BridgeError);
    expect(coded).toMatchObject({ code: 'protocol-mismatch', message: 'speaks version 2' });
    expect(await panel.request('add', { a: 1, b: 1 }).catch((error: unknown) => error)).toMatchObject({ code: undefined, message: 'plain' });
  });

  it('rejects a request nobody answers once its time is up', async () => {
    const [, panelWall] = createLoopbackWalls();
    const clock = manualClock();
    const panel = createBridge<Requests, Events>(panelWall, { schedule: clock.schedule, defaultTimeoutMs: 1000 });
    const answer = panel.request('add', { a: 1, b: 1 });
    clock.advance(999);
    clock.advance(1);
    await expect(answer).rejects.toThrow('no answer within 1000 ms');
  });

  it('rejects what is still waiting when the transport closes (the worker stopped)', async () => {
    const [, panelWall] = createLoopbackWalls();
    const panel = createBridge<Requests, Events>(panelWall);
    const answer = panel.request('add', { a: 1, b: 1 });
    panel.close('the service worker stopped');
    await expect(answer).rejects.toThrow('the service worker stopped');
  });
});

describe('createBatcher', () => {
  it('turns a flood into a few batches: full ones at once, the rest after the delay', () => {
    const clock = manualClock();
    const batches: number[][] = [];
    const batcher = createBatcher<number>((items) => batches.push(items), clock.schedule, { maxItems: 250, maxDelayMs: 100 });
    for (let i = 0; i < 1000; i++) batcher.add(i);
    batcher.add(1000);
    expect(batches.map((batch) => batch.length)).toEqual([250, 250, 250, 250]);
    clock.advance(100);
    expect(batches.map((batch) => batch.length)).toEqual([250, 250, 250, 250, 1]);
    expect(batches.flat()).toEqual(Array.from({ length: 1001 }, (_, i) => i));
    expect(clock.pending()).toBe(0);
  });

  it('sends nothing when nothing waits', () => {
    const clock = manualClock();
    const batches: number[][] = [];
    const batcher = createBatcher<number>((items) => batches.push(items), clock.schedule, { maxItems: 10, maxDelayMs: 100 });
    batcher.flush();
    clock.advance(500);
    expect(batches).toEqual([]);
  });
});
