import { describe, expect, it } from 'vitest';
import type { SessionSummary } from '../../core/protocol.ts';
import { TabSessions } from '../../core/session/tabSessions.ts';
import { simpleGet } from '../../core/session/testEvents.ts';
import { transactionRow, type TransactionRow } from '../../core/session/transactionRow.ts';
import { EMPTY_LOG, MAX_PANEL_ROWS, reduceLog } from './transactionLog.ts';

function captured(count: number): { items: TransactionRow[]; session: SessionSummary } {
  const sessions = new TabSessions();
  for (let index = 0; index < count; index++) for (const event of simpleGet(`r${index}`, index * 10)) sessions.push(1, event);
  return { items: sessions.since(1).map(transactionRow), session: sessions.summary(1) };
}

describe('reduceLog', () => {
  it('keeps events that arrived while the full read was under way, each seq once', () => {
    const { items, session } = captured(5);
    const early = reduceLog(EMPTY_LOG, { type: 'added', rows: items.slice(3), session });
    const loaded = reduceLog(early, { type: 'loaded', page: { session, rows: items.slice(0, 4), more: false } });
    expect(loaded.rows.map((item) => item.seq)).toEqual([1, 2, 3, 4, 5]);
    expect(loaded.targetOrigins).toEqual(['http://api.test']);
    const again = reduceLog(loaded, { type: 'added', rows: items.slice(4), session });
    expect(again.rows.map((item) => item.seq)).toEqual([1, 2, 3, 4, 5]);
  });

  it('after a worker restart, the full read replaces what the stopped worker sent (it may have lost some, and numbers them again)', () => {
    const { items, session } = captured(5);
    const shown = reduceLog(EMPTY_LOG, { type: 'loaded', page: { session, rows: items, more: false } });
    const reconnected = reduceLog(shown, { type: 'reconnected' });
    // The new worker restored 3 of them; its next transaction, 4 again, came during the read.
    const renumbered = { ...(items[0] as TransactionRow), seq: 4 };
    const during = reduceLog(reconnected, { type: 'added', rows: [renumbered], session });
    const reloaded = reduceLog(during, { type: 'loaded', page: { session, rows: items.slice(0, 3), more: false } });
    expect(reloaded.rows.map((item) => item.seq)).toEqual([1, 2, 3, 4]);
    expect(reduceLog(reloaded, { type: 'added', rows: [renumbered], session }).rows.map((item) => item.seq)).toEqual([1, 2, 3, 4]);
  });

  it('holds a confirmation by its seq, until a clear or a worker restart, and counts restarts', () => {
    const { items, session } = captured(2);
    const log = reduceLog(EMPTY_LOG, { type: 'loaded', page: { session, rows: items, more: false } });
    const confirmation = { status: 'confirmed' as const, chromium: null, differences: [] };
    const confirmed = reduceLog(log, { type: 'confirmed', items: [{ seq: 2, confirmation }] });
    expect([...confirmed.confirmations]).toEqual([[2, confirmation]]);
    expect(confirmed.rows).toBe(log.rows);
    // A full read keeps them: the rows it gives carry no confirmation.
    expect(reduceLog(confirmed, { type: 'loaded', page: { session, rows: items, more: false } }).confirmations.get(2)).toBe(confirmation);
    const cleared = reduceLog(confirmed, { type: 'cleared', session });
    expect(cleared.rows).toEqual([]);
    expect(cleared.confirmations.size).toBe(0);
    expect(cleared.targetOrigins).toEqual([]);
    const restarted = reduceLog(confirmed, { type: 'reconnected' });
    expect(restarted.confirmations.size).toBe(0);
    expect(restarted.workerRuns).toBe(confirmed.workerRuns + 1);
  });

  it('shows preserve log as asked at once, then as the worker says', () => {
    const { items, session } = captured(1);
    const log = reduceLog(EMPTY_LOG, { type: 'loaded', page: { session, rows: items, more: false } });
    const asked = reduceLog(log, { type: 'preserve-log-requested', preserveLog: true });
    expect(asked.session?.preserveLog).toBe(true);
    expect(asked.rows).toBe(log.rows);
    expect(reduceLog(asked, { type: 'session', session: { ...session, preserveLog: false } }).session?.preserveLog).toBe(false);
  });

  it('keeps a failure to read until the next full read, and the rows it had', () => {
    const { items, session } = captured(2);
    const log = reduceLog(EMPTY_LOG, { type: 'added', rows: items, session });
    const failed = reduceLog(log, { type: 'failed', problem: { kind: 'protocol-mismatch' } });
    expect(failed.problem).toEqual({ kind: 'protocol-mismatch' });
    expect(failed.rows).toBe(log.rows);
    expect(reduceLog(failed, { type: 'added', rows: items, session }).problem).toEqual({ kind: 'protocol-mismatch' });
    expect(reduceLog(failed, { type: 'loaded', page: { session, rows: items, more: false } }).problem).toBeNull();
  });

  it('stays within its row bound, counting what it dropped', () => {
    const { items, session } = captured(3);
    const many = Array.from({ length: MAX_PANEL_ROWS + 10 }, (_, index) => ({ ...(items[0] as TransactionRow), seq: index + 1 }));
    const confirmation = { status: 'confirmed' as const, chromium: null, differences: [] };
    const confirmed = reduceLog(reduceLog(EMPTY_LOG, { type: 'added', rows: many.slice(0, 20), session }), {
      type: 'confirmed',
      items: [
        { seq: 5, confirmation },
        { seq: 15, confirmation },
      ],
    });
    const log = reduceLog(confirmed, { type: 'added', rows: many.slice(20), session });
    expect(log.rows).toHaveLength(MAX_PANEL_ROWS);
    expect(log.rows[0]?.seq).toBe(11);
    expect(log.dropped).toBe(10);
    // The report of a dropped row goes with it.
    expect([...log.confirmations.keys()]).toEqual([15]);
  });
});
