import type { ListenerSet, RecordingTarget } from '../core/recording/recordingPlan.ts';
import { EXTRA_HEADERS } from './webRequestDialect.ts';
import type { WebRequestDetails, WebRequestPhase } from './webRequestEvents.ts';

/** One webRequest event as the worker sees it (structural, so tests need no browser). */
export interface WebRequestEventApi {
  addListener(listener: (details: WebRequestDetails) => void, filter: WebRequestFilter, extraInfoSpec?: string[]): void;
  removeListener(listener: (details: WebRequestDetails) => void): void;
}

export interface WebRequestFilter {
  readonly urls: string[];
  readonly tabId?: number;
}

export type WebRequestApi = Readonly<Record<WebRequestPhase, WebRequestEventApi>>;

/** An event a set's listener received. */
export type SetEventHandler = (set: ListenerSet, phase: WebRequestPhase, details: WebRequestDetails) => void;

export interface ListenerSets {
  /** Chromium's 'extraHeaders' was accepted (false in Firefox, which shows everything without it). */
  readonly extraHeaders: boolean;
  /** Registers a set now (synchronously): its listeners are in the browser once a round trip later. */
  add(target: RecordingTarget): ListenerSet;
  remove(set: ListenerSet): void;
  /**
   * Takes the listener names of the slots up to `lastSlot` not taken yet,
   * and gives them back: listeners a stopped worker left registered under
   * those names (Chromium keeps them, inactive, and wakes the worker for
   * their requests) are replaced, then removed. Resolves when done.
   */
  release(lastSlot: number, roundTrip: () => Promise<void>): Promise<void>;
  live(): ListenerSet[];
  /** The slot the next set takes. */
  nextSlot(): number;
}

/**
 * The order of a set's listeners. Never change it: Chromium names each
 * listener a service worker adds after how many it added before ("/s1",
 * "/s2"...), and a worker started again takes over the listeners of the
 * stopped one only under the same names. onSendHeaders comes first: it finds
 * out whether the browser takes 'extraHeaders'.
 */
const PHASES: readonly WebRequestPhase[] = ['onSendHeaders', 'onBeforeRequest', 'onHeadersReceived', 'onBeforeRedirect', 'onCompleted', 'onErrorOccurred'];

/** The address sets that only take names over listen to: nothing ever goes there (RFC 2606). */
const NOWHERE: WebRequestFilter = { urls: ['*://cors-lens-unused.invalid/*'] };

/**
 * The six listeners the worker registers together for one target: every
 * tab, or one (its id in the filter, so that the browser routes no other
 * tab's requests through the extension). 'extraHeaders' makes Chromium
 * report preflights, Origin and the headers of blocked responses (Chrome
 * 79+); Firefox reports them without it, and refuses the option: the first
 * listener finds out which browser this is.
 */
export function createListenerSets(api: WebRequestApi, handle: SetEventHandler): ListenerSets {
  let extraHeaders: boolean | undefined;
  let slots = 0;

  const specOf = (phase: WebRequestPhase): string[] | undefined => {
    const extra = extraHeaders === false ? [] : [EXTRA_HEADERS];
    if (phase === 'onSendHeaders') return ['requestHeaders', ...extra];
    if (phase === 'onHeadersReceived' || phase === 'onBeforeRedirect') return ['responseHeaders', ...extra];
    return undefined;
  };
  const register = (phase: WebRequestPhase, listener: (details: WebRequestDetails) => void, filter: WebRequestFilter): void => {
    const spec = specOf(phase);
    if (extraHeaders !== undefined || !spec) {
      if (spec) api[phase].addListener(listener, filter, spec);
      else api[phase].addListener(listener, filter);
      return;
    }
    try {
      api[phase].addListener(listener, filter, spec);
      extraHeaders = true;
    } catch {
      extraHeaders = false;
      api[phase].addListener(listener, filter, specOf(phase));
    }
  };
  type Listeners = readonly (readonly [WebRequestPhase, (details: WebRequestDetails) => void])[];
  const live = new Map<ListenerSet, Listeners>();
  const addWith = (target: RecordingTarget, filter: WebRequestFilter): [ListenerSet, Listeners] => {
    const set: ListenerSet = { slot: slots++, target };
    const listeners = PHASES.map((phase) => [phase, (details: WebRequestDetails) => handle(set, phase, details)] as const);
    for (const [phase, listener] of listeners) register(phase, listener, filter);
    return [set, listeners];
  };
  const unregister = (listeners: Listeners): void => {
    for (const [phase, listener] of listeners) api[phase].removeListener(listener);
  };

  return {
    get extraHeaders() {
      return extraHeaders !== false;
    },
    add(target) {
      const [set, listeners] = addWith(target, target.kind === 'tab' ? { urls: ['<all_urls>'], tabId: target.tabId } : { urls: ['<all_urls>'] });
      live.set(set, listeners);
      return set;
    },
    remove(set) {
      unregister(live.get(set) ?? []);
      live.delete(set);
    },
    async release(lastSlot, roundTrip) {
      const taken: Listeners[] = [];
      while (slots <= lastSlot) taken.push(addWith({ kind: 'all-tabs' }, NOWHERE)[1]);
      if (taken.length === 0) return;
      // A listener removed before the browser has it would stay registered there.
      await roundTrip();
      for (const listeners of taken) unregister(listeners);
    },
    live: () => [...live.keys()],
    nextSlot: () => slots,
  };
}
