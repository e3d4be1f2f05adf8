import type { HeaderList } from '../fetch/headers.ts';
import type { CorsRequest } from '../cors/corsRequest.ts';
import type { Exchange, ObservedHop, ObservedPreflight, ObservedResponse, Verdict } from '../cors/verdict.ts';
import type { RequestContext } from './requestEvent.ts';
import type { RequestEvidence } from './wireEvidence.ts';

/**
 * A preflight as captured: its own request, paired with the hop it guarded.
 * What the engine reads of it (ObservedPreflight) and what views show, in one.
 */
export interface CapturedPreflight extends ObservedPreflight {
  readonly id: string;
  readonly url: string;
  readonly startTime: number;
  readonly endTime?: number;
  readonly requestHeaders: HeaderList;
  readonly response?: ObservedResponse;
  readonly responseTime?: number;
  readonly error?: string;
}

/**
 * One URL of the actual request: the first one, then one per redirect. The
 * hop the engine judged (ObservedHop: whether it went out, its network
 * error, its server's address space) with what views show besides.
 */
export interface CapturedHop extends ObservedHop {
  readonly url: string;
  readonly method: string;
  readonly startTime: number;
  /** Wire headers, when the hop went out. */
  readonly sentHeaders?: HeaderList;
  readonly sentTime?: number;
  readonly response?: ObservedResponse;
  readonly responseTime?: number;
  /** Where the browser went next, when this hop answered with a redirect. */
  readonly redirectTo?: string;
  readonly preflight?: CapturedPreflight;
}

/** A request and its hops as pairing captured them: what the engine judges (an Exchange), and what a Transaction holds. */
export interface Capture extends Exchange {
  readonly hops: readonly CapturedHop[];
}

export type TransactionState = 'in-flight' | 'completed' | 'failed';

/**
 * A CORS transaction: the actual request with the preflight(s) that guarded
 * it, and the engine's verdict. The unit every view and export works with.
 */
export interface Transaction extends Capture {
  /** The source's id of the actual request. */
  readonly id: string;
  readonly request: CorsRequest;
  /** How the request's mode, credentials and origin were established. */
  readonly evidence: RequestEvidence;
  readonly context?: RequestContext;
  readonly resourceType?: string;
  readonly startTime: number;
  readonly endTime?: number;
  readonly state: TransactionState;
  readonly error?: string;
  /**
   * Whether the source shows a request going out (webRequest, CDP): then a
   * hop without sent headers or a response was never sent. Absent when it
   * cannot tell (a HAR file without wire headers).
   */
  readonly sendingVisible?: boolean;
  readonly hops: readonly CapturedHop[];
  readonly verdict: Verdict;
}
