// The service worker: webRequest events into per-tab sessions, served to the
// panel over the protocol. Chromium may stop it at any time; its memory is a
// cache of chrome.storage.session, restored before the first event is handled.
import browser from 'webextension-polyfill';
import type { Schedule } from '../core/messaging/bridge.ts';
import { PORT_NAME } from '../core/protocol.ts';
import { portWall } from '../platform/portWall.ts';
import { isPageTraffic } from './captureFilter.ts';
import { createChromiumConfirmation, type DebuggerSource } from './chromiumConfirmation.ts';
import { createSessionStore } from './sessionStore.ts';
import { TabSessions } from './tabSessions.ts';
import { recordWebRequest, type WebRequestDetails, type WebRequestPhase } from './webRequestEvents.ts';
import { createWorkerServer } from './workerServer.ts';

const schedule: Schedule = (run, ms) => {
  const timer = setTimeout(run, ms);
  return () => clearTimeout(timer);
};

let sessions: TabSessions | undefined;
let restored = false;
const current = (): TabSessions => {
  if (!sessions) throw new Error('sessions used before they were restored');
  return sessions;
};

const store = createSessionStore(browser.storage.session, current, schedule);
// "Confirm with Chromium" (chrome.debugger; webextension-polyfill does not wrap it).
const confirmation = createChromiumConfirmation({
  debugger: chrome.debugger,
  now: () => Date.now(),
  schedule,
  confirmed: (tabId, seq, result) => current().confirm(tabId, seq, result),
  changed: (state) => {
    server.confirmModeChanged(state);
    void store.saveConfirming(confirmation.tabs());
  },
});
const ready = restoreSessions();
const server = createWorkerServer({ sessions: current, schedule, startedAt: Date.now(), restored: () => restored, ready, now: () => Date.now(), userAgent: navigator.userAgent, confirmation });

async function restoreSessions(): Promise<void> {
  const loaded = await store.load().catch((error: unknown) => {
    console.warn('CORS Lens: the saved sessions could not be read, starting empty', error);
    return { cache: null, tabs: [], confirming: [] };
  });
  sessions = new TabSessions({
    ...(loaded.cache ? { cache: loaded.cache } : {}),
    onTransactions: (tabId, items, session) => {
      server.transactionsAdded(tabId, items, session);
      confirmation.transactionsAdded(tabId, items);
    },
    onCleared: (tabId, reason, session) => server.tabCleared(tabId, reason, session),
    onChanged: (tabId) => store.changed(tabId),
    onConfirmed: (tabId, seq, result) => server.transactionConfirmed(tabId, seq, result),
  });
  for (const tab of loaded.tabs) sessions.restore(tab);
  restored = loaded.tabs.length > 0;
  await confirmation.resume(loaded.confirming);
}

// Every listener is registered synchronously, now: a worker woken by a
// request must see that request's events. Each handler waits for the
// restored sessions; promise callbacks keep the events in order.
function handle(phase: WebRequestPhase) {
  return (details: WebRequestDetails): void => {
    if (!isPageTraffic(details)) return;
    void ready.then(() => recordWebRequest(current(), phase, details));
  };
}

// 'extraHeaders' makes Chromium report preflights, Origin and the headers of
// blocked responses to extensions (Chrome 79+); without it preflights are
// invisible.
const ALL_URLS = { urls: ['<all_urls>'] };
type ExtraInfo = Parameters<typeof browser.webRequest.onSendHeaders.addListener>[2];
browser.webRequest.onBeforeRequest.addListener(handle('onBeforeRequest'), ALL_URLS);
browser.webRequest.onSendHeaders.addListener(handle('onSendHeaders'), ALL_URLS, ['requestHeaders', 'extraHeaders'] as ExtraInfo);
browser.webRequest.onHeadersReceived.addListener(handle('onHeadersReceived'), ALL_URLS, ['responseHeaders', 'extraHeaders'] as Parameters<typeof browser.webRequest.onHeadersReceived.addListener>[2]);
browser.webRequest.onBeforeRedirect.addListener(handle('onBeforeRedirect'), ALL_URLS, ['responseHeaders', 'extraHeaders'] as Parameters<typeof browser.webRequest.onBeforeRedirect.addListener>[2]);
browser.webRequest.onCompleted.addListener(handle('onCompleted'), ALL_URLS);
browser.webRequest.onErrorOccurred.addListener(handle('onErrorOccurred'), ALL_URLS);

browser.tabs.onRemoved.addListener((tabId) =>
  void ready.then(() => {
    current().remove(tabId);
    confirmation.tabClosed(tabId);
  }),
);

chrome.debugger.onEvent.addListener((source: DebuggerSource, method: string, params?: object) => void ready.then(() => confirmation.debuggerEvent(source, method, params)));
chrome.debugger.onDetach.addListener((source: DebuggerSource, reason: string) => void ready.then(() => confirmation.debuggerDetached(source, reason)));

browser.runtime.onConnect.addListener((port) => {
  if (port.name !== PORT_NAME) return;
  const disconnect = server.connect(portWall(port));
  port.onDisconnect.addListener(() => disconnect());
});
