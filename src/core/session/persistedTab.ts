import type { RequestEvent } from '../pairing/requestEvent.ts';
import type { SequencedTransactionDto, SessionSummary } from '../protocol.ts';
import type { RecordingGap } from '../recording/recordingGap.ts';
import { summaryOf, type TabState } from './tabState.ts';
import { TransactionRing } from './transactionRing.ts';
import { limitValues } from './valueBudget.ts';

/**
 * A tab's session, all but its transactions: what is written on every change
 * (the transactions are written in chunks, only those that changed: see
 * sessionStore.ts).
 * WARNING: persisted; a worker started after an update must still read the
 * previous version (or drop it, saying so).
 */
export interface PersistedTabState {
  readonly tabId: number;
  readonly pageUrl: string | null;
  readonly preserveLog: boolean;
  readonly seq: number;
  readonly evicted: number;
  readonly truncatedValues: number;
  readonly leftOut: SessionSummary['leftOut'];
  /** When recording of the tab began (epoch ms); null before it is known. */
  readonly recordingSince: number | null;
  /** The seq of the oldest transaction kept; older ones were evicted or cleared. */
  readonly firstSeq: number;
  /** The events of the requests not judged yet: a restarted worker replays them. */
  readonly openEvents: readonly RequestEvent[];
  /** Every gap since recording of the tab began (the summary's `gaps` are those after the last clear). */
  readonly gaps: readonly RecordingGap[];
  /** How many of `gaps` came before the log was last cleared. */
  readonly gapsShownFrom: number;
}

/** A tab's whole session, as TabSessions.restore() takes it back. */
export interface PersistedTab extends PersistedTabState {
  readonly transactions: readonly SequencedTransactionDto[];
}

/** What changed in a tab since the last time it was written. */
export interface TabChanges {
  readonly state: PersistedTabState;
  /** Seqs of the transactions added or changed (confirmed) since. */
  readonly changed: readonly number[];
}

export function persistedStateOf(tab: TabState): PersistedTabState {
  return {
    ...summaryOf(tab),
    gaps: tab.gaps,
    gapsShownFrom: tab.gapsShownFrom,
    firstSeq: tab.ring.firstSeq ?? tab.seq + 1,
    openEvents: tab.pairing.openEvents(),
  };
}

/** What changed in the tab since the last call, which forgets it. */
export function takeChangesOf(tab: TabState): TabChanges {
  const state = persistedStateOf(tab);
  const changed = [...tab.changed].filter((seq) => seq >= state.firstSeq).sort((a, b) => a - b);
  tab.changed.clear();
  return { state, changed };
}

/**
 * Gives a fresh tab what was saved of it, its ring as it was (the open events
 * are for the caller to replay into its pairing).
 */
export function restoreInto(tab: TabState, saved: PersistedTab): void {
  Object.assign(tab, {
    pageUrl: saved.pageUrl,
    preserveLog: saved.preserveLog,
    seq: saved.seq,
    evicted: saved.evicted,
    truncatedValues: saved.truncatedValues,
    leftOutBefore: saved.leftOut,
    recordingSince: saved.recordingSince,
    gaps: [...saved.gaps],
    gapsShownFrom: saved.gapsShownFrom,
    ring: new TransactionRing(
      saved.transactions,
      saved.transactions.map((item) => limitValues(item, Number.MAX_SAFE_INTEGER).characters),
    ),
  });
}
