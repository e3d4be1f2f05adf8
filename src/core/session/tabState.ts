import type { Pairing, PairingStats } from '../pairing/pairEvents.ts';
import type { Transaction } from '../pairing/transaction.ts';
import { NOTHING_LEFT_OUT, type SequencedTransactionDto, type SessionSummary } from '../protocol.ts';
import { MAX_GAPS_PER_TAB, type RecordingGap } from '../recording/recordingGap.ts';
import type { SessionLimits } from './tabSessionsOptions.ts';
import { toTransactionDto } from './transactionDto.ts';
import type { TransactionDto } from './transactionDtoTypes.ts';
import { TransactionRing } from './transactionRing.ts';
import { limitValues } from './valueBudget.ts';

/** One tab's capture, as TabSessions holds it (mutable: TabSessions owns it). */
export interface TabState {
  readonly tabId: number;
  pageUrl: string | null;
  preserveLog: boolean;
  pairing: Pairing;
  ring: TransactionRing;
  seq: number;
  evicted: number;
  truncatedValues: number;
  /** Counts of pairings already thrown away (the log was cleared), added to the current one's. */
  leftOutBefore: SessionSummary['leftOut'];
  /** Seqs added or changed since the tab was last written. */
  changed: Set<number>;
  recordingSince: number | null;
  gaps: RecordingGap[];
  gapsShownFrom: number;
}

/** A tab first heard of (or cleared away and heard of again): nothing recorded yet. */
export function emptyTabState(tabId: number, pairing: Pairing, recordingSince: number | null): TabState {
  return {
    tabId,
    pageUrl: null,
    preserveLog: false,
    pairing,
    ring: new TransactionRing(),
    seq: 0,
    evicted: 0,
    truncatedValues: 0,
    leftOutBefore: NOTHING_LEFT_OUT,
    changed: new Set(),
    recordingSince,
    gaps: [],
    gapsShownFrom: 0,
  };
}

/** What the tab's clients are told of it: its transactions aside. */
export function summaryOf(tab: TabState): SessionSummary {
  return {
    tabId: tab.tabId,
    pageUrl: tab.pageUrl,
    preserveLog: tab.preserveLog,
    evicted: tab.evicted,
    truncatedValues: tab.truncatedValues,
    leftOut: leftOutOf(tab),
    seq: tab.seq,
    recordingSince: tab.recordingSince,
    gaps: tab.gaps.slice(tab.gapsShownFrom),
  };
}

/** The requests left out since recording began: the pairings thrown away by clears, and the current one. */
export function leftOutOf(tab: TabState): SessionSummary['leftOut'] {
  const stats: PairingStats = tab.pairing.stats();
  const before = tab.leftOutBefore;
  return {
    sameOrigin: before.sameOrigin + stats.sameOrigin,
    navigations: before.navigations + stats.navigations,
    notCorsMode: before.notCorsMode + stats.notCorsMode,
    unknownInitiator: before.unknownInitiator + stats.unknownInitiator,
  };
}

/** Adds a gap, keeping at most MAX_GAPS_PER_TAB (the oldest go). */
export function addGap(tab: TabState, gap: RecordingGap): void {
  tab.gaps.push(gap);
  const over = tab.gaps.length - MAX_GAPS_PER_TAB;
  if (over > 0) {
    tab.gaps.splice(0, over);
    tab.gapsShownFrom = Math.max(0, tab.gapsShownFrom - over);
  }
}

/** Moves the start of the gap that ended at `to`; false when there is none, or it already began then. */
export function reviseGap(tab: TabState, to: number, from: number): boolean {
  const index = tab.gaps.findIndex((gap) => gap.to === to);
  const gap = tab.gaps[index];
  if (!gap || gap.from === from) return false;
  tab.gaps[index] = { ...gap, from };
  return true;
}

/** Keeps a judged transaction in the tab's ring: as a TransactionDto, its long values cut; the oldest go to make room. */
export function keepJudged(tab: TabState, transaction: Transaction, limits: SessionLimits): SequencedTransactionDto {
  const limited = limitValues(toTransactionDto(transaction), limits.maxValueLength);
  tab.truncatedValues += limited.truncated;
  const item: SequencedTransactionDto = { seq: ++tab.seq, transaction: limited.value };
  tab.changed.add(item.seq);
  tab.evicted += tab.ring.add(item, limited.characters, limits);
  return item;
}

/** The tab's requests not judged yet, judged as they stand, as the ring keeps transactions. */
export function inFlightOf(tab: TabState, limits: SessionLimits): TransactionDto[] {
  return tab.pairing.inFlight().map((transaction) => limitValues(toTransactionDto(transaction), limits.maxValueLength).value);
}

/** Empties the tab's log for a new pairing: what was left out, and the gaps shown, stay counted. */
export function clearLog(tab: TabState, pairing: Pairing): void {
  tab.gapsShownFrom = tab.gaps.length;
  tab.leftOutBefore = leftOutOf(tab);
  tab.pairing = pairing;
  tab.ring = new TransactionRing();
  tab.changed.clear();
}
