import { describe, expect, it } from 'vitest';
import type { SequencedTransaction, SessionSummary } from '../../core/protocol.ts';
import { TabSessions } from '../../core/session/tabSessions.ts';
import { simpleGet } from '../../core/session/testEvents.ts';
import { EMPTY_LOG, MAX_PANEL_ROWS, reduceLog } from './transactionLog.ts';

function captured(count: number): { items: SequencedTransaction[]; session: SessionSummary } {
  const sessions = new TabSessions();
  for (let index = 0; index < count; index++) for (const event of simpleGet(`r${index}`, index * 10)) sessions.push(1, event);
  return { items: sessions.since(1), session: sessions.summary(1) };
}

describe('reduceLog', () => {
  it('keeps events that arrived while the full read was under way, each seq once', () => {
    const { items, session } = captured(5);
    const early = reduceLog(EMPTY_LOG, { type: 'added', items: items.slice(3), session });
    const loaded = reduceLog(early, { type: 'loaded', page: { session, items: items.slice(0, 4), more: false } });
    expect(loaded.items.map((item) => item.seq)).toEqual([1, 2, 3, 4, 5]);
    const again = reduceLog(loaded, { type: 'added', items: items.slice(4), session });
    expect(again.items.map((item) => item.seq)).toEqual([1, 2, 3, 4, 5]);
  });

  it('after a worker restart, the full read replaces what the stopped worker sent (it may have lost some, and numbers them again)', () => {
    const { items, session } = captured(5);
    const shown = reduceLog(EMPTY_LOG, { type: 'loaded', page: { session, items, more: false } });
    const reconnected = reduceLog(shown, { type: 'reconnected' });
    // The new worker restored 3 of them; its next transaction, 4 again, came during the read.
    const renumbered = { ...(items[0] as SequencedTransaction), seq: 4 };
    const during = reduceLog(reconnected, { type: 'added', items: [renumbered], session });
    const reloaded = reduceLog(during, { type: 'loaded', page: { session, items: items.slice(0, 3), more: false } });
    expect(reloaded.items.map((item) => item.seq)).toEqual([1, 2, 3, 4]);
    expect(reduceLog(reloaded, { type: 'added', items: [renumbered], session }).items.map((item) => item.seq)).toEqual([1, 2, 3, 4]);
  });

  it('records a confirmation on its transaction, and empties on clear', () => {
    const { items, session } = captured(2);
    const log = reduceLog(EMPTY_LOG, { type: 'loaded', page: { session, items, more: false } });
    const confirmation = { status: 'confirmed' as const, chromium: null, differences: [] };
    const confirmed = reduceLog(log, { type: 'confirmed', items: [{ seq: 2, confirmation }] });
    expect(confirmed.items.map((item) => item.confirmation)).toEqual([undefined, confirmation]);
    expect(reduceLog(confirmed, { type: 'cleared', session }).items).toEqual([]);
  });

  it('shows preserve log as asked at once, then as the worker says', () => {
    const { items, session } = captured(1);
    const log = reduceLog(EMPTY_LOG, { type: 'loaded', page: { session, items, more: false } });
    const asked = reduceLog(log, { type: 'preserve-log-requested', preserveLog: true });
    expect(asked.session?.preserveLog).toBe(true);
    expect(asked.items).toBe(log.items);
    expect(reduceLog(asked, { type: 'session', session: { ...session, preserveLog: false } }).session?.preserveLog).toBe(false);
  });

  it('keeps a failure to read until the next full read, and the rows it had', () => {
    const { items, session } = captured(2);
    const log = reduceLog(EMPTY_LOG, { type: 'added', items, session });
    const failed = reduceLog(log, { type: 'failed', problem: { kind: 'protocol-mismatch' } });
    expect(failed.problem).toEqual({ kind: 'protocol-mismatch' });
    expect(failed.items).toBe(log.items);
    expect(reduceLog(failed, { type: 'added', items, session }).problem).toEqual({ kind: 'protocol-mismatch' });
    expect(reduceLog(failed, { type: 'loaded', page: { session, items, more: false } }).problem).toBeNull();
  });

  it('stays within its row bound, counting what it dropped', () => {
    const { items, session } = captured(3);
    const many = Array.from({ length: MAX_PANEL_ROWS + 10 }, (_, index) => ({ ...(items[0] as SequencedTransaction), seq: index + 1 }));
    const log = reduceLog(EMPTY_LOG, { type: 'added', items: many, session });
    expect(log.items).toHaveLength(MAX_PANEL_ROWS);
    expect(log.items[0]?.seq).toBe(11);
    expect(log.dropped).toBe(10);
  });
});
