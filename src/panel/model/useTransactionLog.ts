import { useCallback, useEffect, useReducer } from 'react';
import { readTransactions } from '../../core/messaging/readTransactions.ts';
import { isWorkerError } from '../../core/protocol.ts';
import type { WorkerClient } from '../../platform/workerClient.ts';
import { EMPTY_LOG, reduceLog, type LogProblem, type TransactionLog } from './transactionLog.ts';

/** What the panel says about a failed exchange with the worker: a protocol mismatch is told by its code. */
export function logProblemOf(error: unknown): LogProblem {
  if (isWorkerError(error, 'protocol-mismatch')) return { kind: 'protocol-mismatch' };
  return { kind: 'worker-error', message: error instanceof Error ? error.message : String(error) };
}

/**
 * The inspected tab's transactions, live: read in full when the panel opens
 * and again whenever the worker restarted, then kept in step by its events.
 * A read or a change the worker fails sets the log's problem, which the
 * panel shows.
 */
export function useTransactionLog(
  client: Pick<WorkerClient, 'request' | 'on' | 'onReconnected' | 'subscribe'>,
  tabId: number,
): { log: TransactionLog; setPreserveLog: (on: boolean) => void; clear: () => void } {
  const [log, dispatch] = useReducer(reduceLog, EMPTY_LOG);
  useEffect(() => {
    let live = true;
    const fail = (error: unknown): void => {
      if (live) dispatch({ type: 'failed', problem: logProblemOf(error) });
    };
    const load = (): void => {
      readTransactions(client, tabId).then((page) => {
        if (live) dispatch({ type: 'loaded', page });
      }, fail);
    };
    const stops = [
      client.on('transactionsAdded', (event) => {
        if (event.tabId === tabId) dispatch({ type: 'added', items: event.items, session: event.session });
      }),
      client.on('transactionsConfirmed', (event) => {
        if (event.tabId === tabId) dispatch({ type: 'confirmed', items: event.items });
      }),
      client.on('tabCleared', (event) => {
        if (event.tabId === tabId) dispatch({ type: 'cleared', session: event.session });
      }),
      client.on('sessionChanged', (session) => {
        if (session.tabId === tabId) dispatch({ type: 'session', session });
      }),
      client.onReconnected(() => {
        dispatch({ type: 'reconnected' });
        load();
      }),
    ];
    client.subscribe(tabId).then(load, fail);
    return () => {
      live = false;
      for (const stop of stops) stop();
    };
  }, [client, tabId]);
  const fail = useCallback((error: unknown) => dispatch({ type: 'failed', problem: logProblemOf(error) }), []);
  const setPreserveLog = useCallback(
    (preserveLog: boolean) => {
      dispatch({ type: 'preserve-log-requested', preserveLog });
      client.request('setPreserveLog', { tabId, preserveLog }).then(
        (session) => dispatch({ type: 'session', session }),
        (error: unknown) => {
          dispatch({ type: 'preserve-log-requested', preserveLog: !preserveLog });
          fail(error);
        },
      );
    },
    [client, tabId, fail],
  );
  // The worker's tabCleared event empties the log.
  const clear = useCallback(() => void client.request('clearTab', { tabId }).catch(fail), [client, tabId, fail]);
  return { log, setPreserveLog, clear };
}
