// The recorder page's API (src/record/record.ts puts it on the page's window
// as corsLensRecorder): what `cors-lens record` and the e2e tests call
// through Playwright. Declared in core so that its callers and the page share
// it without importing each other.
import type { ConfirmModeState, RecordingState, SequencedTransaction, SessionSummary } from '../protocol.ts';
import type { Trace } from '../trace/trace.ts';

export interface Recorder {
  /** Resolves once every tab is recorded: what a driver waits for before it browses. */
  recording(): Promise<RecordingState>;
  /** "Record from browser start" (see RecordingState). */
  setRecordFromBrowserStart(on: boolean): Promise<RecordingState>;
  /** The id of the tab showing `url` (the page under test). */
  tabIdOf(url: string): Promise<number>;
  /** Everything captured for the tab so far. */
  transactions(tabId: number): Promise<SequencedTransaction[]>;
  /** The tab's session: page, counts of evicted and left-out requests. */
  summary(tabId: number): Promise<SessionSummary>;
  /** How many of the tab's CORS requests are still in flight. */
  inFlightCount(tabId: number): Promise<number>;
  /** The tab's capture as a trace (what `cors-lens record` writes). */
  exportTrace(tabId: number, includeSecrets: boolean): Promise<Trace>;
  /** Resolves once the tab has `count` transactions whose first URL contains `marker`. */
  waitFor(tabId: number, marker: string, count: number, timeoutMs: number): Promise<SequencedTransaction[]>;
  /** The same, once Chromium's report on each has arrived ("Confirm with Chromium" on). */
  waitForConfirmed(tabId: number, marker: string, count: number, timeoutMs: number): Promise<SequencedTransaction[]>;
  setConfirmMode(tabId: number, on: boolean): Promise<ConfirmModeState>;
  confirmMode(tabId: number): Promise<ConfirmModeState>;
  clear(tabId: number): Promise<void>;
  setPreserveLog(tabId: number, preserveLog: boolean): Promise<void>;
  /** When the worker answering now started, and whether it restored saved sessions. */
  worker(): Promise<{ workerStartedAt: number; restored: boolean }>;
  /**
   * Resolves once the worker holds an open (unjudged) event for a URL
   * containing `marker` with this method, and has written it: what a
   * restarted worker will pick up from.
   */
  waitForStoredOpenEvent(tabId: number, marker: string, method: string, timeoutMs: number): Promise<void>;
  /** Resolves once the worker has judged at least `count` transactions for the tab, and written them. */
  waitForStoredTransactions(tabId: number, count: number, timeoutMs: number): Promise<void>;
}
