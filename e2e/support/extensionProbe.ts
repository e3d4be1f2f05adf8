import type { BrowserContext, Page } from '@playwright/test';
import type { SequencedTransaction } from '../../src/core/protocol.ts';

/** What the tests and `cors-lens record` can ask of the extension, through its recorder page. */
export interface ExtensionProbe {
  readonly page: Page;
  tabIdOf(url: string): Promise<number>;
  waitFor(tabId: number, marker: string, count: number, timeoutMs?: number): Promise<SequencedTransaction[]>;
  transactions(tabId: number): Promise<SequencedTransaction[]>;
  clear(tabId: number): Promise<void>;
  setPreserveLog(tabId: number, preserveLog: boolean): Promise<void>;
  worker(): Promise<{ workerStartedAt: number; restored: boolean }>;
  waitForStoredOpenEvent(tabId: number, marker: string, method: string, timeoutMs?: number): Promise<void>;
  waitForStoredTransactions(tabId: number, count: number, timeoutMs?: number): Promise<void>;
}

interface RecorderWindow {
  corsLensRecorder: {
    tabIdOf(url: string): Promise<number>;
    waitFor(tabId: number, marker: string, count: number, timeoutMs: number): Promise<SequencedTransaction[]>;
    transactions(tabId: number): Promise<SequencedTransaction[]>;
    clear(tabId: number): Promise<void>;
    setPreserveLog(tabId: number, preserveLog: boolean): Promise<void>;
    worker(): Promise<{ workerStartedAt: number; restored: boolean }>;
    waitForStoredOpenEvent(tabId: number, marker: string, method: string, timeoutMs: number): Promise<void>;
    waitForStoredTransactions(tabId: number, count: number, timeoutMs: number): Promise<void>;
  };
}

/** Opens the extension's recorder page in a tab of its own; every call goes through the protocol. */
export async function openExtensionProbe(context: BrowserContext, extensionId: string): Promise<ExtensionProbe> {
  const page = await context.newPage();
  // The page's module script has run by its load event, and with it the recorder API.
  await page.goto(`chrome-extension://${extensionId}/src/record/record.html`, { waitUntil: 'load' });
  return {
    page,
    tabIdOf: (url) => page.evaluate((target) => (window as unknown as RecorderWindow).corsLensRecorder.tabIdOf(target), url),
    waitFor: (tabId, marker, count, timeoutMs = 10_000) =>
      page.evaluate(([tab, text, n, ms]) => (window as unknown as RecorderWindow).corsLensRecorder.waitFor(tab, text, n, ms), [tabId, marker, count, timeoutMs] as const),
    transactions: (tabId) => page.evaluate((tab) => (window as unknown as RecorderWindow).corsLensRecorder.transactions(tab), tabId),
    clear: (tabId) => page.evaluate((tab) => (window as unknown as RecorderWindow).corsLensRecorder.clear(tab), tabId),
    setPreserveLog: (tabId, preserveLog) => page.evaluate(([tab, on]) => (window as unknown as RecorderWindow).corsLensRecorder.setPreserveLog(tab, on), [tabId, preserveLog] as const),
    worker: () => page.evaluate(() => (window as unknown as RecorderWindow).corsLensRecorder.worker()),
    waitForStoredOpenEvent: (tabId, marker, method, timeoutMs = 10_000) =>
      page.evaluate(([tab, text, verb, ms]) => (window as unknown as RecorderWindow).corsLensRecorder.waitForStoredOpenEvent(tab, text, verb, ms), [tabId, marker, method, timeoutMs] as const),
    waitForStoredTransactions: (tabId, count, timeoutMs = 10_000) =>
      page.evaluate(([tab, n, ms]) => (window as unknown as RecorderWindow).corsLensRecorder.waitForStoredTransactions(tab, n, ms), [tabId, count, timeoutMs] as const),
  };
}
