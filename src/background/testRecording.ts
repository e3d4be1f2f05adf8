import type { Schedule } from '../core/messaging/bridge.ts';
import type { RecordingState } from '../core/protocol.ts';
import type { StorageArea } from './sessionStore.ts';
import type { WebRequestApi, WebRequestEventApi, WebRequestFilter } from './listenerSets.ts';
import type { RecordingControl } from './recordingControl.ts';
import type { WebRequestDetails, WebRequestPhase } from './webRequestEvents.ts';

/** A recording that records whatever it is asked to, at once: for tests of what surrounds it. */
export function recordingEverything(): RecordingControl {
  const state: RecordingState = { recordFromBrowserStart: false, allTabsSince: null };
  return {
    start: async () => undefined,
    watch: () => ({ live: Promise.resolve(), end: async () => undefined }),
    reportLost: () => undefined,
    accepts: () => true,
    allTabsSince: () => null,
    state: () => state,
    setRecordFromBrowserStart: async () => state,
  };
}

interface Registered {
  readonly phase: WebRequestPhase;
  readonly listener: (details: WebRequestDetails) => void;
  readonly filter: WebRequestFilter;
  readonly extraInfoSpec: readonly string[] | undefined;
  /** Chromium's name for it: "/s" and how many listeners the worker added before, plus one. */
  readonly name: string;
}

/**
 * chrome.webRequest as a worker sees it, in memory: the listeners registered
 * now, named as Chromium names a service worker's, and events fired to those
 * whose filter matches. `refuseExtraHeaders` makes it Firefox's.
 */
export function fakeWebRequest(options: { refuseExtraHeaders?: boolean } = {}) {
  const registered: Registered[] = [];
  /** The name of every listener ever added, in order. */
  const names: string[] = [];
  let added = 0;
  const event = (phase: WebRequestPhase): WebRequestEventApi => ({
    addListener(listener, filter, extraInfoSpec) {
      if (options.refuseExtraHeaders && extraInfoSpec?.includes('extraHeaders')) throw new Error('Invalid enumeration value "extraHeaders"');
      const name = `${phase}/s${++added}`;
      names.push(name);
      registered.push({ phase, listener, filter, extraInfoSpec, name });
    },
    removeListener(listener) {
      const index = registered.findIndex((each) => each.listener === listener);
      if (index >= 0) registered.splice(index, 1);
    },
  });
  const api = Object.fromEntries(
    (['onBeforeRequest', 'onSendHeaders', 'onHeadersReceived', 'onBeforeRedirect', 'onCompleted', 'onErrorOccurred'] as const).map((phase) => [
      phase,
      event(phase),
    ]),
  ) as unknown as WebRequestApi;
  const matches = (filter: WebRequestFilter, details: WebRequestDetails): boolean =>
    (filter.tabId === undefined || filter.tabId === details.tabId) &&
    filter.urls.some((url) => url === '<all_urls>' || new RegExp(`^${url.replace(/[.]/g, '\\.').replace(/\*/g, '.*')}$`).test(details.url));
  return {
    api,
    registered,
    names,
    /** Fires an event to every listener of its phase whose filter matches it; how many got it. */
    fire(phase: WebRequestPhase, details: WebRequestDetails): number {
      const receivers = registered.filter((each) => each.phase === phase && matches(each.filter, details));
      for (const each of receivers) each.listener(details);
      return receivers.length;
    },
    /** Listeners whose requests the browser routes through the extension's header client. */
    withExtraHeaders: () => registered.filter((each) => each.extraInfoSpec?.includes('extraHeaders')),
  };
}

/** A storage area in memory, as JSON crosses it. */
export function memoryStorage(): StorageArea & { readonly data: Record<string, unknown> } {
  const data: Record<string, unknown> = {};
  return {
    data,
    async get(keys) {
      const all = JSON.parse(JSON.stringify(data)) as Record<string, unknown>;
      if (keys === null) return all;
      return Object.fromEntries(
        [keys]
          .flat()
          .filter((key) => key in all)
          .map((key) => [key, all[key]]),
      );
    },
    async set(items) {
      Object.assign(data, JSON.parse(JSON.stringify(items)));
    },
    async remove(keys) {
      for (const key of [keys].flat()) delete data[key];
    },
  };
}

/** Timers that run when the test says: at a time, or all. */
export function manualTimers() {
  const waiting = new Map<() => void, number>();
  let clock = 0;
  const schedule: Schedule = (run, ms) => {
    waiting.set(run, clock + ms);
    return () => waiting.delete(run);
  };
  return {
    schedule,
    /** Advances the timers' clock by `ms`, running what falls due. */
    advance(ms: number) {
      clock += ms;
      for (const [run, due] of [...waiting]) {
        if (due > clock) continue;
        waiting.delete(run);
        run();
      }
    },
  };
}

/** A cross-origin GET the server allows, as webRequest reports it with extraHeaders. */
export function corsGet(tabId: number, requestId: string, at: number, url = 'http://api.test/items'): [WebRequestPhase, WebRequestDetails][] {
  const base = { requestId, url, method: 'GET', tabId, frameId: 0, type: 'xmlhttprequest', initiator: 'http://app.test' };
  return [
    ['onBeforeRequest', { ...base, timeStamp: at }],
    [
      'onSendHeaders',
      {
        ...base,
        timeStamp: at + 1,
        requestHeaders: [
          { name: 'Origin', value: 'http://app.test' },
          { name: 'Sec-Fetch-Mode', value: 'cors' },
        ],
      },
    ],
    [
      'onHeadersReceived',
      { ...base, timeStamp: at + 2, statusCode: 200, responseHeaders: [{ name: 'Access-Control-Allow-Origin', value: 'http://app.test' }] },
    ],
    ['onCompleted', { ...base, timeStamp: at + 3 }],
  ];
}
