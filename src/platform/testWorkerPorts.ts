import type { Runtime } from 'webextension-polyfill';
import { createBridge, type Bridge } from '../core/messaging/bridge.ts';
import { createLoopbackWalls, type BridgeMessage } from '../core/messaging/wall.ts';
import {
  NOTHING_LEFT_OUT,
  PORT_NAME,
  PROTOCOL_VERSION,
  protocolMismatchError,
  type RecordingState,
  type SequencedTransaction,
  type SessionSummary,
  type WorkerEvents,
  type WorkerRequests,
} from '../core/protocol.ts';
import { toTransactionDto } from '../core/session/transactionDto.ts';
import { transactionRow } from '../core/session/transactionRow.ts';

export interface FakeWorkerOptions {
  /** The protocol version the worker speaks (another one refuses the client's hello). */
  readonly speaks?: number;
  /** How many hellos to fail with a passing error first, as a worker still starting might. */
  readonly helloFailures?: number;
  /** The tab's transactions, served by getRows (their rows), getTransaction and getTransactions. */
  readonly items?: readonly SequencedTransaction[];
  /** Requests answered with an error ("getRows failed"). */
  readonly failing?: readonly (keyof WorkerRequests)[];
  /** The tab's session as the worker tells it (its recording's start, its gaps). */
  readonly session?: Partial<SessionSummary>;
}

/** A request a fake worker received, in the order all its workers received them. */
export interface ReceivedRequest {
  readonly method: keyof WorkerRequests;
  readonly params: unknown;
}

export interface FakeWorker {
  readonly bridge: Bridge<WorkerRequests, WorkerEvents>;
  /** The tabs it was asked to subscribe, in order. */
  readonly subscribed: number[];
  /** Drops the port as Chromium does when it stops the worker. */
  drop(): void;
}

export const summaryOf = (tabId: number, seq = 0): SessionSummary => ({
  tabId,
  pageUrl: null,
  preserveLog: false,
  evicted: 0,
  truncatedValues: 0,
  leftOut: NOTHING_LEFT_OUT,
  seq,
  recordingSince: null,
  gaps: [],
});

/**
 * For tests: a service worker on the other end of each runtime port a client
 * opens, a real bridge over a loopback answering the requests the panel
 * makes. Pass `connect` to connectToWorker; `stop()` drops the newest port;
 * `update(version)` drops it too, and the worker that answers next speaks
 * that protocol version. `requests` lists what every worker was asked.
 */
export function fakeWorkers({ speaks = PROTOCOL_VERSION, helloFailures = 0, items = [], failing = [], session: told = {} }: FakeWorkerOptions = {}) {
  const workers: FakeWorker[] = [];
  const requests: ReceivedRequest[] = [];
  let failuresLeft = helloFailures;
  let version = speaks;
  let recording: RecordingState = { recordFromBrowserStart: false, allTabsSince: null };
  const session = (tabId: number): SessionSummary => ({ ...summaryOf(tabId, items.at(-1)?.seq ?? 0), ...told });
  const received =
    <P, R>(method: keyof WorkerRequests, answer: (params: P) => R) =>
    (params: P): R => {
      requests.push({ method, params });
      return answer(params);
    };
  const connect = (): Runtime.Port => {
    const [workerWall, clientWall] = createLoopbackWalls();
    const subscribed: number[] = [];
    const bridge = createBridge<WorkerRequests, WorkerEvents>(workerWall, {
      handlers: {
        hello: received('hello', ({ protocolVersion }: WorkerRequests['hello'][0]) => {
          if (failuresLeft > 0) {
            failuresLeft--;
            throw new Error('the worker is starting');
          }
          if (protocolVersion !== version) throw protocolMismatchError(protocolVersion);
          return { protocolVersion: version, workerStartedAt: 1, restored: false };
        }),
        heartbeat: received('heartbeat', () => ({ at: 1 })),
        subscribe: received('subscribe', ({ tabId }: WorkerRequests['subscribe'][0]) => {
          subscribed.push(tabId);
          return session(tabId);
        }),
        watchAllTabs: received('watchAllTabs', () => (recording = { ...recording, allTabsSince: recording.allTabsSince ?? 1 })),
        getRecording: () => recording,
        setRecordFromBrowserStart: received('setRecordFromBrowserStart', ({ on }: WorkerRequests['setRecordFromBrowserStart'][0]) => {
          if (failing.includes('setRecordFromBrowserStart')) throw new Error('setRecordFromBrowserStart failed');
          return (recording = { recordFromBrowserStart: on, allTabsSince: on ? 1 : null });
        }),
        getRows: ({ tabId, sinceSeq = 0 }) => {
          if (failing.includes('getRows')) throw new Error('getRows failed');
          return { session: session(tabId), rows: items.filter((item) => item.seq > sinceSeq).map(transactionRow), more: false };
        },
        getTransaction: received('getTransaction', ({ seq }: WorkerRequests['getTransaction'][0]) => {
          if (failing.includes('getTransaction')) throw new Error('getTransaction failed');
          const item = items.find((each) => each.seq === seq);
          return { item: item ? { ...item, transaction: toTransactionDto(item.transaction) } : null };
        }),
        getTransactions: ({ tabId, sinceSeq = 0 }) => {
          if (failing.includes('getTransactions')) throw new Error('getTransactions failed');
          const after = items.filter((item) => item.seq > sinceSeq);
          return { session: session(tabId), items: after.map((item) => ({ ...item, transaction: toTransactionDto(item.transaction) })), more: false };
        },
        getConfirmMode: ({ tabId }) => ({ tabId, on: false, since: null, problem: null, available: false }),
        getPreflightCache: () => ({ entries: [] }),
        setPreserveLog: ({ tabId, preserveLog }) => {
          if (failing.includes('setPreserveLog')) throw new Error('setPreserveLog failed');
          return { ...session(tabId), preserveLog };
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
  const newest = (): FakeWorker => {
    const worker = workers.at(-1);
    if (!worker) throw new Error('no port was opened');
    return worker;
  };
  /** The extension updated: the worker stops, and the next one speaks `next`. */
  const update = (next: number): void => {
    version = next;
    newest().drop();
  };
  return { connect, workers, requests, newest, stop: () => newest().drop(), update };
}
