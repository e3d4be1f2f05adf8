import type { Runtime } from 'webextension-polyfill';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createBridge, type BridgeMessage, type Wall } from '../core/messaging/bridge.ts';
import { HEARTBEAT_MS, PROTOCOL_VERSION, type WorkerEvents, type WorkerRequests } from '../core/protocol.ts';
import { connectToWorker } from './workerClient.ts';

// The polyfill refuses to load outside an extension; these tests hand the client its port.
vi.mock('webextension-polyfill', () => ({ default: {} }));

/** A runtime port pair in memory: the client's end, and the worker's as a Wall; `drop` is the worker stopping. */
function portPair() {
  const toWorker = new Set<(message: BridgeMessage) => void>();
  const toClient = new Set<(message: unknown) => void>();
  const dropped = new Set<() => void>();
  const port = {
    name: 'cors-lens',
    postMessage: (message: unknown) => queueMicrotask(() => toWorker.forEach((receive) => receive(message as BridgeMessage))),
    onMessage: { addListener: (listener: (message: unknown) => void) => toClient.add(listener), removeListener: (listener: (message: unknown) => void) => toClient.delete(listener) },
    onDisconnect: { addListener: (listener: () => void) => dropped.add(listener) },
    disconnect: () => undefined,
  } as unknown as Runtime.Port;
  const wall: Wall = {
    send: (message) => queueMicrotask(() => toClient.forEach((receive) => receive(message))),
    listen: (receive) => {
      toWorker.add(receive);
      return () => toWorker.delete(receive);
    },
  };
  return { port, wall, drop: () => dropped.forEach((listener) => listener()) };
}

/** A worker that answers what a client asks at connection, and notes every request. */
function worker(requests: { method: string; params: unknown }[], wall: Wall) {
  const note = (method: string) => (params: unknown) => void requests.push({ method, params });
  return createBridge<WorkerRequests, WorkerEvents>(wall, {
    handlers: {
      hello: (params) => (note('hello')(params), { protocolVersion: PROTOCOL_VERSION, workerStartedAt: 1, restored: false }),
      heartbeat: (params) => (note('heartbeat')(params), { at: 1 }),
      watchAllTabs: (params) => (note('watchAllTabs')(params), { recordFromBrowserStart: false, allTabsSince: 1 }),
      subscribe: (params) => (note('subscribe')(params), {}) as never,
    },
  });
}

afterEach(() => vi.useRealTimers());

describe('a client of the worker', () => {
  it('sends a heartbeat within the 30 s after which Chromium stops an idle worker', async () => {
    vi.useFakeTimers();
    const requests: { method: string; params: unknown }[] = [];
    const { port, wall } = portPair();
    worker(requests, wall);
    const client = connectToWorker('panel', () => port);
    await vi.advanceTimersByTimeAsync(HEARTBEAT_MS);
    expect(HEARTBEAT_MS).toBeLessThan(30_000);
    expect(requests.filter((request) => request.method === 'heartbeat')).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(HEARTBEAT_MS);
    expect(requests.filter((request) => request.method === 'heartbeat')).toHaveLength(2);
    client.close();
    await vi.advanceTimersByTimeAsync(HEARTBEAT_MS * 3);
    expect(requests.filter((request) => request.method === 'heartbeat')).toHaveLength(2);
  });

  it('after the worker stopped, tells the new one when it lost the old, and has what it watched recorded again', async () => {
    const requests: { method: string; params: unknown }[] = [];
    const first = portPair();
    const second = portPair();
    const ports = [first, second];
    worker(requests, first.wall);
    worker(requests, second.wall);
    const client = connectToWorker('recorder', () => (ports.shift() as ReturnType<typeof portPair>).port);
    await client.watchAllTabs();
    await client.subscribe(3);
    const before = Date.now();
    const reconnected = new Promise<void>((resolve) => client.onReconnected(resolve));
    first.drop();
    await reconnected;
    const after = requests.slice(requests.findIndex((request, index) => index > 0 && request.method === 'hello'));
    expect(after.map((request) => request.method)).toEqual(['hello', 'watchAllTabs', 'subscribe']);
    const lostAt = (after[0]?.params as { lostAt?: number }).lostAt;
    expect(lostAt).toBeGreaterThanOrEqual(before);
    expect(lostAt).toBeLessThanOrEqual(Date.now());
    expect((requests[0]?.params as { lostAt?: number }).lostAt).toBeUndefined();
    client.close();
  });
});
