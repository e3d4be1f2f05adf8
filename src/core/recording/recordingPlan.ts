/**
 * What the worker records, and with which webRequest listener sets.
 *
 * Chromium routes a request through the extension's header client while any
 * listener with 'extraHeaders' matches it, whoever listens and whatever the
 * listener does: the only way to cost a page nothing is to have no listener
 * that matches it. So the worker records a tab only while someone looks at
 * it (a CORS panel, whose listeners name the tab in their filter), or every
 * tab while a record page is connected or "Record from browser start" is on.
 * A listener set is the six listeners the worker registers together, for one
 * target.
 */
export type RecordingTarget = { readonly kind: 'all-tabs' } | { readonly kind: 'tab'; readonly tabId: number };

export const ALL_TABS: RecordingTarget = { kind: 'all-tabs' };

export interface WantedRecording {
  /** Every tab, with one set. */
  readonly allTabs: boolean;
  /** Tabs recorded one by one, sorted; empty when allTabs (its set covers them). */
  readonly tabs: readonly number[];
}

export const NOTHING_RECORDED: WantedRecording = { allTabs: false, tabs: [] };

/** What the watches of every client connected now (and the setting) ask to record. */
export function wantedRecording(watches: Iterable<RecordingTarget>, recordFromBrowserStart: boolean): WantedRecording {
  let allTabs = recordFromBrowserStart;
  const tabs = new Set<number>();
  for (const watch of watches) {
    if (watch.kind === 'all-tabs') allTabs = true;
    else tabs.add(watch.tabId);
  }
  return allTabs ? { allTabs, tabs: [] } : { allTabs, tabs: [...tabs].sort((a, b) => a - b) };
}

export function isRecorded(wanted: WantedRecording, tabId: number): boolean {
  return wanted.allTabs || wanted.tabs.includes(tabId);
}

/**
 * A set of listeners the worker registered. `slot` counts the sets a worker
 * instance added, from 0 (the one it registers as it starts): Chromium names
 * a listener after how many the worker registered before it, and a set's
 * slot says which names its listeners have (see webRequestListeners.ts).
 */
export interface ListenerSet {
  readonly slot: number;
  readonly target: RecordingTarget;
}

export interface ListenerPlan {
  readonly add: readonly RecordingTarget[];
  readonly remove: readonly ListenerSet[];
}

const sameTarget = (a: RecordingTarget, b: RecordingTarget): boolean =>
  a.kind === 'all-tabs' ? b.kind === 'all-tabs' : b.kind === 'tab' && a.tabId === b.tabId;

/**
 * The sets to add and those to remove to record what is wanted: one set for
 * every tab, or one per tab, never two for the same target. The caller adds
 * first and removes once the new sets are in place, so that a change of set
 * loses no event (and drops the events both deliver twice meanwhile).
 */
export function planListenerSets(live: readonly ListenerSet[], wanted: WantedRecording): ListenerPlan {
  const targets: RecordingTarget[] = wanted.allTabs ? [ALL_TABS] : wanted.tabs.map((tabId) => ({ kind: 'tab', tabId }));
  const kept: ListenerSet[] = [];
  const remove: ListenerSet[] = [];
  for (const set of live) {
    if (targets.some((target) => sameTarget(target, set.target)) && !kept.some((other) => sameTarget(other.target, set.target))) kept.push(set);
    else remove.push(set);
  }
  return { add: targets.filter((target) => !kept.some((set) => sameTarget(set.target, target))), remove };
}

/** Whether any of `sets` delivers the events of this tab. */
export function setsCovering(sets: readonly ListenerSet[], tabId: number): number {
  let count = 0;
  for (const set of sets) if (set.target.kind === 'all-tabs' || set.target.tabId === tabId) count++;
  return count;
}
