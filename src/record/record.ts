// The recorder page: an extension page through which `cors-lens record` and
// the e2e tests read the worker's capture, over the same protocol as the
// panel. It only exposes a small API on window; Playwright calls it.
import browser from 'webextension-polyfill';
import type { SequencedTransaction } from '../core/protocol.ts';
import { connectToWorker } from '../platform/workerClient.ts';

const client = connectToWorker('recorder');

export interface Recorder {
  /** The id of the tab showing `url` (the page under test). */
  tabIdOf(url: string): Promise<number>;
  /** Everything captured for the tab so far. */
  transactions(tabId: number): Promise<SequencedTransaction[]>;
  /** Resolves once the tab has `count` transactions whose first URL contains `marker`. */
  waitFor(tabId: number, marker: string, count: number, timeoutMs: number): Promise<SequencedTransaction[]>;
  clear(tabId: number): Promise<void>;
  setPreserveLog(tabId: number, preserveLog: boolean): Promise<void>;
}

const recorder: Recorder = {
  async tabIdOf(url) {
    const tabs = await browser.tabs.query({});
    const tab = tabs.find((candidate) => candidate.url === url || candidate.url?.startsWith(url));
    if (tab?.id === undefined) throw new Error(`no tab shows ${url}`);
    return tab.id;
  },
  async transactions(tabId) {
    return [...(await client.request('getTransactions', { tabId })).items];
  },
  waitFor(tabId, marker, count, timeoutMs) {
    return new Promise((resolve, reject) => {
      const matching = (items: readonly SequencedTransaction[]) => items.filter((item) => item.transaction.request.url.includes(marker));
      let done = false;
      const check = async (): Promise<void> => {
        const found = matching(await recorder.transactions(tabId));
        if (done || found.length < count) return;
        done = true;
        stop();
        clearTimeout(timer);
        resolve(found);
      };
      const stop = client.on('transactionsAdded', (event) => {
        if (event.tabId === tabId) void check();
      });
      const timer = setTimeout(() => {
        done = true;
        stop();
        void recorder.transactions(tabId).then((items) => reject(new Error(`timed out waiting for ${count} transactions matching ${marker}; have ${matching(items).length}`)));
      }, timeoutMs);
      void client.subscribe(tabId).then(check);
    });
  },
  async clear(tabId) {
    await client.request('clearTab', { tabId });
  },
  async setPreserveLog(tabId, preserveLog) {
    await client.request('setPreserveLog', { tabId, preserveLog });
  },
};

(globalThis as { corsLensRecorder?: Recorder }).corsLensRecorder = recorder;
