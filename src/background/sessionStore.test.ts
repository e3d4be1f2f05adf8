import { describe, expect, it, vi } from 'vitest';
import type { Schedule } from '../core/messaging/bridge.ts';
import { createSessionStore, STORAGE_BUDGET_CHARACTERS, tabStorageKey, type StorageArea } from './sessionStore.ts';
import { TabSessions } from '../core/session/tabSessions.ts';
import type { TabSessionsOptions } from '../core/session/tabSessionsOptions.ts';
import { fromSequencedDto } from '../core/session/transactionDto.ts';
import { manualTimers } from './testRecording.ts';
import { preflightedPut, simpleGet } from '../core/session/testEvents.ts';

function memoryArea(): StorageArea & { data: Record<string, unknown>; writes: number } {
  const area = {
    data: {} as Record<string, unknown>,
    writes: 0,
    async get() {
      return JSON.parse(JSON.stringify(area.data)) as Record<string, unknown>;
    },
    async set(items: Record<string, unknown>) {
      area.writes++;
      Object.assign(area.data, JSON.parse(JSON.stringify(items)));
    },
    async remove(keys: string | string[]) {
      for (const key of [keys].flat()) delete area.data[key];
    },
  };
  return area;
}

const never: Schedule = () => () => undefined;

/** A store over `area` and the sessions it saves, wired as the worker wires them: every change is noted. */
function storedSessions(area: StorageArea, options: Omit<TabSessionsOptions, 'onChanged'> = {}) {
  let sessions = new TabSessions();
  const store = createSessionStore(area, () => sessions, never);
  sessions = new TabSessions({ ...options, onChanged: (tabId) => store.changed(tabId) });
  return { store, sessions };
}

describe('createSessionStore', () => {
  it('writes changes in one batch, and a new worker reads them back (restart mid-negotiation)', async () => {
    const area = memoryArea();
    const { store, sessions } = storedSessions(area);
    const put = preflightedPut('put', 'options', 0);
    for (const event of [...simpleGet('done', -100), ...put.before]) sessions.push(1, event);
    await store.flush();
    // A small mark at the first change (what a stop would lose, from when), then one batch.
    expect(area.writes).toBe(2);

    const loaded = await createSessionStore(area, () => sessions, never).load();
    const restarted = new TabSessions({ ...(loaded.cache ? { cache: loaded.cache } : {}) });
    for (const tab of loaded.tabs) restarted.restore(tab);
    for (const event of put.after) restarted.push(1, event);
    expect(restarted.since(1).map((item) => [item.transaction.id, item.transaction.verdict.preflight])).toEqual([
      ['done', 'not-needed'],
      ['put', 'sent'],
    ]);
    expect(loaded.cache).not.toBeNull();
  });

  it('removes a closed tab from storage', async () => {
    const area = memoryArea();
    const { store, sessions } = storedSessions(area);
    for (const event of simpleGet('a', 0)) sessions.push(1, event);
    await store.flush();
    sessions.remove(1);
    await store.flush();
    expect(Object.keys(area.data).filter((key) => key.includes('/tab/'))).toEqual([]);
  });

  it('keeps the newest transactions that fit the storage budget', async () => {
    const area = memoryArea();
    const { store, sessions } = storedSessions(area, { limits: { maxValueLength: 100_000 } });
    // Values gzip cannot shrink: pseudo-random letters.
    let state = 1;
    const noise = (length: number): string =>
      Array.from({ length }, () => ((state = (state * 48271) % 2147483647), String.fromCharCode(97 + (state % 26)))).join('');
    for (let index = 0; index < 200; index++) {
      const events = simpleGet(`r${index}`, index * 10);
      events[2] = { type: 'response', id: `r${index}`, time: index * 10 + 2, status: 200, headers: [{ name: 'X-Pad', value: noise(60_000) }] };
      for (const event of events) sessions.push(1, event);
    }
    await store.flush();
    expect(JSON.stringify(area.data).length).toBeLessThanOrEqual(STORAGE_BUDGET_CHARACTERS + 100_000);
    const [tab] = (await createSessionStore(area, () => new TabSessions(), never).load()).tabs;
    const kept = tab?.transactions.map((item) => item.transaction.id) ?? [];
    expect(kept.at(-1)).toBe('r199');
    expect(kept.length).toBeGreaterThan(50);
    expect(kept.length).toBeLessThan(200);
    expect(tab?.firstSeq).toBe(tab?.transactions[0]?.seq);
    // Gzipping 12 MB of noise takes seconds on a busy 2-core machine: more than Vitest's default 5 s guard against hangs.
  }, 60_000);

  it('keeps the tabs with "Confirm with Chromium" on, and reads back only tab ids', async () => {
    const area = memoryArea();
    const store = createSessionStore(area, () => new TabSessions(), never);
    expect((await store.load()).confirming).toEqual([]);
    await store.saveConfirming([3, 9]);
    expect((await store.load()).confirming).toEqual([3, 9]);
    area.data['cors-lens/6/confirming'] = [4, 'x', 2.5, null];
    expect((await store.load()).confirming).toEqual([4]);
  });

  it('writes only what changed: the tab state and the chunk of the new transaction, never the whole tab', async () => {
    const area = memoryArea();
    const keysSet: string[][] = [];
    const recording: StorageArea = { ...area, set: async (items) => (keysSet.push(Object.keys(items)), area.set(items)) };
    const { store, sessions } = storedSessions(recording);
    for (let index = 0; index < 1_000; index++) for (const event of simpleGet(`r${index}`, index * 10)) sessions.push(1, event);
    await store.flush();
    for (const event of simpleGet('one-more', 20_000)) sessions.push(1, event);
    await store.flush();
    expect(keysSet.at(-1)?.sort()).toEqual(['cors-lens/6/savedAt', tabStorageKey(1), `${tabStorageKey(1)}/10`, 'cors-lens/6/unsavedSince']);
  });

  it('writes once the traffic pauses, or ten seconds after the first change at the latest, never once per event', async () => {
    const area = memoryArea();
    const timers = manualTimers();
    let clock = 0;
    let sessions = new TabSessions();
    const store = createSessionStore(
      area,
      () => sessions,
      timers.schedule,
      1000,
      () => clock,
      10_000,
    );
    sessions = new TabSessions({ onChanged: (tabId) => store.changed(tabId) });
    const batches = () => Object.keys(area.data).filter((key) => key.endsWith('/savedAt')).length;
    // A request every 200 ms for 12 s: no pause, so one write at 10 s.
    for (let index = 0; index < 60; index++) {
      for (const event of simpleGet(`r${index}`, clock)) sessions.push(1, event);
      clock += 200;
      timers.advance(200);
      await new Promise((settle) => setTimeout(settle, 0));
      if (clock < 10_000) expect(batches()).toBe(0);
    }
    await vi.waitFor(() => expect(batches()).toBe(1));
    expect((await createSessionStore(area, () => sessions, never).load()).savedAt).toBe(10_000);
    // Then a pause of one second: what came after is written.
    clock += 1000;
    timers.advance(1000);
    await vi.waitFor(async () => expect((await createSessionStore(area, () => sessions, never).load()).tabs[0]?.seq).toBe(60));
  });

  it('says since when changes were not written: a worker stopped then lost them, and the next one shows the gap from there', async () => {
    const area = memoryArea();
    let clock = 1_000;
    let sessions = new TabSessions();
    const store = createSessionStore(
      area,
      () => sessions,
      never,
      1000,
      () => clock,
    );
    sessions = new TabSessions({ onChanged: (tabId) => store.changed(tabId) });
    for (const event of simpleGet('a', 0)) sessions.push(1, event);
    clock = 2_000;
    await store.flush();
    clock = 3_000;
    for (const event of simpleGet('b', 10)) sessions.push(1, event);
    clock = 3_500;
    for (const event of simpleGet('c', 20)) sessions.push(1, event);
    // Stopped here: the last write began at 2,000, and what came from 3,000 on was not written.
    await new Promise((settle) => setTimeout(settle, 0));
    const stopped = await createSessionStore(area, () => sessions, never).load();
    expect([stopped.savedAt, stopped.unsavedSince]).toEqual([2_000, 3_000]);
    expect(stopped.tabs[0]?.seq).toBe(1);
    clock = 4_000;
    await store.flush();
    const written = await createSessionStore(area, () => sessions, never).load();
    expect([written.savedAt, written.unsavedSince]).toEqual([4_000, null]);
  });

  it('drops the chunks the ring no longer holds, and reads back exactly the ring', async () => {
    const area = memoryArea();
    const { store, sessions } = storedSessions(area, { limits: { maxTransactions: 100 } });
    for (let index = 0; index < 350; index++) {
      for (const event of simpleGet(`r${index}`, index * 10)) sessions.push(1, event);
      if (index % 40 === 0) await store.flush();
    }
    await store.flush();
    const chunks = Object.keys(area.data).filter((key) => key.startsWith(`${tabStorageKey(1)}/`));
    expect(chunks.length).toBeLessThanOrEqual(3);
    const [tab] = (await createSessionStore(area, () => new TabSessions(), never).load()).tabs;
    expect(tab?.transactions.map((item) => item.seq)).toEqual(sessions.since(1).map((item) => item.seq));
  });

  it('rewrites the chunk of a transaction Chromium confirmed, so a restarted worker still has the confirmation', async () => {
    const area = memoryArea();
    const { store, sessions } = storedSessions(area);
    for (const event of simpleGet('a', 0)) sessions.push(1, event);
    await store.flush();
    const confirmation = {
      status: 'confirmed' as const,
      chromium: { corsError: null, failedParameter: null, preflightSent: false, networkError: null },
      differences: [],
    };
    sessions.confirm(1, 1, confirmation);
    await store.flush();
    const [tab] = (await createSessionStore(area, () => new TabSessions(), never).load()).tabs;
    expect(tab?.transactions[0]?.confirmation).toEqual(confirmation);
  });

  it('stores chunks compressed, a fraction of their JSON, and reads them back equal (one header list, whole again in one object)', async () => {
    const area = memoryArea();
    const { store, sessions } = storedSessions(area);
    for (let index = 0; index < 1_000; index++) {
      const events = simpleGet(`r${index}`, index * 10, `http://api.test/items/${index}`);
      events[1] = {
        type: 'sent',
        id: `r${index}`,
        time: index * 10 + 1,
        headers: [
          { name: 'Origin', value: 'http://app.test' },
          { name: 'User-Agent', value: 'Mozilla/5.0 '.repeat(10) },
        ],
      };
      for (const event of events) sessions.push(1, event);
    }
    await store.flush();
    const stored = Object.entries(area.data).filter(([key]) => key.startsWith(`${tabStorageKey(1)}/`));
    expect(stored).toHaveLength(10);
    const storedLength = stored.reduce((sum, [, value]) => sum + JSON.stringify(value).length, 0);
    expect(storedLength).toBeLessThan(JSON.stringify(sessions.since(1)).length / 10);
    const [tab] = (await createSessionStore(area, () => new TabSessions(), never).load()).tabs;
    expect(tab?.transactions).toEqual(sessions.since(1));
    const first = tab?.transactions[0];
    expect(first?.transaction.verdict.hops[0]?.headers).toEqual({ sameAs: 'request' });
    const whole = first && fromSequencedDto(first).transaction;
    expect(whole?.verdict.hops[0]?.headers).toBe(whole?.request.headers);
  });

  it('drops a chunk it cannot read and loads the rest', async () => {
    const area = memoryArea();
    const { store, sessions } = storedSessions(area);
    for (let index = 0; index < 150; index++) for (const event of simpleGet(`r${index}`, index * 10)) sessions.push(1, event);
    await store.flush();
    area.data[`${tabStorageKey(1)}/0`] = 'not a gzipped chunk';
    const [tab] = (await createSessionStore(area, () => new TabSessions(), never).load()).tabs;
    expect(tab?.transactions.map((item) => item.seq)).toEqual(sessions.since(1, 100).map((item) => item.seq));
    expect(area.data[`${tabStorageKey(1)}/0`]).toBeUndefined();
  });

  it('removes the keys of an older layout unread', async () => {
    const area = memoryArea();
    area.data['cors-lens/1/tab/1'] = { version: 1, transactions: [] };
    area.data['cors-lens/2/tab/1/0'] = [];
    area.data['someone-else'] = 1;
    const loaded = await createSessionStore(area, () => new TabSessions(), never).load();
    expect(loaded.tabs).toEqual([]);
    expect(Object.keys(area.data)).toEqual(['someone-else']);
  });
});
