// The service worker (Firefox: the background event page): webRequest events
// into per-tab sessions, served to the panel over the protocol. The browser
// may stop it at any time; its memory is a cache of storage.session, restored
// before the first event is handled.
import browser from 'webextension-polyfill';
import { CHROMIUM_RULES, FIREFOX_RULES, type BrowserRules } from '../core/browsers/browserRules.ts';
import { PreflightCache } from '../core/cache/preflightCache.ts';
import type { Schedule } from '../core/messaging/bridge.ts';
import { PORT_NAME } from '../core/protocol.ts';
import { portWall } from '../platform/portWall.ts';
import { isPageTraffic } from './captureFilter.ts';
import { createChromiumConfirmation, type DebuggerSource } from './chromiumConfirmation.ts';
import { createSessionStore } from './sessionStore.ts';
import { TabSessions } from './tabSessions.ts';
import { addListenerWithExtraHeaders, chromiumEventOrder, createGeckoEventOrder, type EventOrderAdapter } from './webRequestDialect.ts';
import { recordWebRequest, type WebRequestDetails, type WebRequestPhase } from './webRequestEvents.ts';
import { createWorkerServer } from './workerServer.ts';

const schedule: Schedule = (run, ms) => {
  const timer = setTimeout(run, ms);
  return () => clearTimeout(timer);
};

let sessions: TabSessions | undefined;
// Whose rules the verdicts follow: Firefox's where the webRequest found below is Firefox's.
let judgeAs: BrowserRules = CHROMIUM_RULES;
let restored = false;
const current = (): TabSessions => {
  if (!sessions) throw new Error('sessions used before they were restored');
  return sessions;
};

// The webRequest listeners come first, registered synchronously: a worker
// woken by a request must see that request's events, and which browser's
// webRequest this is decides how the sessions restored below judge. Each
// handler waits for the restored sessions; promise callbacks keep the events
// in order. The order pairing needs them in: Chromium's as it comes,
// Firefox's adapted (see webRequestDialect.ts).
let order: EventOrderAdapter = chromiumEventOrder;
function handle(phase: WebRequestPhase) {
  return (details: WebRequestDetails): void => {
    if (!isPageTraffic(details)) return;
    void ready.then(() => recordWebRequest(current(), phase, details, order));
  };
}

// 'extraHeaders' makes Chromium report preflights, Origin and the headers of
// blocked responses to extensions (Chrome 79+); Firefox reports them without
// it, and refuses the option: the first listener finds out which browser's
// webRequest this is.
const ALL_URLS = { urls: ['<all_urls>'] };
type AddListener = (listener: (details: WebRequestDetails) => void, filter: { urls: string[] }, extraInfoSpec?: string[]) => void;
const adder = (event: { addListener: unknown }): AddListener => (event.addListener as AddListener).bind(event);
const { webRequest } = browser;
const extraHeaders = addListenerWithExtraHeaders(adder(webRequest.onSendHeaders), handle('onSendHeaders'), ALL_URLS, ['requestHeaders']);
if (!extraHeaders) {
  order = createGeckoEventOrder();
  judgeAs = FIREFOX_RULES;
}
const withHeaders = extraHeaders ? ['responseHeaders', 'extraHeaders'] : ['responseHeaders'];
adder(webRequest.onBeforeRequest)(handle('onBeforeRequest'), ALL_URLS);
adder(webRequest.onHeadersReceived)(handle('onHeadersReceived'), ALL_URLS, withHeaders);
adder(webRequest.onBeforeRedirect)(handle('onBeforeRedirect'), ALL_URLS, withHeaders);
adder(webRequest.onCompleted)(handle('onCompleted'), ALL_URLS);
adder(webRequest.onErrorOccurred)(handle('onErrorOccurred'), ALL_URLS);

const store = createSessionStore(browser.storage.session, current, schedule);
// "Confirm with Chromium" (chrome.debugger; webextension-polyfill does not
// wrap it), where the browser has that API: Firefox has none.
const debuggerApi = (globalThis as { chrome?: { debugger?: typeof chrome.debugger } }).chrome?.debugger;
const confirmation = debuggerApi && createChromiumConfirmation({
  debugger: debuggerApi,
  now: () => Date.now(),
  schedule,
  confirmed: (tabId, seq, result) => current().confirm(tabId, seq, result),
  changed: (state) => {
    server.confirmModeChanged(state);
    if (confirmation) void store.saveConfirming(confirmation.tabs());
  },
});
const ready = restoreSessions();
const server = createWorkerServer({ sessions: current, schedule, startedAt: Date.now(), restored: () => restored, ready, now: () => Date.now(), userAgent: navigator.userAgent, ...(confirmation ? { confirmation } : {}) });

async function restoreSessions(): Promise<void> {
  const loaded = await store.load({ engine: judgeAs.cache }).catch((error: unknown) => {
    console.warn('CORS Lens: the saved sessions could not be read, starting empty', error);
    return { cache: null, tabs: [], confirming: [] };
  });
  sessions = new TabSessions({
    cache: loaded.cache ?? new PreflightCache({ engine: judgeAs.cache }),
    rules: judgeAs,
    onTransactions: (tabId, items, session) => {
      server.transactionsAdded(tabId, items, session);
      confirmation?.transactionsAdded(tabId, items);
    },
    onCleared: (tabId, reason, session) => server.tabCleared(tabId, reason, session),
    onChanged: (tabId) => store.changed(tabId),
    onConfirmed: (tabId, seq, result) => server.transactionConfirmed(tabId, seq, result),
  });
  for (const tab of loaded.tabs) sessions.restore(tab);
  restored = loaded.tabs.length > 0;
  await confirmation?.resume(loaded.confirming);
}

browser.tabs.onRemoved.addListener((tabId) =>
  void ready.then(() => {
    current().remove(tabId);
    confirmation?.tabClosed(tabId);
  }),
);

if (debuggerApi && confirmation) {
  debuggerApi.onEvent.addListener((source: DebuggerSource, method: string, params?: object) => void ready.then(() => confirmation.debuggerEvent(source, method, params)));
  debuggerApi.onDetach.addListener((source: DebuggerSource, reason: string) => void ready.then(() => confirmation.debuggerDetached(source, reason)));
}

browser.runtime.onConnect.addListener((port) => {
  if (port.name !== PORT_NAME) return;
  const disconnect = server.connect(portWall(port));
  port.onDisconnect.addListener(() => disconnect());
});
