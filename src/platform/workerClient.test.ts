import type { Runtime } from 'webextension-polyfill';
import { describe, expect, it, vi } from 'vitest';
import { createBridge, createLoopbackWalls, type Bridge, type BridgeMessage } from '../core/messaging/bridge.ts';
import { isWorkerError, NOTHING_LEFT_OUT, PORT_NAME, PROTOCOL_VERSION, protocolMismatchError, type SessionSummary, type WorkerEvents, type WorkerRequests } from '../core/protocol.ts';
import { connectToWorker } from './workerClient.ts';

// The polyfill refuses to load outside an extension; these tests pass their own ports.
vi.mock('webextension-polyfill', () => ({ default: {} }));

const summary = (tabId: number): SessionSummary => ({ tabId, pageUrl: null, preserveLog: false, evicted: 0, truncatedValues: 0, leftOut: NOTHING_LEFT_OUT, seq: 0 });

/**
 * A service worker on the other end of each port the client opens: a real
 * bridge over a loopback, answering hello (as a worker of `speaks`) and
 * subscribe. `stop()` drops the newest port as Chromium does when it stops
 * the worker; `helloFailures` answers that many hellos with a passing error,
 * as a worker still starting might.
 */
function fakeWorkers({ speaks = PROTOCOL_VERSION, helloFailures = 0 } = {}) {
  const workers: { bridge: Bridge<WorkerRequests, WorkerEvents>; subscribed: number[]; drop(): void }[] = [];
  let failuresLeft = helloFailures;
  const connect = (): Runtime.Port => {
    const [workerWall, clientWall] = createLoopbackWalls();
    const subscribed: number[] = [];
    const bridge = createBridge<WorkerRequests, WorkerEvents>(workerWall, {
      handlers: {
        hello: ({ protocolVersion }) => {
          if (failuresLeft > 0) {
            failuresLeft--;
            throw new Error('the worker is starting');
          }
          if (protocolVersion !== speaks) throw protocolMismatchError(protocolVersion);
          return { protocolVersion: speaks, workerStartedAt: 1, restored: false };
        },
        subscribe: ({ tabId }) => {
          subscribed.push(tabId);
          return summary(tabId);
        },
      },
    });
    const onDisconnect = new Set<() => void>();
    const unlisten = new Map<(message: unknown) => void, () => void>();
    const port = {
      name: PORT_NAME,
      postMessage: (message: BridgeMessage) => clientWall.send(message),
      onMessage: {
        addListener: (listener: (message: unknown) => void) => unlisten.set(listener, clientWall.listen(listener)),
        removeListener: (listener: (message: unknown) => void) => unlisten.get(listener)?.(),
      },
      onDisconnect: { addListener: (listener: () => void) => onDisconnect.add(listener) },
      disconnect: () => undefined,
    };
    workers.push({ bridge, subscribed, drop: () => onDisconnect.forEach((listener) => listener()) });
    return port as unknown as Runtime.Port;
  };
  const newest = () => workers.at(-1) ?? expect.fail('no port was opened');
  return { connect, workers, newest, stop: () => newest().drop() };
}

const cleared = (tabId: number): WorkerEvents['tabCleared'] => ({ tabId, reason: 'user', session: summary(tabId) });

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

  it("rejects with the typed code when the worker speaks another protocol version, and does not retry", async () => {
    const worker = fakeWorkers({ speaks: PROTOCOL_VERSION + 1 });
    const client = connectToWorker('test', worker.connect);
    const error = await client.subscribe(1).catch((failure: unknown) => failure);
    expect(isWorkerError(error, 'protocol-mismatch')).toBe(true);
    await expect(client.request('getConfirmMode', { tabId: 1 })).rejects.toBe(error);
    expect(worker.workers).toHaveLength(1);
  });
});
