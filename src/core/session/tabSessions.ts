import { PreflightCache } from '../cache/preflightCache.ts';
import { createPairing, type Pairing } from '../pairing/pairEvents.ts';
import type { Confirmation } from '../confirm/confirmVerdict.ts';
import type { RequestEvent } from '../pairing/requestEvent.ts';
import type { Transaction } from '../pairing/transaction.ts';
import type { SequencedTransactionDto, SessionSummary } from '../protocol.ts';
import type { RecordingCoverage } from '../recording/recordingCoverage.ts';
import type { RecordingGap } from '../recording/recordingGap.ts';
import { persistedStateOf, restoreInto, takeChangesOf, type PersistedTab, type TabChanges } from './persistedTab.ts';
import { DEFAULT_SESSION_LIMITS, type ClearReason, type SessionLimits, type TabSessionsOptions } from './tabSessionsOptions.ts';
import { addGap, clearLog, emptyTabState, inFlightOf, keepJudged, reviseGap, summaryOf, type TabState } from './tabState.ts';
import { fromTransactionDto } from './transactionDto.ts';
import type { TransactionDto } from './transactionDtoTypes.ts';

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
    addGap(tab, gap);
    this.#sessionChanged(tab);
  }

  /** The gap that ended at `to` began at `from` after all (a client said when it lost the stopped worker). */
  reviseGap(tabId: number, to: number, from: number): void {
    const tab = this.#tabs.get(tabId);
    if (tab && reviseGap(tab, to, from)) this.#sessionChanged(tab);
  }

  clear(tabId: number, reason: ClearReason): SessionSummary {
    const tab = this.#tab(tabId);
    clearLog(tab, this.#newPairing(tabId));
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
  inFlight(tabId: number): TransactionDto[] {
    const tab = this.#tabs.get(tabId);
    return tab ? inFlightOf(tab, this.#limits) : [];
  }

  /** The events of the tab's requests not judged yet (what a restarted worker replays, once written). */
  openEvents(tabId: number): RequestEvent[] {
    return this.#tabs.get(tabId)?.pairing.openEvents() ?? [];
  }

  /** Every transaction of the tab for an export: those judged (in the ring), then those still open. */
  snapshot(tabId: number): { session: SessionSummary; transactions: Transaction[] } {
    const tab = this.#tab(tabId);
    const kept = [...tab.ring.items.map((item) => item.transaction), ...this.inFlight(tabId)];
    return { session: summaryOf(tab), transactions: kept.map(fromTransactionDto) };
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
  since(tabId: number, sinceSeq = 0, limit = Number.POSITIVE_INFINITY): SequencedTransactionDto[] {
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
    return tab ? { ...persistedStateOf(tab), transactions: tab.ring.items } : null;
  }

  /** What changed in a tab since the last call (and forgets it); null for a tab unknown (closed). */
  takeChanges(tabId: number): TabChanges | null {
    const tab = this.#tabs.get(tabId);
    return tab ? takeChangesOf(tab) : null;
  }

  /** The transactions kept with seq from `from` to `to`, both included, oldest first. */
  between(tabId: number, from: number, to: number): SequencedTransactionDto[] {
    return this.#tabs.get(tabId)?.ring.between(from, to) ?? [];
  }

  /** Rebuilds a tab from what persistedTab() gave: the ring as it was, and the open requests replayed. */
  restore(saved: PersistedTab): void {
    const tab = this.#emptyState(saved.tabId);
    restoreInto(tab, saved);
    this.#tabs.set(saved.tabId, tab);
    // Replayed events must not announce transactions twice: only new ones follow.
    for (const event of saved.openEvents) tab.pairing.push(event);
  }

  #tab(tabId: number): TabState {
    let tab = this.#tabs.get(tabId);
    if (!tab) this.#tabs.set(tabId, (tab = this.#emptyState(tabId)));
    return tab;
  }

  #emptyState(tabId: number): TabState {
    return emptyTabState(tabId, this.#newPairing(tabId), this.#options.recordingSince?.() ?? null);
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
    const item = keepJudged(tab, transaction, this.#limits);
    this.#options.onTransactions?.(tabId, [item], summaryOf(tab));
  }
}
