import type { Verdict } from '../cors/verdict.ts';
import type { Transaction } from '../pairing/transaction.ts';
import type { CdpNetworkParams, ChromiumReport } from './chromiumReport.ts';
import { createChromiumReports, requestKey } from './chromiumReports.ts';
import { confirmVerdict, UNCONFIRMED, type Confirmation } from './confirmVerdict.ts';

/**
 * How far apart (ms) webRequest's start time of a request and CDP's may be
 * for the two to be the same request: both read the browser's wall clock a
 * few steps apart.
 */
const SAME_REQUEST_WITHIN_MS = 2_000;
/** Judged transactions waiting for Chromium's report, oldest dropped first. */
const MAX_WAITING = 2_000;
/**
 * How long after a request ended (ms) Chromium's report may still come. A
 * report that never comes: the request was made by a worker or frame that
 * ran before the debugger could listen to it (another debugger, DevTools
 * itself, let it start first), or the report was lost with a stopped worker.
 */
export const REPORT_GRACE_MS = 5_000;

/**
 * What the confirmer reads of a judged transaction: its request, its times
 * and its verdict's outcome. A transaction whole, or as the worker keeps it
 * (TransactionDto), which it is then not made whole for.
 */
export type JudgedTransaction = Pick<Transaction, 'request' | 'startTime' | 'endTime'> & { readonly verdict: ConfirmedVerdict };
type ConfirmedVerdict = Pick<Verdict, 'outcome' | 'failure' | 'preflight'>;

export interface Confirmer {
  /** A CDP Network event from the tab, or from one of its workers' and iframes' sessions. */
  cdpEvent(method: string, params: CdpNetworkParams, sessionId?: string): void;
  /** A child session (a worker, an iframe) was detached: its requests say no more. */
  sessionEnded(sessionId: string): void;
  /** The engine judged a transaction (`key` names it to the caller: its seq). */
  judged(key: number, transaction: JudgedTransaction): void;
  /** Transactions still waiting for Chromium's report. */
  waiting(): number;
  /** Gives up on transactions that ended more than REPORT_GRACE_MS before `now`: they come out unconfirmed. */
  expire(now: number): void;
}

/**
 * Holds each judged transaction of a tab against what Chromium reported for
 * the same request. CDP's request ids are unrelated to webRequest's, so a
 * report is matched by method, first URL and start time (the nearest one not
 * yet matched); either side may arrive first. Transactions that started
 * before `since` (before the debugger was attached) are never matched.
 */
export function createConfirmer(since: number, onConfirmed: (key: number, confirmation: Confirmation) => void): Confirmer {
  const reports = createChromiumReports();
  const waiting = new Map<number, JudgedTransaction>();
  // The same, by method and first URL: a report that ends looks only at its own.
  const waitingByRequest = new Map<string, Set<number>>();
  const keyOf = (transaction: JudgedTransaction): string => requestKey(transaction.request.method, transaction.request.url);
  const unwait = (key: number, transaction: JudgedTransaction): void => {
    waiting.delete(key);
    const same = waitingByRequest.get(keyOf(transaction));
    same?.delete(key);
    if (same?.size === 0) waitingByRequest.delete(keyOf(transaction));
  };

  const nearest = (transaction: JudgedTransaction): ChromiumReport | undefined => {
    let best: ChromiumReport | undefined;
    let distance = SAME_REQUEST_WITHIN_MS;
    for (const report of reports.candidates(transaction.request.method, transaction.request.url)) {
      const gap = Math.abs(report.startTime - transaction.startTime);
      if (gap <= distance) {
        best = report;
        distance = gap;
      }
    }
    return best;
  };

  const settle = (keys: Iterable<number>): void => {
    for (const key of [...keys]) {
      const transaction = waiting.get(key);
      const report = transaction && nearest(transaction);
      if (!transaction || !report?.ended) continue;
      reports.claim(report);
      unwait(key, transaction);
      onConfirmed(key, confirmVerdict(transaction.verdict, report));
    }
  };

  return {
    cdpEvent(method, params, sessionId) {
      const report = reports.handle(method, params, sessionId);
      if (report?.ended) settle(waitingByRequest.get(requestKey(report.method, report.url)) ?? []);
    },
    sessionEnded(sessionId) {
      for (const report of reports.endSession(sessionId)) settle(waitingByRequest.get(requestKey(report.method, report.url)) ?? []);
    },
    judged(key, transaction) {
      if (transaction.startTime < since) return;
      waiting.set(key, transaction);
      const same = waitingByRequest.get(keyOf(transaction));
      if (same) same.add(key);
      else waitingByRequest.set(keyOf(transaction), new Set([key]));
      if (waiting.size > MAX_WAITING) {
        const [oldest, dropped] = waiting.entries().next().value as [number, JudgedTransaction];
        unwait(oldest, dropped);
      }
      settle([key]);
    },
    waiting: () => waiting.size,
    expire(now) {
      for (const [key, transaction] of [...waiting]) {
        if ((transaction.endTime ?? transaction.startTime) + REPORT_GRACE_MS > now) continue;
        unwait(key, transaction);
        onConfirmed(key, UNCONFIRMED);
      }
    },
  };
}
