import type { BrowserRules } from '../browsers/browserRules.ts';
import { PreflightCache } from '../cache/preflightCache.ts';
import { createPairing, type Pairing, type PairingStats } from '../pairing/pairEvents.ts';
import type { Confirmation } from '../confirm/confirmVerdict.ts';
import type { RequestEvent } from '../pairing/requestEvent.ts';
import type { Transaction } from '../pairing/transaction.ts';
import { NOTHING_LEFT_OUT, type SequencedTransaction, type SessionSummary } from '../protocol.ts';
import type { RecordingCoverage } from '../recording/recordingCoverage.ts';
import { MAX_GAPS_PER_TAB, type RecordingGap } from '../recording/recordingGap.ts';
import { TransactionRing } from './transactionRing.ts';
import { limitValues } from './valueBudget.ts';

export interface SessionLimits {
  /** Transactions kept per tab; the oldest go first (and are counted). */
  readonly maxTransactions: number;
  /** Longer strings (header values, mostly) are cut, with a marker. */
  readonly maxValueLength: number;
  /** The characters a tab's transactions may take in all, as limitValues measures them (structure included). */
  readonly maxTabCharacters: number;
}

/**
 * A transaction Chromium captured takes 2 to 4 KB (its headers, hops and
 * verdict): 32 M characters hold the 10,000 of a full ring, and stop a page
 * whose every response carries 8 KB values from holding more than that.
 */
export const DEFAULT_SESSION_LIMITS: SessionLimits = { maxTransactions: 10_000, maxValueLength: 8192, maxTabCharacters: 32 * 1024 * 1024 };

export type ClearReason = 'navigation' | 'user' | 'closed';

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

/** A tab's whole session, as restore() takes it back. */
export interface PersistedTab extends PersistedTabState {
  readonly transactions: readonly SequencedTransaction[];
}

/** What changed in a tab since the last time it was written. */
export interface TabChanges {
  readonly state: PersistedTabState;
  /** Seqs of the transactions added or changed (confirmed) since. */
  readonly changed: readonly number[];
}

export interface TabSessionsOptions {
  readonly limits?: Partial<SessionLimits>;
  /** One model for all tabs: Chromium's preflight cache belongs to the profile, not the tab. */
  readonly cache?: PreflightCache;
  /** Judge as this browser (the one the worker runs in): Chromium's rules by default. */
  readonly rules?: BrowserRules;
  readonly onTransactions?: (tabId: number, items: readonly SequencedTransaction[], session: SessionSummary) => void;
  readonly onCleared?: (tabId: number, reason: ClearReason, session: SessionSummary) => void;
  /** Something to persist changed for this tab. */
  readonly onChanged?: (tabId: number) => void;
  readonly onConfirmed?: (tabId: number, seq: number, confirmation: Confirmation) => void;
  /** The tab's session changed other than by transactions (a gap in its recording). */
  readonly onSession?: (tabId: number, session: SessionSummary) => void;
  /** When recording began for a tab first heard of now (every tab is recorded since then), or null. */
  readonly recordingSince?: () => number | null;
  /** Whether every tab is recorded now, not only those someone looks at. */
  readonly allTabsRecorded?: () => boolean;
}

interface TabState {
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

/**
 * Every tab's capture: its own pairing (over one shared preflight cache
 * model), a bounded ring of judged transactions, and what was left out. Pure
 * state, no extension API: the service worker feeds it and persists it.
 */
export class TabSessions {
  readonly cache: PreflightCache;
  readonly #limits: SessionLimits;
  readonly #options: TabSessionsOptions;
  readonly #tabs = new Map<number, TabState>();

  constructor(options: TabSessionsOptions = {}) {
    this.#options = options;
    this.#limits = { ...DEFAULT_SESSION_LIMITS, ...options.limits };
    this.cache = options.cache ?? new PreflightCache();
  }

  push(tabId: number, event: RequestEvent): void {
    this.#tab(tabId).pairing.push(event);
    this.#options.onChanged?.(tabId);
  }

  /** A top-level navigation started: a new page, a new log (unless it is preserved). */
  navigated(tabId: number, url: string): void {
    const tab = this.#tab(tabId);
    tab.pageUrl = url;
    if (!tab.preserveLog) this.clear(tabId, 'navigation');
    else this.#options.onChanged?.(tabId);
  }

  /** Recording of the tab began (or goes on): its session starts, if it has none, with this time. */
  startRecording(tabId: number, since: number): SessionSummary {
    const tab = this.#tab(tabId);
    if (tab.recordingSince === null) {
      tab.recordingSince = since;
      this.#options.onChanged?.(tabId);
    }
    return summaryOf(tab);
  }

  /** The tab's recording missed this stretch: its list shows it. */
  addGap(tabId: number, gap: RecordingGap): void {
    const tab = this.#tab(tabId);
    tab.gaps.push(gap);
    const over = tab.gaps.length - MAX_GAPS_PER_TAB;
    if (over > 0) {
      tab.gaps.splice(0, over);
      tab.gapsShownFrom = Math.max(0, tab.gapsShownFrom - over);
    }
    this.#sessionChanged(tab);
  }

  /** The gap that ended at `to` began at `from` after all (a client said when it lost the stopped worker). */
  reviseGap(tabId: number, to: number, from: number): void {
    const tab = this.#tabs.get(tabId);
    const index = tab?.gaps.findIndex((gap) => gap.to === to) ?? -1;
    const gap = tab?.gaps[index];
    if (!tab || !gap || gap.from === from) return;
    tab.gaps[index] = { ...gap, from };
    this.#sessionChanged(tab);
  }

  clear(tabId: number, reason: ClearReason): SessionSummary {
    const tab = this.#tab(tabId);
    tab.gapsShownFrom = tab.gaps.length;
    tab.leftOutBefore = leftOutOf(tab);
    tab.pairing = this.#newPairing(tabId);
    tab.ring = new TransactionRing();
    tab.changed.clear();
    const session = summaryOf(tab);
    this.#options.onCleared?.(tabId, reason, session);
    this.#options.onChanged?.(tabId);
    return session;
  }

  /** The tab closed: its session goes. */
  remove(tabId: number): void {
    if (!this.#tabs.delete(tabId)) return;
    this.#options.onCleared?.(tabId, 'closed', summaryOf(this.#emptyState(tabId)));
    this.#options.onChanged?.(tabId);
  }

  setPreserveLog(tabId: number, preserveLog: boolean): SessionSummary {
    const tab = this.#tab(tabId);
    tab.preserveLog = preserveLog;
    this.#options.onChanged?.(tabId);
    return summaryOf(tab);
  }

  summary(tabId: number): SessionSummary {
    return summaryOf(this.#tab(tabId));
  }

  /** The tab's CORS requests not judged yet, as they stand (values limited as the ring's are). */
  inFlight(tabId: number): Transaction[] {
    const tab = this.#tabs.get(tabId);
    return tab ? tab.pairing.inFlight().map((transaction) => limitValues(transaction, this.#limits.maxValueLength).value) : [];
  }

  /** The events of the tab's requests not judged yet (what a restarted worker replays, once written). */
  openEvents(tabId: number): RequestEvent[] {
    return this.#tabs.get(tabId)?.pairing.openEvents() ?? [];
  }

  /** Every transaction of the tab for an export: those judged (in the ring), then those still open. */
  snapshot(tabId: number): { session: SessionSummary; transactions: Transaction[] } {
    const tab = this.#tab(tabId);
    return { session: summaryOf(tab), transactions: [...tab.ring.items.map((item) => item.transaction), ...this.inFlight(tabId)] };
  }

  /** Chromium's report on a transaction still in the ring; false when it is gone (evicted, cleared). */
  confirm(tabId: number, seq: number, confirmation: Confirmation): boolean {
    const tab = this.#tabs.get(tabId);
    if (!tab?.ring.replace(seq, (item) => ({ ...item, confirmation }))) return false;
    tab.changed.add(seq);
    this.#options.onConfirmed?.(tabId, seq, confirmation);
    this.#options.onChanged?.(tabId);
    return true;
  }

  /** Transactions after `sinceSeq`, oldest first; at most `limit` of them. */
  since(tabId: number, sinceSeq = 0, limit = Number.POSITIVE_INFINITY): SequencedTransaction[] {
    return this.#tabs.get(tabId)?.ring.since(sinceSeq, limit) ?? [];
  }

  tabIds(): number[] {
    return [...this.#tabs.keys()];
  }

  has(tabId: number): boolean {
    return this.#tabs.has(tabId);
  }

  /** The whole session of a tab, as restore() takes it back; null for a tab unknown (closed). */
  persistedTab(tabId: number): PersistedTab | null {
    const tab = this.#tabs.get(tabId);
    return tab ? { ...stateOf(tab), transactions: tab.ring.items } : null;
  }

  /** What changed in a tab since the last call (and forgets it); null for a tab unknown (closed). */
  takeChanges(tabId: number): TabChanges | null {
    const tab = this.#tabs.get(tabId);
    if (!tab) return null;
    const state = stateOf(tab);
    const changed = [...tab.changed].filter((seq) => seq >= state.firstSeq).sort((a, b) => a - b);
    tab.changed.clear();
    return { state, changed };
  }

  /** The transactions kept with seq from `from` to `to`, both included, oldest first. */
  between(tabId: number, from: number, to: number): SequencedTransaction[] {
    return this.#tabs.get(tabId)?.ring.between(from, to) ?? [];
  }

  /** Rebuilds a tab from what persistedTab() gave: the ring as it was, and the open requests replayed. */
  restore(saved: PersistedTab): void {
    const tab = this.#emptyState(saved.tabId);
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
    this.#tabs.set(saved.tabId, tab);
    // Replayed events must not announce transactions twice: only new ones follow.
    for (const event of saved.openEvents) tab.pairing.push(event);
  }

  #tab(tabId: number): TabState {
    let tab = this.#tabs.get(tabId);
    if (!tab) {
      tab = this.#emptyState(tabId);
      this.#tabs.set(tabId, tab);
    }
    return tab;
  }

  #emptyState(tabId: number): TabState {
    return {
      tabId,
      pageUrl: null,
      preserveLog: false,
      pairing: this.#newPairing(tabId),
      ring: new TransactionRing(),
      seq: 0,
      evicted: 0,
      truncatedValues: 0,
      leftOutBefore: NOTHING_LEFT_OUT,
      changed: new Set(),
      recordingSince: this.#options.recordingSince?.() ?? null,
      gaps: [],
      gapsShownFrom: 0,
    };
  }

  #newPairing(tabId: number): Pairing {
    return createPairing({
      cache: this.cache,
      ...(this.#options.rules ? { rules: this.#options.rules } : {}),
      onTransaction: (transaction) => this.#add(tabId, transaction),
      recording: () => this.#coverage(tabId),
    });
  }

  /** What the tab's recording covers, for a verdict judged now; none before its recording is known. */
  #coverage(tabId: number): RecordingCoverage | undefined {
    const tab = this.#tabs.get(tabId);
    if (!tab || tab.recordingSince === null) return undefined;
    return { since: tab.recordingSince, gaps: tab.gaps, allTabs: this.#options.allTabsRecorded?.() ?? false };
  }

  #sessionChanged(tab: TabState): void {
    this.#options.onSession?.(tab.tabId, summaryOf(tab));
    this.#options.onChanged?.(tab.tabId);
  }

  #add(tabId: number, transaction: Transaction): void {
    const tab = this.#tabs.get(tabId);
    if (!tab) return;
    const limited = limitValues(transaction, this.#limits.maxValueLength);
    tab.truncatedValues += limited.truncated;
    const item: SequencedTransaction = { seq: ++tab.seq, transaction: limited.value };
    tab.changed.add(item.seq);
    tab.evicted += tab.ring.add(item, limited.characters, this.#limits);
    this.#options.onTransactions?.(tabId, [item], summaryOf(tab));
  }
}

function leftOutOf(tab: TabState): SessionSummary['leftOut'] {
  const stats: PairingStats = tab.pairing.stats();
  const before = tab.leftOutBefore;
  return {
    sameOrigin: before.sameOrigin + stats.sameOrigin,
    navigations: before.navigations + stats.navigations,
    notCorsMode: before.notCorsMode + stats.notCorsMode,
    unknownInitiator: before.unknownInitiator + stats.unknownInitiator,
  };
}

function stateOf(tab: TabState): PersistedTabState {
  return {
    ...summaryOf(tab),
    gaps: tab.gaps,
    gapsShownFrom: tab.gapsShownFrom,
    firstSeq: tab.ring.firstSeq ?? tab.seq + 1,
    openEvents: tab.pairing.openEvents(),
  };
}

function summaryOf(tab: TabState): SessionSummary {
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
