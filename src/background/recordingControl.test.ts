import { describe, expect, it } from 'vitest';
import { ALL_TABS, type ListenerSet } from '../core/recording/recordingPlan.ts';
import { createListenerSets } from './listenerSets.ts';
import { createRecordingControl, RECONNECT_GRACE_MS } from './recordingControl.ts';
import { DEFAULT_SETTINGS, loadRecording, loadSettings } from './recordingStore.ts';
import type { StoppedWorker } from './restartGaps.ts';
import type { PersistedTab } from '../core/session/persistedTab.ts';
import { TabSessions } from '../core/session/tabSessions.ts';
import { corsGet, fakeWebRequest, manualTimers, memoryStorage } from './testRecording.ts';
import { recordWebRequest } from './webRequestEvents.ts';

const STARTED = Date.UTC(2026, 4, 1, 10, 2, 0);

/** A worker as serviceWorker.ts wires one: the set for every tab registered as it starts, then the sessions restored and recording started. */
async function startWorker(stopped: Partial<StoppedWorker> = {}, restored: readonly PersistedTab[] = [], area = memoryStorage()) {
  let gate: Promise<void> = Promise.resolve();
  const webRequest = fakeWebRequest();
  const timers = manualTimers();
  const settingsArea = memoryStorage();
  let clock = STARTED;
  let roundTrips = 0;
  let sessions = new TabSessions();
  const sets = createListenerSets(webRequest.api, (_set, phase, details) => {
    if (control.accepts(phase, details)) recordWebRequest(sessions, phase, details);
  });
  sets.add(ALL_TABS);
  const control = createRecordingControl({
    sets,
    roundTrip: async () => {
      roundTrips++;
      await gate;
    },
    sessionArea: area,
    settingsArea,
    sessions: () => sessions,
    now: () => clock,
    schedule: timers.schedule,
    startedAt: STARTED,
  });
  sessions = new TabSessions({ recordingSince: () => control.allTabsSince(), allTabsRecorded: () => control.allTabsSince() !== null });
  for (const tab of restored) sessions.restore(tab);
  await control.start({ record: { live: [], allTabsSince: null }, settings: DEFAULT_SETTINGS, savedAt: null, unsavedSince: null, ...stopped });
  const browse = (tabId: number, requestId: string, at = clock) => {
    for (const [phase, details] of corsGet(tabId, requestId, at)) webRequest.fire(phase, details);
  };
  const urls = (tabId: number) => sessions.since(tabId).map((item) => item.transaction.id);
  const hold = (until: Promise<void>): void => {
    gate = until;
  };
  return {
    hold,
    webRequest,
    timers,
    control,
    sessions: () => sessions,
    browse,
    urls,
    area,
    settingsArea,
    roundTrips: () => roundTrips,
    at: (time: number) => (clock = time),
  };
}

describe('recording only while someone looks', () => {
  it('a worker nobody looks at keeps no webRequest listener: the one it registered as it started goes', async () => {
    const worker = await startWorker();
    expect(worker.webRequest.registered).toEqual([]);
    worker.browse(4, 'r1');
    expect(worker.sessions().tabIds()).toEqual([]);
  });

  it('a panel records its tab, with the tab in the filter, from when it opened; other tabs cost nothing', async () => {
    const worker = await startWorker();
    worker.at(STARTED + 5000);
    const panel = worker.control.watch({ kind: 'tab', tabId: 4 });
    await panel.live;
    expect(worker.webRequest.registered).toHaveLength(6);
    expect(worker.webRequest.registered.every((each) => each.filter.tabId === 4)).toBe(true);
    worker.browse(4, 'mine');
    worker.browse(5, 'other');
    expect(worker.urls(4)).toEqual(['mine']);
    expect(worker.sessions().has(5)).toBe(false);
    expect(worker.sessions().summary(4).recordingSince).toBe(STARTED + 5000);
  });

  it("the last panel of a tab closing removes its listeners, and its log goes with them (as the Network panel's does)", async () => {
    const worker = await startWorker();
    const first = worker.control.watch({ kind: 'tab', tabId: 4 });
    const second = worker.control.watch({ kind: 'tab', tabId: 4 });
    const other = worker.control.watch({ kind: 'tab', tabId: 9 });
    await Promise.all([first.live, second.live, other.live]);
    worker.browse(4, 'r1');
    await first.end();
    expect(worker.webRequest.registered.filter((each) => each.filter.tabId === 4)).toHaveLength(6);
    await second.end();
    expect(worker.webRequest.registered.filter((each) => each.filter.tabId === 4)).toEqual([]);
    expect(worker.sessions().has(4)).toBe(false);
    worker.browse(4, 'unseen');
    expect(worker.sessions().has(4)).toBe(false);
    await other.end();
    expect(worker.webRequest.registered).toEqual([]);
  });

  it("a record page records every tab with one set, and the panels' sets come back when it goes; no event is taken twice meanwhile", async () => {
    const worker = await startWorker();
    const panel = worker.control.watch({ kind: 'tab', tabId: 4 });
    await panel.live;
    const recorder = worker.control.watch(ALL_TABS);
    await recorder.live;
    expect(worker.webRequest.registered.map((each) => each.filter.tabId)).toEqual([undefined, undefined, undefined, undefined, undefined, undefined]);
    worker.browse(4, 'a');
    worker.browse(5, 'b');
    expect([worker.urls(4), worker.urls(5)]).toEqual([['a'], ['b']]);
    expect(worker.control.state().allTabsSince).not.toBeNull();
    await recorder.end();
    expect(worker.webRequest.registered.every((each) => each.filter.tabId === 4)).toBe(true);
    expect(worker.sessions().has(5)).toBe(false);
    expect(worker.urls(4)).toEqual(['a']);
  });

  it('an event two sets deliver while a tab passes from one to the other is taken once', async () => {
    const worker = await startWorker();
    await worker.control.watch({ kind: 'tab', tabId: 4 }).live;
    // Both the tab's set and the every-tab one are registered until the browser has the new one.
    const sets = createListenerSets(worker.webRequest.api, (_set, phase, details) => {
      if (worker.control.accepts(phase, details)) recordWebRequest(worker.sessions(), phase, details);
    });
    sets.add({ kind: 'tab', tabId: 4 });
    worker.browse(4, 'twice');
    expect(worker.urls(4)).toEqual(['twice']);
  });

  it('"Record from browser start" records every tab, is kept in storage.local, and says since when', async () => {
    const worker = await startWorker();
    worker.at(STARTED + 100);
    const state = await worker.control.setRecordFromBrowserStart(true);
    expect(state).toEqual({ recordFromBrowserStart: true, allTabsSince: STARTED + 100 });
    expect(await loadSettings(worker.settingsArea)).toEqual({ recordFromBrowserStart: true });
    worker.browse(12, 'anywhere');
    expect(worker.urls(12)).toEqual(['anywhere']);
    expect(worker.sessions().summary(12).recordingSince).toBe(STARTED + 100);
    await worker.control.setRecordFromBrowserStart(false);
    expect(worker.webRequest.registered).toEqual([]);
    expect(worker.sessions().has(12)).toBe(false);
  });

  it('with the setting on, a worker keeps the set it registered as it started: it is what wakes it after a stop', async () => {
    const worker = await startWorker({ settings: { recordFromBrowserStart: true } });
    expect(worker.webRequest.registered.map((each) => each.name)).toEqual([
      'onSendHeaders/s1',
      'onBeforeRequest/s2',
      'onHeadersReceived/s3',
      'onBeforeRedirect/s4',
      'onCompleted/s5',
      'onErrorOccurred/s6',
    ]);
    expect(worker.control.state().allTabsSince).toBe(STARTED);
    expect((await loadRecording(worker.area)).live).toEqual([{ slot: 0, target: ALL_TABS }]);
  });

  it('removes a set only once the browser has the sets added with it: no moment without listeners', async () => {
    const worker = await startWorker();
    const panel = worker.control.watch({ kind: 'tab', tabId: 4 });
    await panel.live;
    let answer: () => void = () => undefined;
    worker.hold(new Promise((resolve) => (answer = resolve)));
    const recorder = worker.control.watch(ALL_TABS);
    const closed = panel.end();
    await new Promise((settle) => setTimeout(settle, 0));
    expect(worker.webRequest.registered.map((each) => each.filter.tabId ?? 'all')).toEqual([4, 4, 4, 4, 4, 4, 'all', 'all', 'all', 'all', 'all', 'all']);
    answer();
    await Promise.all([closed, recorder.live]);
    expect(worker.webRequest.registered.map((each) => each.filter.tabId ?? 'all')).toEqual(['all', 'all', 'all', 'all', 'all', 'all']);
  });
});

describe('a worker started after Chromium stopped one that recorded', () => {
  const stoppedTab = (tabId: number, seq: number): PersistedTab => {
    const sessions = new TabSessions();
    sessions.startRecording(tabId, STARTED - 60_000);
    for (let index = 0; index < seq; index++)
      for (const [phase, details] of corsGet(tabId, `old${index}`, STARTED - 50_000 + index * 10)) recordWebRequest(sessions, phase, details);
    return sessions.persistedTab(tabId) as PersistedTab;
  };

  it("a panel's tab: recorded again at once, the names of the stopped worker's sets taken over and given back, and the gap shown from the stop", async () => {
    const live: ListenerSet[] = [{ slot: 3, target: { kind: 'tab', tabId: 4 } }];
    const worker = await startWorker({ record: { live, allTabsSince: null }, savedAt: STARTED - 20_000, unsavedSince: null }, [stoppedTab(4, 2)]);
    expect(worker.webRequest.names).toContain('onErrorOccurred/s24');
    expect(worker.webRequest.registered.filter((each) => each.filter.tabId === 4)).toHaveLength(6);
    const [gap] = worker.sessions().summary(4).gaps;
    expect(gap).toEqual({ from: STARTED - 20_000, to: STARTED, afterSeq: 2 });
    // The panel comes back and says when it lost the stopped worker: the gap begins there.
    worker.control.reportLost(STARTED - 1250);
    expect(worker.sessions().summary(4).gaps).toEqual([{ from: STARTED - 1250, to: STARTED, afterSeq: 2 }]);
    const panel = worker.control.watch({ kind: 'tab', tabId: 4 });
    await panel.live;
    worker.timers.advance(RECONNECT_GRACE_MS);
    worker.browse(4, 'after');
    expect(worker.urls(4)).toEqual(['old0', 'old1', 'after']);
  });

  it('changes not written before the stop are lost from the first of them, even with listeners that survived', async () => {
    const live: ListenerSet[] = [{ slot: 0, target: ALL_TABS }];
    const worker = await startWorker(
      { record: { live, allTabsSince: STARTED - 60_000 }, savedAt: STARTED - 3000, unsavedSince: STARTED - 2400, settings: { recordFromBrowserStart: true } },
      [stoppedTab(4, 1)],
    );
    expect(worker.sessions().summary(4).gaps).toEqual([{ from: STARTED - 2400, to: STARTED, afterSeq: 1 }]);
    expect(worker.control.state().allTabsSince).toBe(STARTED - 60_000);
  });

  it('no gap when the set that survived was the first and everything was written', async () => {
    const live: ListenerSet[] = [{ slot: 0, target: ALL_TABS }];
    const worker = await startWorker(
      { record: { live, allTabsSince: STARTED - 60_000 }, savedAt: STARTED - 3000, unsavedSince: null, settings: { recordFromBrowserStart: true } },
      [stoppedTab(4, 1)],
    );
    expect(worker.sessions().summary(4).gaps).toEqual([]);
  });

  it('once its panel is back, the tab is recorded as long as the panel stays, not for the grace period', async () => {
    const live: ListenerSet[] = [{ slot: 1, target: { kind: 'tab', tabId: 4 } }];
    const worker = await startWorker({ record: { live, allTabsSince: null }, savedAt: STARTED - 5000, unsavedSince: null }, [stoppedTab(4, 1)]);
    const panel = worker.control.watch({ kind: 'tab', tabId: 4 });
    await panel.live;
    await panel.end();
    expect(worker.webRequest.registered).toEqual([]);
    expect(worker.sessions().has(4)).toBe(false);
  });

  it('what nobody comes back for within the grace period stops being recorded, and its session goes', async () => {
    const live: ListenerSet[] = [{ slot: 1, target: { kind: 'tab', tabId: 4 } }];
    const worker = await startWorker({ record: { live, allTabsSince: null }, savedAt: STARTED - 5000, unsavedSince: null }, [stoppedTab(4, 1)]);
    expect(worker.sessions().has(4)).toBe(true);
    worker.timers.advance(RECONNECT_GRACE_MS);
    await worker.control.watch({ kind: 'tab', tabId: 8 }).end();
    expect(worker.webRequest.registered).toEqual([]);
    expect(worker.sessions().has(4)).toBe(false);
  });
});
