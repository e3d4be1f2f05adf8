import type { BrowserContext, Page } from '@playwright/test';
import type { ConfirmModeState, RecordingState, SequencedTransaction, SessionSummary } from '../../src/core/protocol.ts';
import type { Trace } from '../../src/core/trace/trace.ts';
import { openRecorderPage } from '../../src/cli/record/recorderPage.ts';

/** What the tests ask of the extension, through its recorder page (src/record/): while it is open, every tab is recorded. */
export interface ExtensionProbe {
  readonly page: Page;
  setRecordFromBrowserStart(on: boolean): Promise<RecordingState>;
  tabIdOf(url: string): Promise<number>;
  waitFor(tabId: number, marker: string, count: number, timeoutMs?: number): Promise<SequencedTransaction[]>;
  waitForConfirmed(tabId: number, marker: string, count: number, timeoutMs?: number): Promise<SequencedTransaction[]>;
  setConfirmMode(tabId: number, on: boolean): Promise<ConfirmModeState>;
  confirmMode(tabId: number): Promise<ConfirmModeState>;
  transactions(tabId: number): Promise<SequencedTransaction[]>;
  /**
   * The seqs of every transaction kept, and the newest one, counted inside
   * the extension page: handing 10,000 whole transactions to Node through
   * Playwright takes it 40 s, where the page reads them from the worker in 2.
   */
  ring(tabId: number): Promise<{ seqs: number[]; newest: SequencedTransaction | undefined }>;
  summary(tabId: number): Promise<SessionSummary>;
  /** The tab's CORS requests not judged yet. */
  inFlightCount(tabId: number): Promise<number>;
  exportTrace(tabId: number, includeSecrets?: boolean): Promise<Trace>;
  clear(tabId: number): Promise<void>;
  setPreserveLog(tabId: number, preserveLog: boolean): Promise<void>;
  worker(): Promise<{ workerStartedAt: number; restored: boolean }>;
  waitForStoredOpenEvent(tabId: number, marker: string, method: string, timeoutMs?: number): Promise<void>;
  waitForStoredTransactions(tabId: number, count: number, timeoutMs?: number): Promise<void>;
}

export async function openExtensionProbe(context: BrowserContext, extensionId: string): Promise<ExtensionProbe> {
  const recorder = await openRecorderPage(context, extensionId);
  const { call } = recorder;
  return {
    page: recorder.page,
    setRecordFromBrowserStart: (on) => call('setRecordFromBrowserStart', on),
    tabIdOf: (url) => call('tabIdOf', url),
    waitFor: (tabId, marker, count, timeoutMs = 10_000) => call('waitFor', tabId, marker, count, timeoutMs),
    waitForConfirmed: (tabId, marker, count, timeoutMs = 10_000) => call('waitForConfirmed', tabId, marker, count, timeoutMs),
    setConfirmMode: (tabId, on) => call('setConfirmMode', tabId, on),
    confirmMode: (tabId) => call('confirmMode', tabId),
    transactions: (tabId) => call('transactions', tabId),
    ring: (tabId) =>
      recorder.page.evaluate(async (id) => {
        const items = await (
          globalThis as unknown as { corsLensRecorder: { transactions(tabId: number): Promise<SequencedTransaction[]> } }
        ).corsLensRecorder.transactions(id);
        return { seqs: items.map((item) => item.seq), newest: items.at(-1) };
      }, tabId),
    summary: (tabId) => call('summary', tabId),
    inFlightCount: (tabId) => call('inFlightCount', tabId),
    exportTrace: (tabId, includeSecrets = false) => call('exportTrace', tabId, includeSecrets),
    clear: (tabId) => call('clear', tabId),
    setPreserveLog: (tabId, preserveLog) => call('setPreserveLog', tabId, preserveLog),
    worker: () => call('worker'),
    waitForStoredOpenEvent: (tabId, marker, method, timeoutMs = 10_000) => call('waitForStoredOpenEvent', tabId, marker, method, timeoutMs),
    waitForStoredTransactions: (tabId, count, timeoutMs = 10_000) => call('waitForStoredTransactions', tabId, count, timeoutMs),
  };
}
