import type { PreflightCacheEntry } from './cache/preflightCache.ts';
import { BridgeError } from './messaging/bridge.ts';
import type { Confirmation } from './confirm/confirmVerdict.ts';
import type { PairingStats } from './pairing/pairEvents.ts';
import type { Transaction } from './pairing/transaction.ts';
import type { ExportFormat } from './trace/exportFile.ts';
import type { Trace } from './trace/trace.ts';
import type { RequestEvent } from './pairing/requestEvent.ts';
import type { RecordingGap } from './recording/recordingGap.ts';
import type { TransactionDto } from './session/transactionDtoTypes.ts';
import type { TransactionRow } from './session/transactionRow.ts';

/**
 * The one message protocol between the service worker and its clients (the
 * CORS panel, the record page). Plain JSON only: everything here crosses
 * runtime ports and is written to chrome.storage.session.
 *
 * WARNING: bump PROTOCOL_VERSION on any incompatible change; a panel and a
 * worker of different versions refuse each other (the worker answers hello
 * with the code 'protocol-mismatch') instead of misreading each other.
 */
export const PROTOCOL_VERSION = 6;

/**
 * The failures a client acts on by their code, not only shows: a worker of
 * another protocol version refused the hello (no retry will heal it; the
 * panel says to reload the extension).
 *
 * WARNING: codes cross between versions (that is their point): never rename
 * or reuse one; add a new one.
 */
export type WorkerErrorCode = 'protocol-mismatch';

/** The worker's answer to a hello from a client of another protocol version. */
export function protocolMismatchError(clientVersion: number): BridgeError {
  return new BridgeError(
    `CORS Lens protocol ${clientVersion} is not this worker's (${PROTOCOL_VERSION}): reload the extension and DevTools`,
    'protocol-mismatch' satisfies WorkerErrorCode,
  );
}

/** Whether a request failed with this code (a worker's BridgeError carries it across the port). */
export function isWorkerError(error: unknown, code: WorkerErrorCode): boolean {
  return error instanceof BridgeError && error.code === code;
}

/** The name clients give their runtime port. */
export const PORT_NAME = 'cors-lens';

/** What a tab's session holds besides its transactions. */
export interface SessionSummary {
  readonly tabId: number;
  /** The page the tab shows (for the panel's title, and imported traces' context). */
  readonly pageUrl: string | null;
  readonly preserveLog: boolean;
  /** Transactions dropped from the front of the ring buffer, and values truncated to fit the byte budget. */
  readonly evicted: number;
  readonly truncatedValues: number;
  /** Requests left out, by reason (same-origin, navigations, ...). */
  readonly leftOut: Omit<PairingStats, 'events' | 'unpairedPreflights'>;
  /** Increases with every transaction added: clients ask for what came after the last one they have. */
  readonly seq: number;
  /** When recording of the tab began (epoch ms): requests made before are not in the log. Null before it is known. */
  readonly recordingSince: number | null;
  /** Where the recording missed requests since the log was last cleared (the worker was stopped), oldest first. */
  readonly gaps: readonly RecordingGap[];
}

/** No request left out yet. */
export const NOTHING_LEFT_OUT: SessionSummary['leftOut'] = { sameOrigin: 0, navigations: 0, notCorsMode: 0, unknownInitiator: 0 };

export interface TransactionsPage {
  readonly session: SessionSummary;
  /** Transactions with seq greater than the one asked for, oldest first: at most one page. */
  readonly items: readonly SequencedTransactionDto[];
  /** More follow: ask again since the last seq of this page. */
  readonly more: boolean;
}

/**
 * Transactions per getTransactions answer. A runtime port carries a message as
 * JSON: a full ring (10,000 transactions) is tens of megabytes written out,
 * more with long header values. Pages keep every message a megabyte or two,
 * and let a panel show the first while the rest come.
 */
export const TRANSACTIONS_PAGE_SIZE = 500;

export interface RowsPage {
  readonly session: SessionSummary;
  /** The rows of the transactions with seq greater than the one asked for, oldest first: at most one page. */
  readonly rows: readonly TransactionRow[];
  /** More follow: ask again since the last seq of this page. */
  readonly more: boolean;
}

/**
 * Rows per getRows answer: a row is a few hundred characters, so a full ring
 * is two or three messages of about a megabyte.
 */
export const ROWS_PAGE_SIZE = 5_000;

export interface SequencedTransaction {
  readonly seq: number;
  readonly transaction: Transaction;
  /** Chromium's own verdict on it, when "Confirm with Chromium" was on (see confirm/). */
  readonly confirmation?: Confirmation;
}

/** A SequencedTransaction as the worker keeps, stores and sends it: each value held once (fromSequencedDto reads it). */
export interface SequencedTransactionDto extends Omit<SequencedTransaction, 'transaction'> {
  readonly transaction: TransactionDto;
}

/**
 * "Confirm with Chromium" for one tab: the worker attaches chrome.debugger to
 * it (Chromium shows its "started debugging this browser" banner) and holds
 * each transaction against Chromium's own report.
 */
export interface ConfirmModeState {
  readonly tabId: number;
  readonly on: boolean;
  /** Epoch ms since when transactions are confirmed (requests started before are not). */
  readonly since: number | null;
  /** Why it is off when it was asked on, or why it went off: one sentence. */
  readonly problem: string | null;
  /** False where the browser has no debugger API (Firefox): the panel then shows nothing of the mode. */
  readonly available?: boolean;
}

/**
 * What the worker records. A tab is recorded while a CORS panel shows it;
 * every tab while a record page is connected or "Record from browser start"
 * is on. Nothing is recorded otherwise, and browsing then pays nothing.
 */
export interface RecordingState {
  /** The setting (kept in storage.local): every tab, from the worker's start. */
  readonly recordFromBrowserStart: boolean;
  /** Since when every tab is recorded (the setting or a record page); null while only the tabs looked at are. */
  readonly allTabsSince: number | null;
}

/** How often a client tells the worker it is still there: well within the 30 s after which Chromium stops an idle worker. */
export const HEARTBEAT_MS = 20_000;

/** Requests a client sends; each entry is `[params, result]`. */
export type WorkerRequests = {
  /** `lostAt`: when this client's connection to the worker before dropped (the worker stopped), if it did. */
  hello: [{ protocolVersion: number; client: string; lostAt?: number }, { protocolVersion: number; workerStartedAt: number; restored: boolean }];
  /** Keeps the worker alive while the client records (see HEARTBEAT_MS). */
  heartbeat: [Record<string, never>, { at: number }];
  /** A page of the rows of the tab's transactions after sinceSeq (what a panel lists). */
  getRows: [{ tabId: number; sinceSeq?: number }, RowsPage];
  /** One of the tab's transactions in full (the one a panel shows); null once it is gone (evicted, cleared). */
  getTransaction: [{ tabId: number; seq: number }, { item: SequencedTransactionDto | null }];
  /** A page of the tab's transactions after sinceSeq, at most `limit` (and TRANSACTIONS_PAGE_SIZE). */
  getTransactions: [{ tabId: number; sinceSeq?: number; limit?: number }, TransactionsPage];
  clearTab: [{ tabId: number }, SessionSummary];
  setPreserveLog: [{ tabId: number; preserveLog: boolean }, SessionSummary];
  getPreflightCache: [{ at: number }, { entries: readonly PreflightCacheEntry[] }];
  /** Watches a tab: records it from now on (a CORS panel), and sends its events; answers once recording is live. */
  subscribe: [{ tabId: number }, SessionSummary];
  /** Records every tab while this client is connected (the record page); answers once recording is live. */
  watchAllTabs: [Record<string, never>, RecordingState];
  getRecording: [Record<string, never>, RecordingState];
  setRecordFromBrowserStart: [{ on: boolean }, RecordingState];
  /** The events of the tab's requests not judged yet: what a restarted worker picks up from, once saved. */
  getOpenEvents: [{ tabId: number }, { events: readonly RequestEvent[] }];
  /** Writes the sessions to storage now; answers once written. */
  saveNow: [Record<string, never>, { savedAt: number }];
  /** The tab's CORS requests not judged yet (in flight), judged as they stand. */
  getInFlight: [{ tabId: number }, { items: readonly TransactionDto[] }];
  setConfirmMode: [{ tabId: number; on: boolean }, ConfirmModeState];
  getConfirmMode: [{ tabId: number }, ConfirmModeState];
  /** Everything captured for the tab, requests still in flight included; secrets redacted unless asked for. */
  exportTrace: [{ tabId: number; includeSecrets?: boolean }, Trace];
  /**
   * exportTrace written as a file by the worker (off the panel's thread): its
   * name, what was left out, and how many parts its text comes in.
   */
  exportFile: [
    { tabId: number; includeSecrets?: boolean; format: ExportFormat },
    { id: number; fileName: string; mimeType: string; redacted: string | null; parts: number },
  ];
  /** One part of an exportFile's text, in order; fetching the last lets the worker forget the file. */
  exportPart: [{ id: number; index: number }, { text: string }];
};

/** Events the worker sends; names are facts in the past tense. */
export type WorkerEvents = {
  /** New transactions of a tab, as rows: a transaction crosses in full only when asked for (getTransaction). */
  transactionsAdded: { tabId: number; rows: readonly TransactionRow[]; session: SessionSummary };
  tabCleared: { tabId: number; reason: 'navigation' | 'user' | 'closed'; session: SessionSummary };
  /** Chromium's report arrived for transactions already sent. */
  transactionsConfirmed: { tabId: number; items: readonly { seq: number; confirmation: Confirmation }[] };
  confirmModeChanged: ConfirmModeState;
  /** The tab's session changed other than by transactions (a gap in its recording). */
  sessionChanged: SessionSummary;
  recordingChanged: RecordingState;
};
