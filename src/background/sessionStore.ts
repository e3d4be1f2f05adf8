import { PreflightCache, type PreflightCacheOptions, type PreflightCacheSnapshot } from '../core/cache/preflightCache.ts';
import type { Schedule } from '../core/messaging/bridge.ts';
import type { SequencedTransactionDto } from '../core/protocol.ts';
import { decodeChunk, encodeChunk } from './storedChunk.ts';
import type { PersistedTab, PersistedTabState } from '../core/session/persistedTab.ts';
import type { TabSessions } from '../core/session/tabSessions.ts';

/** The part of chrome.storage.session this module uses (structural, for tests). */
export interface StorageArea {
  get(keys: string | string[] | null): Promise<Record<string, unknown>>;
  set(items: Record<string, unknown>): Promise<void>;
  remove(keys: string | string[]): Promise<void>;
}

/**
 * WARNING: persisted keys. The version is part of every key; a new layout
 * takes a new version, and keys of an older one are removed unread (the
 * session area is cleared when the browser closes anyway).
 *   cors-lens/6/cache          the preflight-cache model
 *   cors-lens/6/confirming     tabs with "Confirm with Chromium" on
 *   cors-lens/6/tab/ID         a tab's state (PersistedTabState)
 *   cors-lens/6/tab/ID/CHUNK   its transactions with seq in (CHUNK*100, CHUNK*100+100],
 *                              gzipped (storedChunk.ts)
 *   cors-lens/6/savedAt        when the last write began (everything changed before is in it)
 *   cors-lens/6/unsavedSince   when the first change not written yet was made, or null
 *   cors-lens/6/recording      the listener sets live (recordingStore.ts)
 */
export const STORAGE_PREFIX = 'cors-lens/6/';
const PREFIX = STORAGE_PREFIX;
const TAB_PREFIX = `${PREFIX}tab/`;
const CACHE_KEY = `${PREFIX}cache`;
const CONFIRMING_KEY = `${PREFIX}confirming`;
const SAVED_AT_KEY = `${PREFIX}savedAt`;
const UNSAVED_SINCE_KEY = `${PREFIX}unsavedSince`;
const TAB_KEY = /^cors-lens\/6\/tab\/(\d+)$/;
const CHUNK_KEY = /^cors-lens\/6\/tab\/(\d+)\/(\d+)$/;

/** Transactions per stored chunk: a flood rewrites only its newest chunks, never the whole tab. */
export const CHUNK_SIZE = 100;

/** Where a tab's state is kept in chrome.storage.session. */
export function tabStorageKey(tabId: number): string {
  return `${TAB_PREFIX}${tabId}`;
}

function chunkKey(tabId: number, chunk: number): string {
  return `${TAB_PREFIX}${tabId}/${chunk}`;
}

const chunkOf = (seq: number): number => Math.floor((seq - 1) / CHUNK_SIZE);

/** chrome.storage.session holds 10 MB in all; sessions get most of it, in proportion. */
export const STORAGE_BUDGET_CHARACTERS = 8 * 1024 * 1024;

/**
 * Writes the worker's sessions through to chrome.storage.session, batched,
 * and reads them back when a restarted worker starts. The worker's memory is
 * a cache of this store: Chromium may stop the worker at any moment.
 * Each write holds what changed only: the tabs' states, the chunks of
 * transactions that changed, and the cache model if it did.
 */
export interface SessionStore {
  /** What a previous instance of the worker left: the cache model, every tab, the tabs confirming. */
  /** `cacheOptions`: the cache model's rules (the browser the worker runs in). */
  load(cacheOptions?: PreflightCacheOptions): Promise<StoredSessions>;
  /** Marks a tab as changed: written with the next batch. */
  changed(tabId: number): void;
  /** Writes what is waiting now; resolves with when the write began. */
  flush(): Promise<number>;
  /** The tabs with "Confirm with Chromium" on, written at once (it changes rarely). */
  saveConfirming(tabIds: readonly number[]): Promise<void>;
}

export interface StoredSessions {
  readonly cache: PreflightCache | null;
  readonly tabs: PersistedTab[];
  readonly confirming: number[];
  /** When the worker that wrote them last wrote (null: never). */
  readonly savedAt: number | null;
  /** When its first change not written yet was made: what came after it is lost (null: nothing). */
  readonly unsavedSince: number | null;
}

interface WrittenTab {
  /** Chunk -> the characters it took when written. */
  readonly chunks: Map<number, number>;
  /** Chunks below this one were dropped to fit the budget: never written again. */
  floor: number;
}

/**
 * Changes are written once the tab's traffic has paused this long, or
 * MAX_WRITE_DELAY_MS after the first of them at the latest. Writing (gzip,
 * base64, and the browser copying it into the storage area) cost a page
 * recorded while it loads more than everything else the worker does, and
 * much of what a page load changes, a navigation clears before it would be
 * written. Chromium stops an idle worker only after 30 s without events, so
 * an idle stop loses nothing; a forced one loses what was not written, and
 * the next worker shows that as a gap (see unsavedSince).
 */
export const WRITE_DELAY_MS = 1_000;
export const MAX_WRITE_DELAY_MS = 10_000;

export function createSessionStore(
  storage: StorageArea,
  sessions: () => TabSessions,
  schedule: Schedule,
  delayMs = WRITE_DELAY_MS,
  now: () => number = () => Date.now(),
  maxDelayMs = MAX_WRITE_DELAY_MS,
): SessionStore {
  const dirty = new Set<number>();
  const written = new Map<number, WrittenTab>();
  let cacheRevision = -1;
  let cancel: (() => void) | null = null;
  let writing: Promise<void> = Promise.resolve();
  // Said at once, before any write (a small one): a worker stopped before
  // the write loses these changes, and the next one will know since when.
  let unsavedSince: number | null = null;
  let lastChange = 0;
  let savedAt = 0;

  // One timer, moved on only when it fires: a flood of events does not set one each.
  const due = (): void => {
    const at = now();
    const quietFor = at - lastChange;
    const waited = at - (unsavedSince ?? at);
    if (quietFor < delayMs && waited < maxDelayMs) {
      cancel = schedule(due, Math.min(delayMs - quietFor, maxDelayMs - waited));
      return;
    }
    writing = writing.then(write, write);
  };

  const write = async (): Promise<void> => {
    cancel = null;
    savedAt = now();
    unsavedSince = null;
    const tabs = [...dirty];
    dirty.clear();
    const current = sessions();
    const items: Record<string, unknown> = {};
    const removed: string[] = [];
    if (current.cache.revision !== cacheRevision) {
      items[CACHE_KEY] = current.cache.snapshot();
      cacheRevision = current.cache.revision;
    }
    const budget = Math.floor(STORAGE_BUDGET_CHARACTERS / Math.max(1, current.tabIds().length));
    for (const tabId of tabs) {
      const changes = current.takeChanges(tabId);
      const tab = written.get(tabId) ?? { chunks: new Map<number, number>(), floor: 0 };
      if (!changes) {
        removed.push(tabStorageKey(tabId), ...[...tab.chunks.keys()].map((chunk) => chunkKey(tabId, chunk)));
        written.delete(tabId);
        continue;
      }
      const { state, changed } = changes;
      tab.floor = Math.max(tab.floor, chunkOf(state.firstSeq));
      for (const chunk of [...tab.chunks.keys()]) {
        if (chunk >= tab.floor) continue;
        tab.chunks.delete(chunk);
        removed.push(chunkKey(tabId, chunk));
      }
      for (const chunk of new Set(changed.map(chunkOf))) {
        if (chunk < tab.floor) continue;
        const encoded = await encodeChunk(current.between(tabId, chunk * CHUNK_SIZE + 1, (chunk + 1) * CHUNK_SIZE));
        items[chunkKey(tabId, chunk)] = encoded;
        tab.chunks.set(chunk, encoded.length);
      }
      // The newest transactions that fit: a flood can outgrow the storage
      // area, and then the oldest stay in memory only (gone after a restart).
      const chunksSize = [...tab.chunks.values()].reduce((sum, size) => sum + size, 0);
      // The state (its open requests' events) is measured only when it could matter.
      const stateSize = chunksSize > budget / 2 ? JSON.stringify(state).length : 0;
      let total = stateSize + chunksSize;
      for (const chunk of [...tab.chunks.keys()].sort((a, b) => a - b)) {
        if (total <= budget || tab.chunks.size <= 1) break;
        total -= tab.chunks.get(chunk) ?? 0;
        tab.chunks.delete(chunk);
        delete items[chunkKey(tabId, chunk)];
        removed.push(chunkKey(tabId, chunk));
        tab.floor = chunk + 1;
      }
      let firstSeq = Math.max(state.firstSeq, tab.floor * CHUNK_SIZE + 1);
      const [last] = tab.chunks.keys();
      if (total > budget && last !== undefined) {
        // One chunk of huge transactions: its newest ones that fit.
        const newest = await newestWithin(current.between(tabId, last * CHUNK_SIZE + 1, (last + 1) * CHUNK_SIZE), budget - stateSize);
        items[chunkKey(tabId, last)] = newest.encoded;
        tab.chunks.set(last, newest.encoded.length);
        firstSeq = Math.max(firstSeq, newest.list[0]?.seq ?? state.seq + 1);
      }
      items[tabStorageKey(tabId)] = { ...state, firstSeq } satisfies PersistedTabState;
      written.set(tabId, tab);
    }
    if (removed.length > 0) await storage.remove(removed);
    // Changes made while this write was under way are not all in it: their own mark stands.
    await storage.set({ ...items, [SAVED_AT_KEY]: savedAt, [UNSAVED_SINCE_KEY]: unsavedSince });
  };

  return {
    async load(cacheOptions = {}) {
      const stored = await storage.get(null);
      const states = new Map<number, PersistedTabState>();
      const chunks = new Map<number, Map<number, { list: SequencedTransactionDto[]; size: number }>>();
      const stale: string[] = [];
      for (const [key, value] of Object.entries(stored)) {
        const tab = TAB_KEY.exec(key);
        const chunk = CHUNK_KEY.exec(key);
        if (tab) states.set(Number(tab[1]), value as PersistedTabState);
        else if (chunk) {
          const byChunk = chunks.get(Number(chunk[1])) ?? new Map<number, { list: SequencedTransactionDto[]; size: number }>();
          let list: SequencedTransactionDto[];
          try {
            list = await decodeChunk(value);
          } catch {
            // A chunk this worker cannot read is dropped, not allowed to stop the rest loading.
            stale.push(key);
            continue;
          }
          byChunk.set(Number(chunk[2]), { list, size: (value as string).length });
          chunks.set(Number(chunk[1]), byChunk);
        } else if (key.startsWith('cors-lens/') && !key.startsWith(PREFIX)) stale.push(key);
      }
      if (stale.length > 0) await storage.remove(stale);
      const tabs = [...states].map(([tabId, state]): PersistedTab => {
        const byChunk = chunks.get(tabId) ?? new Map<number, { list: SequencedTransactionDto[]; size: number }>();
        written.set(tabId, { chunks: new Map([...byChunk].map(([chunk, { size }]) => [chunk, size])), floor: chunkOf(state.firstSeq) });
        const transactions = [...byChunk]
          .sort(([a], [b]) => a - b)
          .flatMap(([, { list }]) => list)
          .filter((item) => item.seq >= state.firstSeq);
        return { ...state, transactions };
      });
      const snapshot = stored[CACHE_KEY] as PreflightCacheSnapshot | undefined;
      const confirming = stored[CONFIRMING_KEY];
      return {
        cache: snapshot ? PreflightCache.restore(snapshot, cacheOptions) : null,
        tabs,
        confirming: Array.isArray(confirming) ? confirming.filter((tabId): tabId is number => Number.isInteger(tabId)) : [],
        savedAt: finiteOrNull(stored[SAVED_AT_KEY]),
        unsavedSince: finiteOrNull(stored[UNSAVED_SINCE_KEY]),
      };
    },
    changed(tabId) {
      dirty.add(tabId);
      if (unsavedSince === null) {
        unsavedSince = now();
        void storage.set({ [UNSAVED_SINCE_KEY]: unsavedSince }).catch(() => undefined);
      }
      lastChange = now();
      if (!cancel) cancel = schedule(due, delayMs);
    },
    async flush() {
      cancel?.();
      if (dirty.size > 0) writing = writing.then(write, write);
      await writing;
      return savedAt;
    },
    async saveConfirming(tabIds) {
      await storage.set({ [CONFIRMING_KEY]: [...tabIds] });
    },
  };
}

function finiteOrNull(value: unknown): number | null {
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}

async function newestWithin(list: readonly SequencedTransactionDto[], budget: number): Promise<{ list: SequencedTransactionDto[]; encoded: string }> {
  let kept = [...list];
  let encoded = await encodeChunk(kept);
  while (encoded.length > budget && kept.length > 0) {
    kept = kept.slice(kept.length - Math.floor(kept.length / 2));
    encoded = await encodeChunk(kept);
  }
  return { list: kept, encoded };
}
