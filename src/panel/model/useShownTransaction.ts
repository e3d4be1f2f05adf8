import { useEffect, useMemo, useState } from 'react';
import type { Confirmation } from '../../core/confirm/confirmVerdict.ts';
import type { SequencedTransaction } from '../../core/protocol.ts';
import { fromSequencedDto } from '../../core/session/transactionDto.ts';
import type { WorkerClient } from '../../platform/workerClient.ts';

/** The live transaction the details pane shows: read from the worker by its seq, as it is selected. */
export type ShownTransaction =
  | { readonly kind: 'none' }
  | { readonly kind: 'reading'; readonly seq: number }
  | { readonly kind: 'shown'; readonly item: SequencedTransaction }
  /** The worker no longer holds it (evicted from the tab's ring), or could not say. */
  | { readonly kind: 'unavailable'; readonly seq: number; readonly reason: string };

const NONE: ShownTransaction = { kind: 'none' };

/**
 * Reads the selected transaction in full (the list holds rows only), again
 * after a worker restart (`workerRuns`); Chromium's later report on it
 * (`confirmation`) is laid over what was read.
 */
export function useShownTransaction(
  client: Pick<WorkerClient, 'request'>,
  tabId: number,
  seq: number | null,
  workerRuns: number,
  confirmation: Confirmation | undefined,
): ShownTransaction {
  const [read, setRead] = useState<ShownTransaction>(NONE);
  useEffect(() => {
    if (seq === null) return;
    let live = true;
    // What was read of this seq stays shown while it is read again (after a worker restart): no flash of "Reading…".
    // Made whole before the answer is taken: a transaction that cannot be read says so, as a failed request does.
    void client
      .request('getTransaction', { tabId, seq })
      .then(({ item }) => item && fromSequencedDto(item))
      .then(
        (item) => {
          if (live)
            setRead(
              item ? { kind: 'shown', item } : { kind: 'unavailable', seq, reason: "The worker no longer holds this transaction: the tab's log dropped it." },
            );
        },
        (error: unknown) => {
          if (live)
            setRead({
              kind: 'unavailable',
              seq,
              reason: `The worker could not give this transaction: ${error instanceof Error ? error.message : String(error)}`,
            });
        },
      );
    return () => {
      live = false;
    };
  }, [client, tabId, seq, workerRuns]);
  return useMemo(() => {
    if (seq === null) return NONE;
    // What was read is of another seq until the effect has run for this one.
    if (read.kind === 'none' || (read.kind === 'shown' ? read.item.seq : read.seq) !== seq) return { kind: 'reading', seq };
    if (read.kind === 'shown' && confirmation && read.item.confirmation !== confirmation) return { kind: 'shown', item: { ...read.item, confirmation } };
    return read;
  }, [read, seq, confirmation]);
}
