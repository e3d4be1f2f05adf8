import { useCallback, useEffect, useReducer } from 'react';
import { readTransactions } from '../../core/messaging/readTransactions.ts';
import type { WorkerClient } from '../../platform/workerClient.ts';
import { EMPTY_LOG, reduceLog, type TransactionLog } from './transactionLog.ts';

/**
 * The inspected tab's transactions, live: read in full when the panel opens
 * and again whenever the worker restarted, then kept in step by its events.
 */
export function useTransactionLog(
  client: Pick<WorkerClient, 'request' | 'on' | 'onReconnected' | 'subscribe'>,
  tabId: number,
): { log: TransactionLog; setPreserveLog(on: boolean): void; clear(): void } {
  const [log, dispatch] = useReducer(reduceLog, EMPTY_LOG);
  useEffect(() => {
    let live = true;
    const load = (): void => {
      void readTransactions(client, tabId).then((page) => {
        if (live) dispatch({ type: 'loaded', page });
      });
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
    void client.subscribe(tabId).then(load);
    return () => {
      live = false;
      for (const stop of stops) stop();
    };
  }, [client, tabId]);
  const setPreserveLog = useCallback(
    (preserveLog: boolean) => {
      dispatch({ type: 'preserve-log-requested', preserveLog });
      void client.request('setPreserveLog', { tabId, preserveLog }).then((session) => dispatch({ type: 'session', session }));
    },
    [client, tabId],
  );
  // The worker's tabCleared event empties the log.
  const clear = useCallback(() => void client.request('clearTab', { tabId }), [client, tabId]);
  return { log, setPreserveLog, clear };
}
