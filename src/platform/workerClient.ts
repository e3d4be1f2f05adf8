import browser, { type Runtime } from 'webextension-polyfill';
import { createBridge, type Bridge, type Schedule } from '../core/messaging/bridge.ts';
import { HEARTBEAT_MS, isWorkerError, PORT_NAME, PROTOCOL_VERSION, type RecordingState, type WorkerEvents, type WorkerRequests } from '../core/protocol.ts';
import { portWall } from './portWall.ts';

/** A protocol client that survives the service worker: it reconnects, and tells its user to catch up. */
export interface WorkerClient {
  request<K extends keyof WorkerRequests>(method: K, params: WorkerRequests[K][0]): Promise<WorkerRequests[K][1]>;
  on<K extends keyof WorkerEvents>(name: K, listener: (payload: WorkerEvents[K]) => void): () => void;
  /**
   * Called after every reconnection (the worker restarted): ask for what came
   * since the last seq you have. Also after a reconnection that failed for
   * good (the extension was updated to another protocol version): the next
   * request then rejects with why.
   */
  onReconnected(listener: () => void): () => void;
  /** Subscribes to a tab's events, and has it recorded, now and after every reconnection. */
  subscribe(tabId: number): Promise<WorkerRequests['subscribe'][1]>;
  /** Has every tab recorded while connected, now and after every reconnection (the record page). */
  watchAllTabs(): Promise<RecordingState>;
  close(): void;
}

const schedule: Schedule = (run, ms) => {
  const timer = setTimeout(run, ms);
  return () => clearTimeout(timer);
};

const REQUEST_TIMEOUT_MS = 10_000;
const RETRY_DELAYS_MS = [0, 50, 100, 250, 500, 1000];

/**
 * Connects to the worker over a runtime port, handshakes (protocol version),
 * and reconnects whenever the port drops (Chromium stopped the worker; a
 * message wakes it again), re-attaching the same listeners and
 * subscriptions (React DevTools' and Apollo's pattern). Connected, it
 * records: a heartbeat keeps the worker alive, and after a drop it tells
 * the new worker when the connection was lost, where the gap in the
 * recording begins.
 */
export function connectToWorker(clientName: string, connect: () => Runtime.Port = () => browser.runtime.connect({ name: PORT_NAME })): WorkerClient {
  type EventName = keyof WorkerEvents;
  type AnyListener = (payload: WorkerEvents[keyof WorkerEvents]) => void;
  const listeners = new Map<EventName, Set<AnyListener>>();
  const reconnectListeners = new Set<() => void>();
  const tabs = new Set<number>();
  let allTabs = false;
  let closed = false;
  let lostAt: number | undefined;
  let connection: Promise<Bridge<WorkerRequests, WorkerEvents>>;
  // Each bridge gets one dispatcher per event name, which reads `listeners`
  // when an event comes: a listener removed is gone from every bridge, those
  // of later reconnections included, and none is attached twice.
  let newest: Bridge<WorkerRequests, WorkerEvents> | undefined;
  let dispatched = new Set<EventName>();
  const dispatchTo = (name: EventName): void => {
    if (!newest || dispatched.has(name)) return;
    dispatched.add(name);
    newest.on(name, (payload) => {
      for (const listener of [...(listeners.get(name) ?? [])]) listener(payload);
    });
  };

  const open = async (attempt: number): Promise<Bridge<WorkerRequests, WorkerEvents>> => {
    const port = connect();
    const bridge = createBridge<WorkerRequests, WorkerEvents>(portWall(port), { schedule, defaultTimeoutMs: REQUEST_TIMEOUT_MS });
    newest = bridge;
    dispatched = new Set();
    for (const name of listeners.keys()) dispatchTo(name);
    port.onDisconnect.addListener(() => {
      bridge.close('the CORS Lens service worker stopped');
      if (closed) return;
      lostAt ??= Date.now();
      connection = open(0);
      const notify = (): void => {
        for (const listener of reconnectListeners) listener();
      };
      connection.then(notify, notify);
    });
    try {
      await bridge.request('hello', { protocolVersion: PROTOCOL_VERSION, client: clientName, ...(lostAt === undefined ? {} : { lostAt }) });
      lostAt = undefined;
      if (allTabs) await bridge.request('watchAllTabs', {});
      for (const tabId of tabs) await bridge.request('subscribe', { tabId });
      return bridge;
    } catch (error) {
      // A protocol mismatch will not heal; a worker restarting mid-handshake will.
      if (isWorkerError(error, 'protocol-mismatch')) throw error;
      port.disconnect();
      const delay = RETRY_DELAYS_MS[Math.min(attempt, RETRY_DELAYS_MS.length - 1)] ?? 1000;
      await new Promise((retry) => schedule(() => retry(undefined), delay));
      return open(attempt + 1);
    }
  };
  connection = open(0);
  // Chromium stops a worker after 30 s without an event; a message is one.
  const heartbeat = setInterval(() => {
    void connection.then((bridge) => bridge.request('heartbeat', {})).catch(() => undefined);
  }, HEARTBEAT_MS);

  return {
    async request(method, params) {
      return (await connection).request(method, params);
    },
    on(name, listener) {
      const set = listeners.get(name) ?? new Set<AnyListener>();
      set.add(listener as AnyListener);
      listeners.set(name, set);
      dispatchTo(name);
      return () => void set.delete(listener as AnyListener);
    },
    onReconnected(listener) {
      reconnectListeners.add(listener);
      return () => reconnectListeners.delete(listener);
    },
    async subscribe(tabId) {
      tabs.add(tabId);
      return (await connection).request('subscribe', { tabId });
    },
    async watchAllTabs() {
      allTabs = true;
      return (await connection).request('watchAllTabs', {});
    },
    close() {
      closed = true;
      clearInterval(heartbeat);
      connection.then(
        (bridge) => bridge.close('closed'),
        () => undefined,
      );
    },
  };
}
