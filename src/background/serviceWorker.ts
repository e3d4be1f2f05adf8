// The service worker (Firefox: the background event page): webRequest events
// into per-tab sessions, served to the panel over the protocol. It records
// only what someone looks at (see recordingControl.ts). The browser may stop
// it at any time; its memory is a cache of storage.session, restored before
// the first event is handled.
import browser from 'webextension-polyfill';
import { CHROMIUM_RULES, FIREFOX_RULES, type BrowserRules } from '../core/browsers/browserRules.ts';
import { PreflightCache } from '../core/cache/preflightCache.ts';
import type { Schedule } from '../core/messaging/bridge.ts';
import { PORT_NAME } from '../core/protocol.ts';
import { ALL_TABS } from '../core/recording/recordingPlan.ts';
import { portWall } from '../platform/portWall.ts';
import { isPageTraffic } from './captureFilter.ts';
import { createChromiumConfirmation, type DebuggerSource } from './chromiumConfirmation.ts';
import { createListenerSets } from './listenerSets.ts';
import { createRecordingControl } from './recordingControl.ts';
import { DEFAULT_SETTINGS, loadRecording, loadSettings } from './recordingStore.ts';
import { createSessionStore } from './sessionStore.ts';
import { TabSessions } from '../core/session/tabSessions.ts';
import { chromiumEventOrder, createGeckoEventOrder, type EventOrderAdapter } from './webRequestDialect.ts';
import { recordWebRequest } from './webRequestEvents.ts';
import { createWorkerServer } from './workerServer.ts';

const schedule: Schedule = (run, ms) => {
  const timer = setTimeout(run, ms);
  return () => clearTimeout(timer);
};
const startedAt = Date.now();

let sessions: TabSessions | undefined;
// Whose rules the verdicts follow: Firefox's where the webRequest found below is Firefox's.
let judgeAs: BrowserRules = CHROMIUM_RULES;
let restored = false;
const current = (): TabSessions => {
  if (!sessions) throw new Error('sessions used before they were restored');
  return sessions;
};

// The set for every tab comes first, registered synchronously: a stopped
// worker that recorded every tab ("Record from browser start", or a record
// page since it started) is woken by a request, and only listeners
// registered now receive that request's events. Which browser's webRequest
// this is decides how the sessions restored below judge. Once restored, the
// set stays only if every tab is to be recorded: otherwise it goes, and
// browsing pays nothing. Each handler waits for the restored sessions;
// promise callbacks keep the events in order. The order pairing needs them
// in: Chromium's as it comes, Firefox's adapted (see webRequestDialect.ts).
let order: EventOrderAdapter = chromiumEventOrder;
const listenerSets = createListenerSets(browser.webRequest, (_set, phase, details) => {
  if (!isPageTraffic(details)) return;
  void ready.then(() => {
    if (recording.accepts(phase, details)) recordWebRequest(current(), phase, details, order);
  });
});
listenerSets.add(ALL_TABS);
// Lets the e2e tests see which listener sets are registered now (as the
// devtools page's flag lets them see the panel registered).
(globalThis as { corsLensListenerSets?: () => unknown }).corsLensListenerSets = () => listenerSets.live();
if (!listenerSets.extraHeaders) {
  order = createGeckoEventOrder();
  judgeAs = FIREFOX_RULES;
}
// Started with the browser, so that "Record from browser start" does (the
// handler has nothing to do: starting is the point).
browser.runtime.onStartup.addListener(() => undefined);

const store = createSessionStore(browser.storage.session, current, schedule);
const recording = createRecordingControl({
  sets: listenerSets,
  roundTrip: () => browser.runtime.getPlatformInfo().then(() => undefined),
  sessionArea: browser.storage.session,
  settingsArea: browser.storage.local,
  sessions: current,
  now: () => Date.now(),
  schedule,
  startedAt,
  onChanged: (state) => {
    server.recordingChanged(state);
    followClosedTabs(state.allTabsSince !== null);
  },
});
// "Confirm with Chromium" (chrome.debugger; webextension-polyfill does not
// wrap it), where the browser has that API: Firefox has none.
const debuggerApi = (globalThis as { chrome?: { debugger?: typeof chrome.debugger } }).chrome?.debugger;
const confirmation =
  debuggerApi &&
  createChromiumConfirmation({
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
const server = createWorkerServer({
  sessions: current,
  schedule,
  startedAt,
  restored: () => restored,
  ready,
  now: () => Date.now(),
  userAgent: navigator.userAgent,
  recording,
  saveNow: () => store.flush(),
  ...(confirmation ? { confirmation } : {}),
});

async function restoreSessions(): Promise<void> {
  const warn = (what: string) => (error: unknown) => {
    console.warn(`CORS Lens: ${what} could not be read, starting without`, error);
  };
  const [loaded, record, settings, openTabs] = await Promise.all([
    store.load({ engine: judgeAs.cache }).catch((error: unknown) => {
      warn('the saved sessions')(error);
      return { cache: null, tabs: [], confirming: [], savedAt: null, unsavedSince: null };
    }),
    loadRecording(browser.storage.session).catch((error: unknown) => (warn('what was recorded')(error), { live: [], allTabsSince: null })),
    loadSettings(browser.storage.local).catch((error: unknown) => (warn('the settings')(error), DEFAULT_SETTINGS)),
    browser.tabs.query({}).then((tabs) => new Set(tabs.map((tab) => tab.id))),
  ]);
  sessions = new TabSessions({
    cache: loaded.cache ?? new PreflightCache({ engine: judgeAs.cache }),
    rules: judgeAs,
    onTransactions: (tabId, items, session) => {
      server.transactionsAdded(tabId, items, session);
      confirmation?.transactionsAdded(tabId, items);
    },
    onCleared: (tabId, reason, session) => {
      server.tabCleared(tabId, reason, session);
      // A tab no longer recorded has nothing to confirm: its debugger (and Chromium's banner) goes too.
      if (reason === 'closed') void confirmation?.set(tabId, false);
    },
    onChanged: (tabId) => store.changed(tabId),
    onConfirmed: (tabId, seq, result) => server.transactionConfirmed(tabId, seq, result),
    onSession: (tabId, session) => server.sessionChanged(tabId, session),
    recordingSince: () => recording.allTabsSince(),
    allTabsRecorded: () => recording.allTabsSince() !== null,
  });
  // Tabs closed while no worker ran are gone with their sessions.
  for (const tab of loaded.tabs) if (openTabs.has(tab.tabId)) sessions.restore(tab);
  restored = loaded.tabs.length > 0;
  await confirmation?.resume(loaded.confirming);
  await recording.start({ record, settings, savedAt: loaded.savedAt, unsavedSince: loaded.unsavedSince });
}

// A tab's session goes when the tab closes. A CORS panel closes with its
// tab, and its tab's session with it; while every tab is recorded, closed
// tabs are followed here (and the listener wakes a stopped worker only then).
const tabClosed = (tabId: number): void =>
  void ready.then(() => {
    current().remove(tabId);
    confirmation?.tabClosed(tabId);
  });
function followClosedTabs(on: boolean): void {
  const following = browser.tabs.onRemoved.hasListener(tabClosed);
  if (on && !following) browser.tabs.onRemoved.addListener(tabClosed);
  else if (!on && following) browser.tabs.onRemoved.removeListener(tabClosed);
}

if (debuggerApi && confirmation) {
  debuggerApi.onEvent.addListener(
    (source: DebuggerSource, method: string, params?: object) => void ready.then(() => confirmation.debuggerEvent(source, method, params)),
  );
  debuggerApi.onDetach.addListener((source: DebuggerSource, reason: string) => void ready.then(() => confirmation.debuggerDetached(source, reason)));
}

browser.runtime.onConnect.addListener((port) => {
  if (port.name !== PORT_NAME) return;
  const disconnect = server.connect(portWall(port));
  port.onDisconnect.addListener(() => disconnect());
});
