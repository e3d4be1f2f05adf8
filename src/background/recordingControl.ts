import type { Schedule } from '../core/messaging/bridge.ts';
import type { RecordingState } from '../core/protocol.ts';
import {
  isRecorded,
  NOTHING_RECORDED,
  planListenerSets,
  wantedRecording,
  type ListenerSet,
  type RecordingTarget,
  type WantedRecording,
} from '../core/recording/recordingPlan.ts';
import type { ListenerSets } from './listenerSets.ts';
import { saveRecording, saveSettings, type RecordingRecord, type Settings } from './recordingStore.ts';
import { createRestartGaps, type StoppedWorker } from './restartGaps.ts';
import type { StorageArea } from './sessionStore.ts';
import type { TabSessions } from '../core/session/tabSessions.ts';
import type { WebRequestDetails, WebRequestPhase } from './webRequestEvents.ts';

export interface RecordingControlOptions {
  /** The listener sets; the one for every tab, registered as the worker started, is slot 0. */
  readonly sets: ListenerSets;
  /** Resolves once the browser has every listener added before (an extension API round trip). */
  readonly roundTrip: () => Promise<void>;
  /** storage.session (the sets live, for the next worker) and storage.local (the setting). */
  readonly sessionArea: StorageArea;
  readonly settingsArea: StorageArea;
  readonly sessions: () => TabSessions;
  readonly now: () => number;
  readonly schedule: Schedule;
  /** When this worker started: slot 0 records since then. */
  readonly startedAt: number;
  readonly onChanged?: (state: RecordingState) => void;
}

export interface Watch {
  /** Resolves once what is watched is recorded. */
  readonly live: Promise<void>;
  /** Resolves once the listeners nobody needs any more are removed. */
  end(): Promise<void>;
}

export interface RecordingControl {
  /** Once the sessions are restored: takes over what a stopped worker recorded, and says what it missed. */
  start(stopped: StoppedWorker): Promise<void>;
  /** A client looks at a tab, or at every tab, until end(). */
  watch(target: RecordingTarget): Watch;
  /** A client saw its connection to the stopped worker drop then: the gaps begin there. */
  reportLost(lostAt: number): void;
  /** Whether an event a set delivered goes to its tab's session: the tab is recorded, and it is not a copy another set delivered. */
  accepts(phase: WebRequestPhase, details: WebRequestDetails): boolean;
  /** Since when every tab is recorded, for a session that starts now; null while only the tabs looked at are. */
  allTabsSince(): number | null;
  state(): RecordingState;
  setRecordFromBrowserStart(on: boolean): Promise<RecordingState>;
}

/** How long a worker started after a stop keeps recording what the stopped one did, for its clients to come back. */
export const RECONNECT_GRACE_MS = 10_000;
/** Events remembered to drop the copy a second set delivers while sets change. */
const RECENT_EVENTS = 4096;

/**
 * Records what someone looks at, and nothing else: it adds the listener sets
 * what is watched needs and removes the others (see core/recording/). Every
 * change is made in turn, and adds before it removes, so that no event is
 * lost when a tab passes from one set to another.
 */
export function createRecordingControl(options: RecordingControlOptions): RecordingControl {
  const { sets, now } = options;
  const watches = new Map<number, RecordingTarget>();
  let expectedBack: RecordingTarget[] = [];
  let settings: Settings = { recordFromBrowserStart: false };
  let wanted: WantedRecording = NOTHING_RECORDED;
  let nextWatch = 1;
  const confirmed = new Set<ListenerSet>();
  // Slot 0 was registered as the worker started.
  const liveSince = new Map<ListenerSet, number>(sets.live().map((set) => [set, options.startedAt]));
  let allTabsSince: number | null = null;
  let lastState = '';
  let queue: Promise<void> = Promise.resolve();
  const recent = new Set<string>();
  const restart = createRestartGaps();

  const rewant = (): void => {
    wanted = wantedRecording([...watches.values(), ...expectedBack], settings.recordFromBrowserStart);
  };
  const sinceOf = (tabId: number): number | null => {
    for (const set of sets.live()) if (set.target.kind === 'all-tabs' || set.target.tabId === tabId) return liveSince.get(set) ?? null;
    return null;
  };
  const persist = (): void => {
    const record: RecordingRecord = { live: sets.live(), allTabsSince };
    void saveRecording(options.sessionArea, record).catch(() => undefined);
  };
  const state = (): RecordingState => ({ recordFromBrowserStart: settings.recordFromBrowserStart, allTabsSince });

  const apply = async (): Promise<void> => {
    const plan = planListenerSets(sets.live(), wanted);
    const added = plan.add.map((target) => sets.add(target));
    if (added.length > 0) persist();
    // A listener removed before the browser has it would stay registered there.
    if ([...added, ...plan.remove].some((set) => !confirmed.has(set))) {
      await options.roundTrip();
      for (const set of sets.live()) confirmed.add(set);
    }
    const at = now();
    for (const set of added) liveSince.set(set, at);
    for (const set of plan.remove) {
      sets.remove(set);
      confirmed.delete(set);
      liveSince.delete(set);
    }
    const allTabs = sets.live().find((set) => set.target.kind === 'all-tabs');
    allTabsSince = allTabs ? (allTabsSince ?? liveSince.get(allTabs) ?? at) : null;
    persist();
    // What is wanted may have changed meanwhile: sessions follow what is wanted and live now.
    const sessions = options.sessions();
    for (const tabId of wanted.tabs) {
      const since = sinceOf(tabId);
      if (since !== null) sessions.startRecording(tabId, since);
    }
    for (const tabId of sessions.tabIds()) if (!isRecorded(wanted, tabId)) sessions.remove(tabId);
    const now_ = JSON.stringify(state());
    if (now_ !== lastState) {
      lastState = now_;
      options.onChanged?.(state());
    }
  };
  const reconcile = (): Promise<void> => {
    rewant();
    queue = queue.then(apply, apply).catch((error: unknown) => console.warn('CORS Lens: recording could not change', error));
    return queue;
  };

  return {
    async start(stopped) {
      settings = stopped.settings;
      expectedBack = stopped.record.live.map((set) => set.target);
      if (stopped.record.live.some((set) => set.target.kind === 'all-tabs')) allTabsSince = stopped.record.allTabsSince;
      await reconcile();
      // The names the stopped worker's sets had, not taken again just now.
      const lastSlot = Math.max(-1, ...stopped.record.live.map((set) => set.slot));
      queue = queue.then(() => sets.release(lastSlot, options.roundTrip));
      await queue;
      restart.begin(stopped, options.sessions(), (tabId) => (isRecorded(wanted, tabId) ? sinceOf(tabId) : null), options.startedAt);
      options.schedule(() => {
        expectedBack = [];
        void reconcile();
      }, RECONNECT_GRACE_MS);
    },
    watch(target) {
      const id = nextWatch++;
      watches.set(id, target);
      // Come back: from now on it is recorded as long as this watch lasts.
      expectedBack = expectedBack.filter((each) =>
        each.kind === 'all-tabs' ? target.kind !== 'all-tabs' : target.kind === 'all-tabs' || each.tabId !== target.tabId,
      );
      const live = reconcile();
      return {
        live,
        end() {
          return watches.delete(id) ? reconcile() : queue;
        },
      };
    },
    reportLost(lostAt) {
      restart.lost(lostAt, options.sessions());
    },
    accepts(phase, details) {
      if (!isRecorded(wanted, details.tabId)) return false;
      const key = `${details.requestId} ${phase} ${details.timeStamp}`;
      if (recent.has(key)) return false;
      recent.add(key);
      if (recent.size > RECENT_EVENTS) recent.delete(recent.values().next().value as string);
      return true;
    },
    allTabsSince: () => (wanted.allTabs ? allTabsSince : null),
    state,
    async setRecordFromBrowserStart(on) {
      settings = { recordFromBrowserStart: on };
      await saveSettings(options.settingsArea, settings);
      await reconcile();
      return state();
    },
  };
}
