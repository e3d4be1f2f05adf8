import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { ALL_TABS, isRecorded, planListenerSets, setsCovering, wantedRecording, type ListenerSet, type RecordingTarget } from './recordingPlan.ts';

const tab = (tabId: number): RecordingTarget => ({ kind: 'tab', tabId });

describe('what the worker records', () => {
  it('nothing while nobody looks and the setting is off', () => {
    expect(wantedRecording([], false)).toEqual({ allTabs: false, tabs: [] });
    expect(isRecorded(wantedRecording([], false), 7)).toBe(false);
  });

  it('each watched tab once, however many panels look at it', () => {
    const wanted = wantedRecording([tab(9), tab(3), tab(9)], false);
    expect(wanted).toEqual({ allTabs: false, tabs: [3, 9] });
    expect(isRecorded(wanted, 3)).toBe(true);
    expect(isRecorded(wanted, 4)).toBe(false);
  });

  it('every tab while a record page watches all or "Record from browser start" is on; one set covers the panels\' tabs', () => {
    expect(wantedRecording([tab(3), ALL_TABS], false)).toEqual({ allTabs: true, tabs: [] });
    expect(wantedRecording([tab(3)], true)).toEqual({ allTabs: true, tabs: [] });
    expect(isRecorded(wantedRecording([], true), 12345)).toBe(true);
  });
});

describe('the listener sets to add and remove', () => {
  it("a panel opening adds its tab's set; the last one closing removes it", () => {
    const opened = planListenerSets([], wantedRecording([tab(4)], false));
    expect(opened).toEqual({ add: [tab(4)], remove: [] });
    const live: ListenerSet[] = [{ slot: 1, target: tab(4) }];
    expect(planListenerSets(live, wantedRecording([tab(4)], false))).toEqual({ add: [], remove: [] });
    expect(planListenerSets(live, wantedRecording([], false))).toEqual({ add: [], remove: live });
  });

  it("the set for every tab replaces the tabs' sets, and they come back when it goes", () => {
    const tabs: ListenerSet[] = [
      { slot: 1, target: tab(4) },
      { slot: 2, target: tab(5) },
    ];
    expect(planListenerSets(tabs, wantedRecording([tab(4), tab(5), ALL_TABS], false))).toEqual({ add: [ALL_TABS], remove: tabs });
    const all: ListenerSet[] = [{ slot: 3, target: ALL_TABS }];
    expect(planListenerSets(all, wantedRecording([tab(4), tab(5)], false))).toEqual({ add: [tab(4), tab(5)], remove: all });
  });

  it('the set a worker registers as it starts (every tab, slot 0) goes when nobody asks for it', () => {
    const first: ListenerSet[] = [{ slot: 0, target: ALL_TABS }];
    expect(planListenerSets(first, wantedRecording([], false))).toEqual({ add: [], remove: first });
    expect(planListenerSets(first, wantedRecording([], true))).toEqual({ add: [], remove: [] });
  });

  it('whatever is live and wanted, applying the plan leaves exactly one set per wanted target, and none else', () => {
    const target = fc.oneof(fc.constant(ALL_TABS), fc.integer({ min: 1, max: 6 }).map(tab));
    fc.assert(
      fc.property(fc.array(target, { maxLength: 6 }), fc.array(target, { maxLength: 6 }), fc.boolean(), (liveTargets, watches, always) => {
        const live = liveTargets.map((each, slot) => ({ slot, target: each }));
        const wanted = wantedRecording(watches, always);
        const plan = planListenerSets(live, wanted);
        const after = [...live.filter((set) => !plan.remove.includes(set)).map((set) => set.target), ...plan.add];
        const key = (each: RecordingTarget) => (each.kind === 'all-tabs' ? 'all' : String(each.tabId));
        const expected = wanted.allTabs ? ['all'] : wanted.tabs.map(String);
        expect(after.map(key).sort()).toEqual([...expected].sort());
        for (const tabId of [1, 2, 3, 4, 5, 6]) {
          const sets = live.filter((set) => !plan.remove.includes(set));
          expect(setsCovering([...sets, ...plan.add.map((each, index) => ({ slot: 100 + index, target: each }))], tabId)).toBe(
            isRecorded(wanted, tabId) ? 1 : 0,
          );
        }
      }),
    );
  });
});
