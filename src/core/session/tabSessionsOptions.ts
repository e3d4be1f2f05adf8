import type { BrowserRules } from '../browsers/browserRules.ts';
import type { PreflightCache } from '../cache/preflightCache.ts';
import type { Confirmation } from '../confirm/confirmVerdict.ts';
import type { SequencedTransactionDto, SessionSummary } from '../protocol.ts';

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

export interface TabSessionsOptions {
  readonly limits?: Partial<SessionLimits>;
  /** One model for all tabs: Chromium's preflight cache belongs to the profile, not the tab. */
  readonly cache?: PreflightCache;
  /** Judge as this browser (the one the worker runs in): Chromium's rules by default. */
  readonly rules?: BrowserRules;
  /** Each transaction as the ring keeps it (transactionRow reads it as it is; fromSequencedDto makes it whole). */
  readonly onTransactions?: (tabId: number, items: readonly SequencedTransactionDto[], session: SessionSummary) => void;
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
