import type { BrowserRules } from '../browsers/browserRules.ts';
import type { PreflightCache } from '../cache/preflightCache.ts';
import type { RecordingCoverage } from '../recording/recordingCoverage.ts';
import type { SkipReason } from './describeRequest.ts';
import type { RequestEvent } from './requestEvent.ts';
import type { Transaction } from './transaction.ts';

/** What pairing left out, by reason: counts only. */
export interface PairingStats extends Record<SkipReason, number> {
  events: number;
  /** Preflights no request claimed (the request was outside the capture). */
  unpairedPreflights: number;
}

export interface PairingOptions {
  /** The preflight-cache model to consult and feed (a fresh one by default). */
  readonly cache?: PreflightCache;
  /** Called as each transaction is judged. */
  readonly onTransaction?: (transaction: Transaction) => void;
  /** Also emit no-cors and same-origin requests (as "not-cors"), which are otherwise only counted. */
  readonly includeNonCors?: boolean;
  /** False for sources that never record preflights (see Exchange.preflightsRecorded). */
  readonly preflightsRecorded?: boolean;
  /** Judge as this browser where its rules differ from Chromium's (see decideVerdict). */
  readonly rules?: BrowserRules;
  /** Keep each open request's events for openEvents() (default true); a one-pass reading of a file never asks for them. */
  readonly keepOpenEvents?: boolean;
  /**
   * Keep every judged transaction for finish() (pairEvents does). A live
   * session hands each to onTransaction and keeps none: its pairing lives as
   * long as the tab.
   */
  readonly keepJudged?: boolean;
  /** What the live recording covers as a request is judged (see decideVerdict); absent for files. */
  readonly recording?: () => RecordingCoverage | undefined;
}

export interface Pairing {
  readonly cache: PreflightCache;
  push(event: RequestEvent): void;
  /**
   * The events of every request not judged yet (and of its preflights), with
   * the security contexts seen, in arrival order: replayed into a new pairing
   * they rebuild this one's open state (a service worker restarts from them).
   * Empty when the pairing was created with keepOpenEvents: false.
   */
  openEvents(): RequestEvent[];
  /**
   * Judges every request still open (as in flight) and returns, in start
   * order, those and the ones judged before (with keepJudged).
   */
  finish(): Transaction[];
  /**
   * The requests not judged yet, judged as they stand (most are "in-flight"),
   * without closing them: what an export taken now shows of them.
   */
  inFlight(): Transaction[];
  stats(): PairingStats;
}
