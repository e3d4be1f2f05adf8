// The recorder page: an extension page through which `cors-lens record` and
// the e2e tests read the worker's capture, over the same protocol as the
// panel. While it is open, the worker records every tab. It only exposes a
// small API on window; Playwright calls it.
import browser from 'webextension-polyfill';
import type { RequestEvent } from '../core/pairing/requestEvent.ts';
import { PROTOCOL_VERSION, type SequencedTransaction } from '../core/protocol.ts';
import { readTransactions } from '../core/messaging/readTransactions.ts';
import type { Recorder } from '../core/messaging/recorderApi.ts';
import { connectToWorker } from '../platform/workerClient.ts';

const client = connectToWorker('recorder');
const recordingEveryTab = client.watchAllTabs();

/** How often the open events are asked for: the protocol announces no change of them. */
const OPEN_EVENTS_POLL_MS = 50;

/** Resolves once `test` holds, asked now and every OPEN_EVENTS_POLL_MS; rejects at the timeout. */
async function pollUntil(test: () => Promise<boolean>, what: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await test())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((next) => setTimeout(next, OPEN_EVENTS_POLL_MS));
  }
}

/** Resolves once the tab's seq reaches `count`, checked now and on each of its events. */
function waitForSeq(tabId: number, count: number, timeoutMs: number): Promise<void> {
  return new Promise((resolve, reject) => {
    let done = false;
    const finish = (error?: Error): void => {
      if (done) return;
      done = true;
      stop();
      clearTimeout(timer);
      if (error) reject(error);
      else resolve();
    };
    const check = async (): Promise<void> => {
      if ((await recorder.summary(tabId)).seq >= count) finish();
    };
    const stop = client.on('transactionsAdded', (event) => {
      if (event.tabId === tabId) void check();
    });
    const timer = setTimeout(() => finish(new Error(`timed out waiting for ${count} transactions`)), timeoutMs);
    void client.subscribe(tabId).then(check);
  });
}

/**
 * Resolves once the tab has `count` transactions whose first URL contains
 * `marker`, each passing `ready`; checked now and on every event of the tab.
 */
function waitForItems(
  tabId: number,
  marker: string,
  count: number,
  timeoutMs: number,
  what: string,
  ready: (item: SequencedTransaction) => boolean,
): Promise<SequencedTransaction[]> {
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
  recording: () => recordingEveryTab,
  setRecordFromBrowserStart: (on) => client.request('setRecordFromBrowserStart', { on }),
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
  async waitForStoredOpenEvent(tabId, marker, method, timeoutMs) {
    const open = async (): Promise<boolean> => (await client.request('getOpenEvents', { tabId })).events.some((event) => startedUrl(event, method, marker));
    await pollUntil(open, `an open ${method} to ${marker}`, timeoutMs);
    await client.request('saveNow', {});
  },
  async waitForStoredTransactions(tabId, count, timeoutMs) {
    await waitForSeq(tabId, count, timeoutMs);
    await client.request('saveNow', {});
  },
};

(globalThis as { corsLensRecorder?: Recorder }).corsLensRecorder = recorder;
