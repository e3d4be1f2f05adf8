import type { Confirmation } from '../../core/confirm/confirmVerdict.ts';
import type { RowsPage, SessionSummary } from '../../core/protocol.ts';
import type { TransactionRow } from '../../core/session/transactionRow.ts';
import { withTargetOrigins } from './rowFilter.ts';

/**
 * The panel's copy of one tab's transactions, kept in step with the worker by
 * its events. Pure: the model hook (useTransactionLog.ts) dispatches, tests
 * call reduceLog directly.
 */
export interface TransactionLog {
  readonly session: SessionSummary | null;
  /** The rows of its transactions, oldest first, by seq, no seq twice (a transaction in full is asked for when shown). */
  readonly rows: readonly TransactionRow[];
  /** The rows' target origins, each once, sorted (what the origin filter offers). */
  readonly targetOrigins: readonly string[];
  /** Chromium's reports that arrived after the transactions they confirm, by seq (since the worker last restarted). */
  readonly confirmations: ReadonlyMap<number, Confirmation>;
  /**
   * Counts the worker's restarts: a restarted worker may number again seqs
   * the stopped one had sent, so a transaction read by its seq before is read
   * again.
   */
  readonly workerRuns: number;
  /** Rows the panel dropped to stay within MAX_PANEL_ROWS (the worker counts its own evictions). */
  readonly dropped: number;
  /** Why the last exchange with the worker failed; cleared by the next full read. */
  readonly problem: LogProblem | null;
  /**
   * Set when the worker restarted: rows from this index on arrived from
   * the new worker. Those before came from the stopped one, which may have
   * lost some of them (the gap says so) and numbers what follows again.
   */
  readonly freshFrom?: number;
}

/** Why the panel could not read or change the tab's log: the worker speaks another protocol version, or answered with an error. */
export type LogProblem = { readonly kind: 'protocol-mismatch' } | { readonly kind: 'worker-error'; readonly message: string };

export type LogAction =
  /** A full read (on open, and after the worker restarted). */
  | { readonly type: 'loaded'; readonly page: RowsPage }
  /** The worker restarted: a full read follows, and replaces what the stopped worker sent. */
  | { readonly type: 'reconnected' }
  | { readonly type: 'added'; readonly rows: readonly TransactionRow[]; readonly session: SessionSummary }
  | { readonly type: 'confirmed'; readonly items: readonly { readonly seq: number; readonly confirmation: Confirmation }[] }
  | { readonly type: 'cleared'; readonly session: SessionSummary }
  /** The worker answered a change of the tab's settings (preserve log). */
  | { readonly type: 'session'; readonly session: SessionSummary }
  /** Preserve log asked for: shown at once, before the worker answers. */
  | { readonly type: 'preserve-log-requested'; readonly preserveLog: boolean }
  | { readonly type: 'failed'; readonly problem: LogProblem };

/** The rows a panel keeps: the worker keeps at most 11,000 per tab; imported traces may hold more. */
export const MAX_PANEL_ROWS = 50_000;

export const EMPTY_LOG: TransactionLog = { session: null, rows: [], targetOrigins: [], confirmations: new Map(), workerRuns: 0, dropped: 0, problem: null };

export function reduceLog(log: TransactionLog, action: LogAction): TransactionLog {
  switch (action.type) {
    case 'loaded': {
      // Events may have arrived while the read was under way: keep the newer ones.
      const last = action.page.rows.at(-1)?.seq ?? 0;
      const newer = log.rows.slice(log.freshFrom ?? 0).filter((item) => item.seq > last);
      const { confirmations, workerRuns, dropped } = log;
      const rows = [...action.page.rows, ...newer];
      return bounded({ session: action.page.session, rows, targetOrigins: withTargetOrigins([], rows), confirmations, workerRuns, dropped, problem: null });
    }
    case 'reconnected':
      return { ...log, freshFrom: log.rows.length, confirmations: new Map(), workerRuns: log.workerRuns + 1 };
    case 'added': {
      // Until the full read, the new worker's rows are compared with its own only.
      const last = log.freshFrom === undefined ? (log.rows.at(-1)?.seq ?? 0) : (log.rows.slice(log.freshFrom).at(-1)?.seq ?? Number.NEGATIVE_INFINITY);
      const fresh = action.rows.filter((row) => row.seq > last);
      if (fresh.length === 0) return { ...log, session: action.session };
      return bounded({ ...log, session: action.session, rows: [...log.rows, ...fresh], targetOrigins: withTargetOrigins(log.targetOrigins, fresh) });
    }
    case 'confirmed': {
      const confirmations = new Map(log.confirmations);
      for (const { seq, confirmation } of action.items) confirmations.set(seq, confirmation);
      return { ...log, confirmations };
    }
    case 'cleared':
      // Whatever comes next, after a restart, comes from the new worker.
      return {
        ...log,
        session: action.session,
        rows: [],
        targetOrigins: [],
        confirmations: new Map(),
        dropped: 0,
        ...(log.freshFrom === undefined ? {} : { freshFrom: 0 }),
      };
    case 'session':
      return { ...log, session: action.session };
    case 'preserve-log-requested':
      return log.session ? { ...log, session: { ...log.session, preserveLog: action.preserveLog } } : log;
    case 'failed':
      return { ...log, problem: action.problem };
  }
}

function bounded(log: TransactionLog): TransactionLog {
  const over = log.rows.length - MAX_PANEL_ROWS;
  if (over <= 0) return log;
  const freshFrom = log.freshFrom === undefined ? {} : { freshFrom: Math.max(0, log.freshFrom - over) };
  const rows = log.rows.slice(over);
  // The reports of the rows dropped go with them.
  const oldest = rows[0]?.seq ?? Number.POSITIVE_INFINITY;
  const confirmations = new Map([...log.confirmations].filter(([seq]) => seq >= oldest));
  return { ...log, rows, targetOrigins: withTargetOrigins([], rows), confirmations, dropped: log.dropped + over, ...freshFrom };
}
