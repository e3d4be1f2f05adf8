import { afterEach, describe, expect, it, vi } from 'vitest';
import { HEARTBEAT_MS, isWorkerError, PROTOCOL_VERSION, type WorkerEvents } from '../core/protocol.ts';
import { fakeWorkers, summaryOf } from './testWorkerPorts.ts';
import { connectToWorker } from './workerClient.ts';

// The polyfill refuses to load outside an extension; these tests pass their own ports.
vi.mock('webextension-polyfill', () => ({ default: {} }));

const cleared = (tabId: number): WorkerEvents['tabCleared'] => ({ tabId, reason: 'user', session: summaryOf(tabId) });

afterEach(() => vi.useRealTimers());

describe('connectToWorker', () => {
  it('after a reconnection, a listener removed hears nothing more, one kept hears each event once, and the tab is subscribed again', async () => {
    const worker = fakeWorkers();
    const client = connectToWorker('test', worker.connect);
    const heard: string[] = [];
    const stopRemoved = client.on('tabCleared', () => heard.push('removed'));
    client.on('tabCleared', () => heard.push('kept'));
    await client.subscribe(7);

    const reconnected = new Promise<void>((resolve) => client.onReconnected(resolve));
    worker.stop();
    await reconnected;
    stopRemoved();
    worker.newest().bridge.emit('tabCleared', cleared(7));
    // Messages keep their order: once this answer is in, the event is too.
    await client.request('subscribe', { tabId: 7 });

    expect(heard).toEqual(['kept']);
    expect(worker.workers).toHaveLength(2);
    expect(worker.newest().subscribed[0]).toBe(7);
    client.close();
  });

  it('delivers an event once to a listener added while the handshake was being retried', async () => {
    const worker = fakeWorkers({ helloFailures: 1 });
    const client = connectToWorker('test', worker.connect);
    const heard: number[] = [];
    client.on('tabCleared', (event) => heard.push(event.tabId));
    await client.subscribe(3);
    expect(worker.workers).toHaveLength(2);
    worker.newest().bridge.emit('tabCleared', cleared(3));
    await client.request('subscribe', { tabId: 3 });
    expect(heard).toEqual([3]);
    client.close();
  });

  it('rejects with the typed code when the worker speaks another protocol version, and does not retry', async () => {
    const worker = fakeWorkers({ speaks: PROTOCOL_VERSION + 1 });
    const client = connectToWorker('test', worker.connect);
    const error = await client.subscribe(1).catch((failure: unknown) => failure);
    expect(isWorkerError(error, 'protocol-mismatch')).toBe(true);
    await expect(client.request('getConfirmMode', { tabId: 1 })).rejects.toBe(error);
    expect(worker.workers).toHaveLength(1);
  });

  it('tells its user when a reconnection fails for good (the extension was updated to another protocol), and requests say why', async () => {
    const worker = fakeWorkers();
    const client = connectToWorker('test', worker.connect);
    await client.subscribe(1);
    const reconnected = new Promise<void>((resolve) => client.onReconnected(resolve));
    worker.update(PROTOCOL_VERSION + 1);
    await reconnected;
    const error = await client.request('getTransactions', { tabId: 1 }).catch((failure: unknown) => failure);
    expect(isWorkerError(error, 'protocol-mismatch')).toBe(true);
    client.close();
  });

  it('sends a heartbeat within the 30 s after which Chromium stops an idle worker', async () => {
    vi.useFakeTimers();
    const worker = fakeWorkers();
    const heartbeats = () => worker.requests.filter((request) => request.method === 'heartbeat');
    const client = connectToWorker('panel', worker.connect);
    await vi.advanceTimersByTimeAsync(HEARTBEAT_MS);
    expect(HEARTBEAT_MS).toBeLessThan(30_000);
    expect(heartbeats()).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(HEARTBEAT_MS);
    expect(heartbeats()).toHaveLength(2);
    client.close();
    await vi.advanceTimersByTimeAsync(HEARTBEAT_MS * 3);
    expect(heartbeats()).toHaveLength(2);
  });

  it('after the worker stopped, tells the new one when it lost the old, and has what it watched recorded again', async () => {
    const worker = fakeWorkers();
    const { requests } = worker;
    const client = connectToWorker('recorder', worker.connect);
    await client.watchAllTabs();
    await client.subscribe(3);
    const before = Date.now();
    const reconnected = new Promise<void>((resolve) => client.onReconnected(resolve));
    worker.stop();
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
