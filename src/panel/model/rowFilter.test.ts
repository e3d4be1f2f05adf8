import { describe, expect, it } from 'vitest';
import { TabSessions } from '../../core/session/tabSessions.ts';
import { allowedBlockedAndPreflighted } from '../../core/session/testEvents.ts';
import { transactionRow } from '../../core/session/transactionRow.ts';
import { isEmptyFilter, matchesFilter, NO_FILTER, withTargetOrigins } from './rowFilter.ts';

function rows() {
  const sessions = new TabSessions();
  for (const event of allowedBlockedAndPreflighted()) sessions.push(1, event);
  return sessions.since(1).map(transactionRow);
}

describe('matchesFilter', () => {
  it('filters by blocked, preflighted, URL text (any case) and target origin', () => {
    const all = rows();
    const seqs = (filter: typeof NO_FILTER) => all.filter((row) => matchesFilter(row, filter)).map((row) => row.method + row.path);
    expect(seqs({ ...NO_FILTER, blockedOnly: true })).toEqual(['GET/items/blocked']);
    expect(seqs({ ...NO_FILTER, preflightedOnly: true })).toEqual(['PUT/items']);
    expect(seqs({ ...NO_FILTER, text: 'BLOCKED' })).toEqual(['GET/items/blocked']);
    expect(seqs({ ...NO_FILTER, targetOrigin: 'http://elsewhere.test' })).toEqual([]);
    expect(seqs(NO_FILTER)).toHaveLength(3);
  });

  it('knows a filter that lets every row through', () => {
    expect(isEmptyFilter(NO_FILTER)).toBe(true);
    expect(isEmptyFilter({ ...NO_FILTER, text: 'x' })).toBe(false);
    expect(isEmptyFilter({ ...NO_FILTER, blockedOnly: true })).toBe(false);
    expect(isEmptyFilter({ ...NO_FILTER, preflightedOnly: true })).toBe(false);
    expect(isEmptyFilter({ ...NO_FILTER, targetOrigin: 'http://api.test' })).toBe(false);
  });

  it('adds the target origins rows bring, each once, sorted; the same array when they bring none', () => {
    const all = rows();
    const known = withTargetOrigins([], all);
    expect(known).toEqual(['http://api.test']);
    expect(withTargetOrigins(known, all)).toBe(known);
    expect(withTargetOrigins(known, [{ ...all[0]!, targetOrigin: 'http://a.test' }])).toEqual(['http://a.test', 'http://api.test']);
  });
});
