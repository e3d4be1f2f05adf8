import { createBatcher, type Batcher } from '../core/messaging/batcher.ts';
import { createBridge, type Bridge, type Schedule } from '../core/messaging/bridge.ts';
import type { Wall } from '../core/messaging/wall.ts';
import type { Confirmation } from '../core/confirm/confirmVerdict.ts';
import {
  PROTOCOL_VERSION,
  protocolMismatchError,
  ROWS_PAGE_SIZE,
  TRANSACTIONS_PAGE_SIZE,
  type ConfirmModeState,
  type RecordingState,
  type SequencedTransactionDto,
  type SessionSummary,
  type WorkerEvents,
  type WorkerRequests,
} from '../core/protocol.ts';
import type { ChromiumConfirmation } from './chromiumConfirmation.ts';
import type { RecordingControl, Watch } from './recordingControl.ts';
import { exportedFile } from '../core/trace/exportFile.ts';
import { createTrace, type Trace } from '../core/trace/trace.ts';
import type { TabSessions } from '../core/session/tabSessions.ts';
import type { ClearReason } from '../core/session/tabSessionsOptions.ts';
import { transactionRow, type TransactionRow } from '../core/session/transactionRow.ts';

/** Exported files the worker holds for the panel to fetch (see exportFile); an older one goes first. */
const MAX_HELD_EXPORTS = 2;

export interface WorkerServerOptions {
  /** The sessions, once restored (the worker creates them after reading storage). */
  readonly sessions: () => TabSessions;
  readonly schedule: Schedule;
  /** When this worker instance started, and whether it restored persisted sessions. */
  readonly startedAt: number;
  readonly restored: () => boolean;
  /** Resolves once persisted sessions are back: no request is answered before. */
  readonly ready: Promise<void>;
  /** The clock (epoch ms), for exports' dates and the cache's expiries. */
  readonly now: () => number;
  /** The browser's user agent, written into exported traces. */
  readonly userAgent?: string;
  /** "Confirm with Chromium" (absent where chrome.debugger is not available). */
  readonly confirmation?: ChromiumConfirmation;
  /** What is recorded: clients' watches start and end it. */
  readonly recording: RecordingControl;
  /** Writes the sessions to storage now; resolves with when the write began. */
  readonly saveNow: () => Promise<number>;
}

export interface WorkerServer {
  /** A client connected (a runtime port): answer its requests, send it its tabs' events. */
  connect(wall: Wall): () => void;
  transactionsAdded(tabId: number, items: readonly SequencedTransactionDto[], session: SessionSummary): void;
  tabCleared(tabId: number, reason: ClearReason, session: SessionSummary): void;
  transactionConfirmed(tabId: number, seq: number, confirmation: Confirmation): void;
  confirmModeChanged(state: ConfirmModeState): void;
  sessionChanged(tabId: number, session: SessionSummary): void;
  recordingChanged(state: RecordingState): void;
}

interface Client {
  readonly bridge: Bridge<WorkerRequests, WorkerEvents>;
  readonly tabs: Set<number>;
  /** What the client records, by 'all' or tab id: its watches end when it disconnects. */
  readonly watches: Map<string, Watch>;
}

/**
 * The worker's side of the protocol. Each client subscribes to tabs and
 * receives their new transactions in batches (a flood of a thousand requests
 * in a second is a handful of messages), never one message per request.
 */
export function createWorkerServer(options: WorkerServerOptions): WorkerServer {
  const { schedule, ready } = options;
  const sessions = (): TabSessions => options.sessions();
  const clients = new Set<Client>();
  const batchers = new Map<number, Batcher<TransactionRow>>();
  const confirmationBatchers = new Map<number, Batcher<{ seq: number; confirmation: Confirmation }>>();
  // Exported files waiting for the panel to fetch their parts, by id. Ids
  // count from this worker's start time, so that a worker started anew never
  // gives out an id a panel still holds from the one before.
  const exportedParts = new Map<number, readonly string[]>();
  let lastExportId = Math.floor(options.startedAt);
  const traceOf = (tabId: number, includeSecrets: boolean): Trace => {
    const now = options.now();
    const { session, transactions } = sessions().snapshot(tabId);
    return createTrace({
      session,
      transactions,
      preflightCache: sessions().cache.entries(now),
      createdAt: now,
      ...(options.userAgent ? { userAgent: options.userAgent } : {}),
      ...(includeSecrets ? { includeSecrets } : {}),
    });
  };
  const emitTo = <K extends keyof WorkerEvents>(tabId: number, name: K, payload: WorkerEvents[K]): void => {
    for (const client of clients) if (client.tabs.has(tabId)) client.bridge.emit(name, payload);
  };
  // Asked for every transaction judged: no array made.
  const isWatched = (tabId: number): boolean => {
    for (const client of clients) if (client.tabs.has(tabId)) return true;
    return false;
  };
  const confirmationsFor = (tabId: number): Batcher<{ seq: number; confirmation: Confirmation }> => {
    let batcher = confirmationBatchers.get(tabId);
    if (!batcher) {
      batcher = createBatcher((items) => emitTo(tabId, 'transactionsConfirmed', { tabId, items }), schedule, { maxItems: 500, maxDelayMs: 100 });
      confirmationBatchers.set(tabId, batcher);
    }
    return batcher;
  };
  const noConfirmation = (tabId: number): ConfirmModeState => ({
    tabId,
    on: false,
    since: null,
    problem: 'this browser gives CORS Lens no debugger access (chrome.debugger)',
    available: false,
  });
  const latest = new Map<number, SessionSummary>();

  const batcherFor = (tabId: number): Batcher<TransactionRow> => {
    let batcher = batchers.get(tabId);
    if (!batcher) {
      batcher = createBatcher<TransactionRow>(
        (rows) => {
          const session = latest.get(tabId) ?? sessions().summary(tabId);
          emitTo(tabId, 'transactionsAdded', { tabId, rows, session });
        },
        schedule,
        { maxItems: 500, maxDelayMs: 100 },
      );
      batchers.set(tabId, batcher);
    }
    return batcher;
  };

  const { recording } = options;
  const watch = async (client: Client, key: string, target: Parameters<RecordingControl['watch']>[0]): Promise<void> => {
    let watching = client.watches.get(key);
    if (!watching) {
      watching = recording.watch(target);
      client.watches.set(key, watching);
    }
    await watching.live;
  };

  const handlers = (client: Client) => ({
    hello: async ({ protocolVersion, lostAt }: WorkerRequests['hello'][0]) => {
      await ready;
      if (protocolVersion !== PROTOCOL_VERSION) throw protocolMismatchError(protocolVersion);
      if (typeof lostAt === 'number' && Number.isFinite(lostAt)) recording.reportLost(lostAt);
      return { protocolVersion: PROTOCOL_VERSION, workerStartedAt: options.startedAt, restored: options.restored() };
    },
    heartbeat: () => ({ at: options.now() }),
    subscribe: async ({ tabId }: WorkerRequests['subscribe'][0]) => {
      await ready;
      client.tabs.add(tabId);
      await watch(client, `tab ${tabId}`, { kind: 'tab', tabId });
      return sessions().summary(tabId);
    },
    watchAllTabs: async () => {
      await ready;
      await watch(client, 'all', { kind: 'all-tabs' });
      return recording.state();
    },
    getRecording: async () => {
      await ready;
      return recording.state();
    },
    setRecordFromBrowserStart: async ({ on }: WorkerRequests['setRecordFromBrowserStart'][0]) => {
      await ready;
      return recording.setRecordFromBrowserStart(on);
    },
    getOpenEvents: async ({ tabId }: WorkerRequests['getOpenEvents'][0]) => {
      await ready;
      return { events: sessions().openEvents(tabId) };
    },
    saveNow: async () => {
      await ready;
      return { savedAt: await options.saveNow() };
    },
    getRows: async ({ tabId, sinceSeq }: WorkerRequests['getRows'][0]) => {
      await ready;
      batchers.get(tabId)?.flush();
      const items = sessions().since(tabId, sinceSeq ?? 0, ROWS_PAGE_SIZE + 1);
      return { session: sessions().summary(tabId), rows: items.slice(0, ROWS_PAGE_SIZE).map(transactionRow), more: items.length > ROWS_PAGE_SIZE };
    },
    getTransaction: async ({ tabId, seq }: WorkerRequests['getTransaction'][0]) => {
      await ready;
      return { item: sessions().between(tabId, seq, seq)[0] ?? null };
    },
    getTransactions: async ({ tabId, sinceSeq, limit }: WorkerRequests['getTransactions'][0]) => {
      await ready;
      batchers.get(tabId)?.flush();
      const size = Math.max(1, Math.min(limit ?? TRANSACTIONS_PAGE_SIZE, TRANSACTIONS_PAGE_SIZE));
      const items = sessions().since(tabId, sinceSeq ?? 0, size + 1);
      return { session: sessions().summary(tabId), items: items.slice(0, size), more: items.length > size };
    },
    clearTab: async ({ tabId }: WorkerRequests['clearTab'][0]) => {
      await ready;
      return sessions().clear(tabId, 'user');
    },
    setPreserveLog: async ({ tabId, preserveLog }: WorkerRequests['setPreserveLog'][0]) => {
      await ready;
      return sessions().setPreserveLog(tabId, preserveLog);
    },
    getPreflightCache: async ({ at }: WorkerRequests['getPreflightCache'][0]) => {
      await ready;
      return { entries: sessions().cache.entries(at) };
    },
    setConfirmMode: async ({ tabId, on }: WorkerRequests['setConfirmMode'][0]) => {
      await ready;
      return options.confirmation ? options.confirmation.set(tabId, on) : noConfirmation(tabId);
    },
    getConfirmMode: async ({ tabId }: WorkerRequests['getConfirmMode'][0]) => {
      await ready;
      return options.confirmation ? options.confirmation.state(tabId) : noConfirmation(tabId);
    },
    getInFlight: async ({ tabId }: WorkerRequests['getInFlight'][0]) => {
      await ready;
      return { items: sessions().inFlight(tabId) };
    },
    exportTrace: async ({ tabId, includeSecrets }: WorkerRequests['exportTrace'][0]) => {
      await ready;
      return traceOf(tabId, includeSecrets === true);
    },
    exportFile: async ({ tabId, includeSecrets, format }: WorkerRequests['exportFile'][0]) => {
      await ready;
      const { parts, ...file } = exportedFile(traceOf(tabId, includeSecrets === true), format);
      const id = ++lastExportId;
      exportedParts.set(id, parts);
      // A file the panel never fetched to the end is not kept for ever.
      for (const older of exportedParts.keys()) if (exportedParts.size > MAX_HELD_EXPORTS) exportedParts.delete(older);
      return { id, ...file, parts: parts.length };
    },
    exportPart: async ({ id, index }: WorkerRequests['exportPart'][0]) => {
      await ready;
      const parts = exportedParts.get(id);
      const text = parts?.[index];
      if (parts === undefined || text === undefined)
        throw new Error('the worker no longer holds this export (it restarted, or newer exports replaced it): export again');
      if (index === parts.length - 1) exportedParts.delete(id);
      return { text };
    },
  });

  return {
    connect(wall) {
      const tabs = new Set<number>();
      const client: Client = { tabs, watches: new Map(), bridge: undefined as unknown as Bridge<WorkerRequests, WorkerEvents> };
      const bridge = createBridge<WorkerRequests, WorkerEvents>(wall, { handlers: handlers(client), schedule });
      Object.assign(client, { bridge });
      clients.add(client);
      return () => {
        clients.delete(client);
        for (const watching of client.watches.values()) void watching.end();
        client.watches.clear();
        bridge.close('the client disconnected');
      };
    },
    transactionsAdded(tabId, items, session) {
      latest.set(tabId, session);
      // Rows only for a tab someone watches: nobody else is sent them.
      if (!isWatched(tabId)) return;
      const batcher = batcherFor(tabId);
      for (const item of items) batcher.add(transactionRow(item));
    },
    tabCleared(tabId, reason, session) {
      batchers.get(tabId)?.flush();
      confirmationBatchers.get(tabId)?.flush();
      latest.set(tabId, session);
      emitTo(tabId, 'tabCleared', { tabId, reason, session });
    },
    transactionConfirmed(tabId, seq, confirmation) {
      // Never before its transaction: that was added to its batcher first,
      // and both batchers flush after the same delay or at the same size.
      confirmationsFor(tabId).add({ seq, confirmation });
    },
    confirmModeChanged(state) {
      emitTo(state.tabId, 'confirmModeChanged', state);
    },
    sessionChanged(tabId, session) {
      batchers.get(tabId)?.flush();
      latest.set(tabId, session);
      emitTo(tabId, 'sessionChanged', session);
    },
    recordingChanged(state) {
      for (const client of clients) client.bridge.emit('recordingChanged', state);
    },
  };
}
