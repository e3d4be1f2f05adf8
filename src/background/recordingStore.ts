import type { ListenerSet, RecordingTarget } from '../core/recording/recordingPlan.ts';
import { STORAGE_PREFIX, type StorageArea } from './sessionStore.ts';

/**
 * WARNING: persisted.
 *   storage.session  cors-lens/6/recording  RecordingRecord: what a worker started after a stop must know
 *   storage.local    cors-lens/settings     Settings: kept across browser restarts
 */
const RECORDING_KEY = `${STORAGE_PREFIX}recording`;
const SETTINGS_KEY = 'cors-lens/settings';

export interface RecordingRecord {
  /** The listener sets live: a stopped worker leaves them registered in Chromium (see listenerSets.ts). */
  readonly live: readonly ListenerSet[];
  /** Since when every tab has been recorded, or null. */
  readonly allTabsSince: number | null;
}

export interface Settings {
  /** Record every tab from the worker's start (today's always-on behaviour), not only the tabs looked at. */
  readonly recordFromBrowserStart: boolean;
}

export const DEFAULT_SETTINGS: Settings = { recordFromBrowserStart: false };
const NO_RECORD: RecordingRecord = { live: [], allTabsSince: null };

export async function loadRecording(area: StorageArea): Promise<RecordingRecord> {
  const value = (await area.get(RECORDING_KEY))[RECORDING_KEY];
  if (typeof value !== 'object' || value === null) return NO_RECORD;
  const { live, allTabsSince } = value as Record<string, unknown>;
  return {
    live: Array.isArray(live) ? live.filter(isListenerSet) : [],
    allTabsSince: typeof allTabsSince === 'number' && Number.isFinite(allTabsSince) ? allTabsSince : null,
  };
}

export function saveRecording(area: StorageArea, record: RecordingRecord): Promise<void> {
  return area.set({ [RECORDING_KEY]: record });
}

export async function loadSettings(area: StorageArea): Promise<Settings> {
  const value = (await area.get(SETTINGS_KEY))[SETTINGS_KEY];
  const on = typeof value === 'object' && value !== null && (value as Record<string, unknown>).recordFromBrowserStart === true;
  return { recordFromBrowserStart: on };
}

export function saveSettings(area: StorageArea, settings: Settings): Promise<void> {
  return area.set({ [SETTINGS_KEY]: settings });
}

function isListenerSet(value: unknown): value is ListenerSet {
  if (typeof value !== 'object' || value === null) return false;
  const { slot, target } = value as { slot?: unknown; target?: unknown };
  return Number.isInteger(slot) && (slot as number) >= 0 && isTarget(target);
}

function isTarget(value: unknown): value is RecordingTarget {
  if (typeof value !== 'object' || value === null) return false;
  const target = value as { kind?: unknown; tabId?: unknown };
  return target.kind === 'all-tabs' || (target.kind === 'tab' && Number.isInteger(target.tabId));
}
