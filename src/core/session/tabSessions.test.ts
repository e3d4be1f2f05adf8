import { describe, expect, it } from 'vitest';
import type { PersistedTab } from './persistedTab.ts';
import { TabSessions } from './tabSessions.ts';
import { API, preflightedPut, simpleGet } from './testEvents.ts';
import { limitValues, truncationMarker } from './valueBudget.ts';
import { corsErrorOf } from '../cors/verdictFacts.ts';

describe('TabSessions', () => {
  it("judges each tab's requests and numbers them", () => {
    const sessions = new TabSessions();
    for (const event of simpleGet('a', 0)) sessions.push(1, event);
    for (const event of simpleGet('b', 10)) sessions.push(2, event);
    expect(sessions.since(1).map((item) => [item.seq, item.transaction.id])).toEqual([[1, 'a']]);
    expect(sessions.since(2).map((item) => item.transaction.verdict.outcome)).toEqual(['allowed']);
  });

  it('shares one preflight cache model between tabs, as Chromium shares its cache', () => {
    const sessions = new TabSessions();
    const first = preflightedPut('p', 'o', 0);
    for (const event of [...first.before, ...first.after]) sessions.push(1, event);
    const second = preflightedPut('q', 'unused', 100);
    // Tab 2 makes the same request; no preflight goes out.
    for (const event of [second.before[0], ...second.after.slice(2)]) if (event) sessions.push(2, event);
    expect(sessions.since(2)[0]?.transaction.verdict.preflight).toBe('cache-hit');
  });

  it('keeps the newest transactions and counts the evicted ones', () => {
    const sessions = new TabSessions({ limits: { maxTransactions: 100 } });
    for (let index = 0; index < 250; index++) for (const event of simpleGet(`r${index}`, index * 10)) sessions.push(1, event);
    const kept = sessions.since(1);
    expect(kept.length).toBeLessThanOrEqual(110);
    expect(kept.at(-1)?.transaction.id).toBe('r249');
    expect(sessions.summary(1).evicted + kept.length).toBe(250);
  });

  it('keeps within its character budget when every response is large: the oldest go, counted', () => {
    const sessions = new TabSessions({ limits: { maxValueLength: 8192, maxTabCharacters: 200_000 } });
    for (let index = 0; index < 100; index++) {
      const events = simpleGet(`r${index}`, index * 10);
      events[2] = {
        type: 'response',
        id: `r${index}`,
        time: index * 10 + 2,
        status: 200,
        headers: [
          { name: 'Access-Control-Allow-Origin', value: 'http://app.test' },
          { name: 'X-Pad', value: 'p'.repeat(8_000) },
        ],
      };
      for (const event of events) sessions.push(1, event);
    }
    const kept = sessions.since(1);
    // As memory holds them: each 8 KB value once, although a transaction's JSON may write it more than once.
    expect(kept.reduce((sum, item) => sum + limitValues(item, Number.MAX_SAFE_INTEGER).characters, 0)).toBeLessThanOrEqual(200_000 * 1.1);
    expect(kept.length).toBeGreaterThan(10);
    expect(kept.at(-1)?.transaction.id).toBe('r99');
    expect(sessions.summary(1).evicted + kept.length).toBe(100);
  });

  it('cuts an oversized header value with a marker, and counts it', () => {
    const sessions = new TabSessions({ limits: { maxValueLength: 1000 } });
    const events = simpleGet('big', 0);
    const huge = 'x'.repeat(100_000);
    events[2] = { type: 'response', id: 'big', time: 2, status: 200, headers: [{ name: 'Access-Control-Allow-Origin', value: huge }] };
    for (const event of events) sessions.push(1, event);
    const [item] = sessions.since(1);
    expect(corsErrorOf(item!.transaction.verdict)).toBe('InvalidAllowOriginValue');
    expect(item?.transaction.hops[0]?.response?.headers[0]?.value).toBe('x'.repeat(1000) + truncationMarker(100_000));
    expect(sessions.summary(1).truncatedValues).toBeGreaterThan(0);
  });

  it('starts a new log on navigation, unless the log is preserved', () => {
    const sessions = new TabSessions();
    for (const event of simpleGet('a', 0)) sessions.push(1, event);
    sessions.navigated(1, 'http://app.test/next');
    expect(sessions.since(1)).toEqual([]);
    sessions.setPreserveLog(1, true);
    for (const event of simpleGet('b', 10)) sessions.push(1, event);
    sessions.navigated(1, 'http://app.test/again');
    expect(sessions.since(1).map((item) => item.transaction.id)).toEqual(['b']);
    expect(sessions.summary(1).pageUrl).toBe('http://app.test/again');
  });

  it('gives the transactions after a seq, for clients catching up', () => {
    const sessions = new TabSessions();
    for (const id of ['a', 'b', 'c']) for (const event of simpleGet(id, id.charCodeAt(0))) sessions.push(1, event);
    expect(sessions.since(1, 1).map((item) => item.transaction.id)).toEqual(['b', 'c']);
  });

  it('survives a restart between the preflight and the request: persisted, restored, then completed', () => {
    const before = new TabSessions();
    const put = preflightedPut('put', 'options', 0);
    for (const event of simpleGet('done', -100)) before.push(1, event);
    for (const event of put.before) before.push(1, event);
    const saved = JSON.parse(JSON.stringify(before.persistedTab(1))) as PersistedTab;

    const after = new TabSessions({ cache: before.cache });
    after.restore(saved);
    for (const event of put.after) after.push(1, event);
    const items = after.since(1);
    expect(items.map((item) => item.transaction.id)).toEqual(['done', 'put']);
    expect(items[1]?.transaction.hops[0]?.preflight?.id).toBe('options');
    expect(items[1]?.seq).toBe(2);
  });

  it('drops a closed tab', () => {
    const sessions = new TabSessions();
    for (const event of simpleGet('a', 0, API)) sessions.push(1, event);
    sessions.remove(1);
    expect(sessions.has(1)).toBe(false);
  });

  it("records Chromium's confirmation on the transaction it is about, and tells; one no longer kept is dropped", () => {
    const told: number[] = [];
    const sessions = new TabSessions({ limits: { maxTransactions: 10 }, onConfirmed: (_, seq) => told.push(seq) });
    for (let index = 0; index < 30; index++) for (const event of simpleGet(`r${index}`, index * 10)) sessions.push(1, event);
    const confirmation = {
      status: 'confirmed' as const,
      chromium: { corsError: null, failedParameter: null, preflightSent: false, networkError: null },
      differences: [],
    };
    const newest = sessions.since(1).at(-1)!;
    expect(sessions.confirm(1, newest.seq, confirmation)).toBe(true);
    expect(sessions.since(1).at(-1)).toEqual({ ...newest, confirmation });
    expect(sessions.confirm(1, 1, confirmation)).toBe(false);
    expect(sessions.confirm(2, newest.seq, confirmation)).toBe(false);
    expect(told).toEqual([newest.seq]);
  });

  it('knows when recording of a tab began and where it missed requests; a clear hides the gaps before it, a restart keeps them', () => {
    const told: number[] = [];
    const sessions = new TabSessions({ onSession: (_tabId, session) => told.push(session.gaps.length) });
    expect(sessions.startRecording(1, 500).recordingSince).toBe(500);
    expect(sessions.startRecording(1, 900).recordingSince).toBe(500);
    for (const event of simpleGet('a', 1000)) sessions.push(1, event);
    sessions.addGap(1, { from: 2000, to: 2100, afterSeq: 1 });
    sessions.reviseGap(1, 2100, 1900);
    expect(sessions.summary(1).gaps).toEqual([{ from: 1900, to: 2100, afterSeq: 1 }]);
    expect(told).toEqual([1, 1]);
    const restored = new TabSessions();
    restored.restore(sessions.persistedTab(1)!);
    expect(restored.summary(1)).toMatchObject({ recordingSince: 500, gaps: [{ from: 1900, to: 2100, afterSeq: 1 }] });
    sessions.clear(1, 'user');
    expect(sessions.summary(1).gaps).toEqual([]);
  });

  it('judges with what the recording missed: a needed preflight nobody saw names when recording of the tab began', () => {
    const sessions = new TabSessions({ allTabsRecorded: () => false });
    sessions.startRecording(1, 0);
    const put = preflightedPut('p', 'o', 42_000);
    // The preflight was not seen: only the PUT's own events.
    for (const event of [...put.before.slice(0, 1), ...put.after.slice(2)]) sessions.push(1, event);
    const [note] = sessions.since(1)[0]?.transaction.verdict.notes ?? [];
    expect(note).toMatchObject({ kind: 'preflight-not-seen', unrecorded: { since: 0, stretches: [{ from: null, to: 0 }], otherTabsRecorded: false } });
  });
});
