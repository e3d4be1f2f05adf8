import { describe, expect, it } from 'vitest';
import type { Schedule } from '../core/messaging/bridge.ts';
import { createSessionStore, STORAGE_BUDGET_CHARACTERS, type StorageArea } from './sessionStore.ts';
import { TabSessions } from './tabSessions.ts';
import { preflightedPut, simpleGet } from './testEvents.ts';

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

describe('createSessionStore', () => {
  it('writes changes in one batch, and a new worker reads them back (restart mid-negotiation)', async () => {
    const area = memoryArea();
    let sessions = new TabSessions();
    const store = createSessionStore(area, () => sessions, never);
    sessions = new TabSessions({ onChanged: (tabId) => store.changed(tabId) });
    const put = preflightedPut('put', 'options', 0);
    for (const event of [...simpleGet('done', -100), ...put.before]) sessions.push(1, event);
    await store.flush();
    expect(area.writes).toBe(1);

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
    let sessions = new TabSessions();
    const store = createSessionStore(area, () => sessions, never);
    sessions = new TabSessions({ onChanged: (tabId) => store.changed(tabId) });
    for (const event of simpleGet('a', 0)) sessions.push(1, event);
    await store.flush();
    sessions.remove(1);
    await store.flush();
    expect(Object.keys(area.data).filter((key) => key.includes('/tab/'))).toEqual([]);
  });

  it('keeps the newest transactions that fit the storage budget', async () => {
    const area = memoryArea();
    let sessions = new TabSessions();
    const store = createSessionStore(area, () => sessions, never);
    sessions = new TabSessions({ onChanged: (tabId) => store.changed(tabId), limits: { maxValueLength: 100_000 } });
    for (let index = 0; index < 200; index++) {
      const events = simpleGet(`r${index}`, index * 10);
      events[2] = { type: 'response', id: `r${index}`, time: index * 10 + 2, status: 200, headers: [{ name: 'X-Pad', value: 'p'.repeat(60_000) }] };
      for (const event of events) sessions.push(1, event);
    }
    await store.flush();
    const saved = JSON.stringify(area.data);
    expect(saved.length).toBeLessThanOrEqual(STORAGE_BUDGET_CHARACTERS + 100_000);
    expect(saved).toContain('"r199"');
  });

  it('keeps the tabs with "Confirm with Chromium" on, and reads back only tab ids', async () => {
    const area = memoryArea();
    const store = createSessionStore(area, () => new TabSessions(), never);
    expect((await store.load()).confirming).toEqual([]);
    await store.saveConfirming([3, 9]);
    expect((await store.load()).confirming).toEqual([3, 9]);
    area.data['cors-lens/1/confirming'] = [4, 'x', 2.5, null];
    expect((await store.load()).confirming).toEqual([4]);
  });
});

