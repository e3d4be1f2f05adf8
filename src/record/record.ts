// The recorder page: an extension page through which `cors-lens record` and
// the e2e tests read the worker's capture, over the same protocol as the
// panel. It only exposes a small API on window; Playwright calls it.
import browser from 'webextension-polyfill';
import type { RequestEvent } from '../core/pairing/requestEvent.ts';
import { PROTOCOL_VERSION, type ConfirmModeState, type SequencedTransaction, type SessionSummary } from '../core/protocol.ts';
import { tabStorageKey } from '../background/sessionStore.ts';
import type { PersistedTabState } from '../background/tabSessions.ts';
import type { Trace } from '../core/trace/trace.ts';
import { readTransactions } from '../core/messaging/readTransactions.ts';
import { connectToWorker } from '../platform/workerClient.ts';

const client = connectToWorker('recorder');

export interface Recorder {
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
   * Resolves once the worker has written a tab whose open (unjudged) events
   * include one for a URL containing `marker` with this method: what a
   * restarted worker will pick up from.
   */
  waitForStoredOpenEvent(tabId: number, marker: string, method: string, timeoutMs: number): Promise<void>;
  /** Resolves once the worker has written at least `count` transactions for the tab. */
  waitForStoredTransactions(tabId: number, count: number, timeoutMs: number): Promise<void>;
}

/** Resolves when `test` holds for the tab's stored session, checking now and on every storage change. */
function waitForStored(tabId: number, test: (saved: PersistedTabState) => boolean, what: string, timeoutMs: number): Promise<void> {
  const key = tabStorageKey(tabId);
  return new Promise((resolve, reject) => {
    const check = async (): Promise<void> => {
      const saved = (await browser.storage.session.get(key))[key] as PersistedTabState | undefined;
      if (!saved || !test(saved)) return;
      browser.storage.session.onChanged.removeListener(onChanged);
      clearTimeout(timer);
      resolve();
    };
    const onChanged = (): void => void check();
    const timer = setTimeout(() => {
      browser.storage.session.onChanged.removeListener(onChanged);
      reject(new Error(`timed out waiting for the worker to store ${what}`));
    }, timeoutMs);
    browser.storage.session.onChanged.addListener(onChanged);
    void check();
  });
}

/**
 * Resolves once the tab has `count` transactions whose first URL contains
 * `marker`, each passing `ready`; checked now and on every event of the tab.
 */
function waitForItems(tabId: number, marker: string, count: number, timeoutMs: number, what: string, ready: (item: SequencedTransaction) => boolean): Promise<SequencedTransaction[]> {
  return new Promise((resolve, reject) => {
    const matching = (items: readonly SequencedTransaction[]) => items.filter((item) => item.transaction.request.url.includes(marker));
    let done = false;
    const check = async (): Promise<void> => {
      const found = matching(await recorder.transactions(tabId));
      if (done || found.length < count || !found.every(ready)) return;
      done = true;
      stops.forEach((stop) => stop());
      clearTimeout(timer);
      resolve(found);
    };
    const onTab = (event: { tabId: number }): void => {
      if (event.tabId === tabId) void check();
    };
    const stops = [client.on('transactionsAdded', onTab), client.on('transactionsConfirmed', onTab)];
    const timer = setTimeout(() => {
      done = true;
      stops.forEach((stop) => stop());
      void recorder.transactions(tabId).then((items) => {
        const found = matching(items);
        reject(new Error(`timed out waiting for ${count} ${what} matching ${marker}; have ${found.length}, ${found.filter(ready).length} of them ready`));
      });
    }, timeoutMs);
    void client.subscribe(tabId).then(check);
  });
}

function startedUrl(event: RequestEvent, method: string, marker: string): boolean {
  return event.type === 'started' && event.method === method && event.url.includes(marker);
}

const recorder: Recorder = {
  async tabIdOf(url) {
    const tabs = await browser.tabs.query({});
    const tab = tabs.find((candidate) => candidate.url === url || candidate.url?.startsWith(url));
    if (tab?.id === undefined) throw new Error(`no tab shows ${url}`);
    return tab.id;
  },
  async transactions(tabId) {
    return [...(await readTransactions(client, tabId)).items];
  },
  async inFlightCount(tabId) {
    return (await client.request('getInFlight', { tabId })).items.length;
  },
  exportTrace(tabId, includeSecrets) {
    return client.request('exportTrace', { tabId, includeSecrets });
  },
  async summary(tabId) {
    return (await client.request('getTransactions', { tabId, sinceSeq: Number.MAX_SAFE_INTEGER })).session;
  },
  waitFor(tabId, marker, count, timeoutMs) {
    return waitForItems(tabId, marker, count, timeoutMs, 'transactions', () => true);
  },
  waitForConfirmed(tabId, marker, count, timeoutMs) {
    return waitForItems(tabId, marker, count, timeoutMs, 'transactions confirmed or not by Chromium', (item) => item.confirmation !== undefined);
  },
  async setConfirmMode(tabId, on) {
    return client.request('setConfirmMode', { tabId, on });
  },
  async confirmMode(tabId) {
    return client.request('getConfirmMode', { tabId });
  },
  async clear(tabId) {
    await client.request('clearTab', { tabId });
  },
  async setPreserveLog(tabId, preserveLog) {
    await client.request('setPreserveLog', { tabId, preserveLog });
  },
  worker() {
    return client.request('hello', { protocolVersion: PROTOCOL_VERSION, client: 'recorder' });
  },
  waitForStoredOpenEvent(tabId, marker, method, timeoutMs) {
    return waitForStored(tabId, (saved) => saved.openEvents.some((event) => startedUrl(event, method, marker)), `an open ${method} to ${marker}`, timeoutMs);
  },
  waitForStoredTransactions(tabId, count, timeoutMs) {
    return waitForStored(tabId, (saved) => saved.seq >= count, `${count} transactions`, timeoutMs);
  },
};

(globalThis as { corsLensRecorder?: Recorder }).corsLensRecorder = recorder;
