import { useCallback, useEffect, useReducer, useState } from 'react';
import { readRows } from '../../core/messaging/readTransactions.ts';
import { isWorkerError } from '../../core/protocol.ts';
import type { WorkerClient } from '../../platform/workerClient.ts';
import { EMPTY_LOG, reduceLog, type LogAction, type LogProblem, type TransactionLog } from './transactionLog.ts';
import { createUpdatePacer } from './updatePacer.ts';

/** How often the list may change while transactions stream in (see updatePacer.ts). */
export const LIVE_UPDATE_INTERVAL_MS = 250;

/** What the panel says about a failed exchange with the worker: a protocol mismatch is told by its code. */
export function logProblemOf(error: unknown): LogProblem {
  if (isWorkerError(error, 'protocol-mismatch')) return { kind: 'protocol-mismatch' };
  return { kind: 'worker-error', message: error instanceof Error ? error.message : String(error) };
}

/**
 * The inspected tab's transactions, live: read in full when the panel opens
 * and again whenever the worker restarted, then kept in step by its events.
 * New and confirmed transactions are paced (one render per interval, however
 * many batches the worker sent); anything else goes at once, after them.
 * A read or a change the worker fails sets the log's problem, which the
 * panel shows.
 */
export function useTransactionLog(
  client: Pick<WorkerClient, 'request' | 'on' | 'onReconnected' | 'subscribe'>,
  tabId: number,
): { log: TransactionLog; setPreserveLog: (on: boolean) => void; clear: () => void } {
  const [log, dispatch] = useReducer(reduceLog, EMPTY_LOG);
  // Every action goes through it, so none overtakes the transactions held.
  const [pacer] = useState(() =>
    createUpdatePacer<LogAction>((actions) => {
      // React renders once for all the actions dispatched in one task.
      for (const action of actions) dispatch(action);
    }, LIVE_UPDATE_INTERVAL_MS),
  );
  useEffect(() => {
    let live = true;
    const fail = (error: unknown): void => {
      if (live) pacer.send({ type: 'failed', problem: logProblemOf(error) });
    };
    const load = (): void => {
      readRows(client, tabId).then((page) => {
        if (live) pacer.send({ type: 'loaded', page });
      }, fail);
    };
    const stops = [
      client.on('transactionsAdded', (event) => {
        if (event.tabId === tabId) pacer.hold({ type: 'added', rows: event.rows, session: event.session });
      }),
      client.on('transactionsConfirmed', (event) => {
        if (event.tabId === tabId) pacer.hold({ type: 'confirmed', items: event.items });
      }),
      client.on('tabCleared', (event) => {
        if (event.tabId === tabId) pacer.send({ type: 'cleared', session: event.session });
      }),
      client.on('sessionChanged', (session) => {
        if (session.tabId === tabId) pacer.send({ type: 'session', session });
      }),
      client.onReconnected(() => {
        pacer.send({ type: 'reconnected' });
        load();
      }),
    ];
    client.subscribe(tabId).then(load, fail);
    return () => {
      live = false;
      pacer.dispose();
      for (const stop of stops) stop();
    };
  }, [client, tabId, pacer]);
  const fail = useCallback((error: unknown) => pacer.send({ type: 'failed', problem: logProblemOf(error) }), [pacer]);
  const setPreserveLog = useCallback(
    (preserveLog: boolean) => {
      pacer.send({ type: 'preserve-log-requested', preserveLog });
      client.request('setPreserveLog', { tabId, preserveLog }).then(
        (session) => pacer.send({ type: 'session', session }),
        (error: unknown) => {
          pacer.send({ type: 'preserve-log-requested', preserveLog: !preserveLog });
          fail(error);
        },
      );
    },
    [client, tabId, fail, pacer],
  );
  // The worker's tabCleared event empties the log.
  const clear = useCallback(() => void client.request('clearTab', { tabId }).catch(fail), [client, tabId, fail]);
  return { log, setPreserveLog, clear };
}
