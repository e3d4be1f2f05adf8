import { PreflightCache, type PreflightCacheSnapshot } from '../core/cache/preflightCache.ts';
import type { Schedule } from '../core/messaging/bridge.ts';
import type { PersistedTab, TabSessions } from './tabSessions.ts';

/** The part of chrome.storage.session this module uses (structural, for tests). */
export interface StorageArea {
  get(keys: string | string[] | null): Promise<Record<string, unknown>>;
  set(items: Record<string, unknown>): Promise<void>;
  remove(keys: string | string[]): Promise<void>;
}

/**
 * WARNING: persisted keys. The version is part of every key; a new layout
 * takes a new version, and the old one is simply not read (the session
 * area is cleared when the browser closes anyway).
 */
const PREFIX = 'cors-lens/1/';
const TAB_PREFIX = `${PREFIX}tab/`;
const CACHE_KEY = `${PREFIX}cache`;
const CONFIRMING_KEY = `${PREFIX}confirming`;

/** Where a tab's session is kept in chrome.storage.session. */
export function tabStorageKey(tabId: number): string {
  return TAB_PREFIX + tabId;
}

/** chrome.storage.session holds 10 MB in all; sessions get most of it, in proportion. */
export const STORAGE_BUDGET_CHARACTERS = 8 * 1024 * 1024;

/**
 * Writes the worker's sessions through to chrome.storage.session, batched,
 * and reads them back when a restarted worker starts. The worker's memory is
 * a cache of this store: Chromium may stop the worker at any moment.
 */
export interface SessionStore {
  /** What a previous instance of the worker left: the cache model and every tab. */
  load(): Promise<{ cache: PreflightCache | null; tabs: PersistedTab[]; confirming: number[] }>;
  /** The tabs with "Confirm with Chromium" on, written at once (it changes rarely). */
  saveConfirming(tabIds: readonly number[]): Promise<void>;
  /** Marks a tab as changed: written with the next batch. */
  changed(tabId: number): void;
  /** Writes what is waiting now. */
  flush(): Promise<void>;
}

export function createSessionStore(storage: StorageArea, sessions: () => TabSessions, schedule: Schedule, delayMs = 200): SessionStore {
  const dirty = new Set<number>();
  let cancel: (() => void) | null = null;
  let writing: Promise<void> = Promise.resolve();

  const write = async (): Promise<void> => {
    cancel = null;
    const tabs = [...dirty];
    dirty.clear();
    const current = sessions();
    const items: Record<string, unknown> = { [CACHE_KEY]: current.cache.snapshot() };
    const gone: string[] = [];
    const budget = Math.floor(STORAGE_BUDGET_CHARACTERS / Math.max(1, current.tabIds().length));
    for (const tabId of tabs) {
      const saved = current.persist(tabId);
      if (saved) items[tabStorageKey(tabId)] = withinBudget(saved, budget);
      else gone.push(tabStorageKey(tabId));
    }
    if (gone.length > 0) await storage.remove(gone);
    await storage.set(items);
  };

  return {
    async load() {
      const stored = await storage.get(null);
      const snapshot = stored[CACHE_KEY] as PreflightCacheSnapshot | undefined;
      const tabs = Object.entries(stored)
        .filter(([key, value]) => key.startsWith(TAB_PREFIX) && (value as PersistedTab).version === 1)
        .map(([, value]) => value as PersistedTab);
      const confirming = stored[CONFIRMING_KEY];
      return {
        cache: snapshot ? PreflightCache.restore(snapshot) : null,
        tabs,
        confirming: Array.isArray(confirming) ? confirming.filter((tabId): tabId is number => Number.isInteger(tabId)) : [],
      };
    },
    async saveConfirming(tabIds) {
      await storage.set({ [CONFIRMING_KEY]: [...tabIds] });
    },
    changed(tabId) {
      dirty.add(tabId);
      if (!cancel) cancel = schedule(() => void (writing = writing.then(write, write)), delayMs);
    },
    async flush() {
      cancel?.();
      if (dirty.size > 0) writing = writing.then(write, write);
      await writing;
    },
  };
}

// The newest transactions that fit: a flood can outgrow the storage area, and
// then the oldest stay in memory only (and are gone after a restart).
function withinBudget(saved: PersistedTab, budget: number): PersistedTab {
  if (JSON.stringify(saved).length <= budget) return saved;
  let keep = saved.transactions.length;
  let trimmed = saved;
  while (keep > 0) {
    keep = Math.floor(keep / 2);
    trimmed = { ...saved, transactions: saved.transactions.slice(saved.transactions.length - keep) };
    if (JSON.stringify(trimmed).length <= budget) break;
  }
  return trimmed;
}
