import type { UnrecordedBefore } from '../recording/recordingCoverage.ts';
import type { HeaderList } from '../fetch/headers.ts';
import type { CacheMissReason, PreflightCacheEntry, StoreOutcome } from '../cache/preflightCache.ts';
import type { CorsCheckFailure } from './corsCheck.ts';
import type { CorsError } from './corsError.ts';
import type { CorsRequest } from './corsRequest.ts';
import type { IpAddressSpace } from './localNetworkAccess.ts';
import type { PreflightNeed } from './needsPreflight.ts';
import type { PreflightResult } from './preflightResult.ts';

export interface ObservedResponse {
  readonly status: number;
  readonly statusText?: string;
  readonly headers: HeaderList;
  /** The IP address space of the server that answered (CDP resourceIPAddressSpace). */
  readonly addressSpace?: IpAddressSpace;
}

/** A preflight as seen on the wire for one hop of a request. */
export interface ObservedPreflight {
  /** The OPTIONS request's headers as sent (Origin, Access-Control-Request-*). */
  readonly requestHeaders?: HeaderList;
  readonly response?: ObservedResponse;
  /** A network failure (`net::ERR_CONNECTION_REFUSED`...); a CORS failure is judged from `response`. */
  readonly error?: string;
  /** Epoch ms: when the preflight started, and when its response arrived. */
  readonly startTime?: number;
  readonly responseTime?: number;
}

/** The network error of a failure whose source recorded no reason (Firefox and Playwright HARs). */
export const UNKNOWN_FAILURE = 'failed (no reason recorded)';

/** One URL of a request: the first, then one per redirect followed. */
export interface ObservedHop {
  readonly url: string;
  readonly startTime?: number;
  readonly preflight?: ObservedPreflight;
  /** The answer to the actual request at this URL; a redirect is a 3xx with Location. */
  readonly response?: ObservedResponse;
  /** Epoch ms: when that answer arrived. */
  readonly responseTime?: number;
  readonly networkError?: string;
  /**
   * Whether the actual request went out on the wire at this URL: false when
   * the capture would have shown it (CDP, webRequest) and did not; undefined
   * when the capture cannot tell (a HAR entry with only provisional headers).
   */
  readonly sent?: boolean;
  /** The server's IP address space, when known from this or an earlier response of the same host. */
  readonly addressSpace?: IpAddressSpace;
}

/** A request and what was observed of it: the engine's whole input for one verdict. */
export interface Exchange {
  readonly request: CorsRequest;
  readonly hops: readonly ObservedHop[];
  /** False when the capture never records preflights (Playwright's recordHar, Firefox's HAR export). */
  readonly preflightsRecorded?: boolean;
}

/**
 * Whether a preflight went out for the request (it was seen), a cached one
 * served it (the cache model holds the entry that did), or none was needed;
 * `not-seen` when one was needed, none was seen and the model holds no entry
 * that explains it (recording began after the entry was made, another
 * network partition, a source that hides preflights); `not-recorded` when
 * one was needed and the capture tool never records preflights.
 */
export type PreflightStatus = 'sent' | 'cache-hit' | 'not-needed' | 'not-seen' | 'not-recorded';

export type VerdictOutcome =
  /** CORS did not stop the response from reaching script. */
  | 'allowed'
  /** CORS stopped it: `failure` says why. */
  | 'blocked'
  /** The network failed (refused, reset, aborted...): not a CORS decision. */
  | 'network-error'
  /** The trace ends before the request did. */
  | 'incomplete'
  /** The browser failed the request but the capture does not show why: `hiddenCauses` lists what it may have been. */
  | 'undetermined'
  /** CORS does not apply (same-origin, no-cors, navigation). */
  | 'not-cors';

export type VerdictStage = 'request' | 'connection' | 'preflight' | 'redirect' | 'response';

/** What the engine concluded about one hop (its URL is the capture's: `hops[i].url`). */
export interface HopVerdict {
  readonly method: string;
  /** The request's headers at this hop (a method change drops the body's). */
  readonly headers: HeaderList;
  /** The Origin the browser sent: "null" once the request is tainted by a redirect. */
  readonly origin: string;
  readonly corsFlag: boolean;
  readonly tainted: boolean;
  /** Why this hop was, or was not, preflighted: each rule its method and headers break or meet. */
  readonly preflightNeed: PreflightNeed;
  /** Whether this hop needed a preflight: for a reason in preflightNeed, or a header only this browser does not safelist (Firefox and Chromium's client hints). */
  readonly preflightRequired: boolean;
  readonly preflight: PreflightStatus;
  readonly preflightResult?: PreflightResult;
  readonly cacheEntry?: PreflightCacheEntry;
  readonly stored?: StoreOutcome;
  /** Set when the cache model expected a hit but the browser sent a preflight, or when a needed entry was missing. */
  readonly cacheMiss?: { readonly reason: CacheMissReason | 'bypass-requested'; readonly failure?: CorsCheckFailure };
}

export type VerdictNote =
  | { readonly kind: 'authorization-covered-by-wildcard' }
  | { readonly kind: 'credentials-inferred'; readonly credentials: 'include'; readonly reason: 'only-credentials-explain-the-failure' }
  | {
      readonly kind: 'credentials-assumed';
      readonly alternative: {
        readonly credentials: 'include';
        readonly outcome: VerdictOutcome;
        readonly corsError: CorsError | null;
        readonly failedParameter: string | null;
      };
    }
  /**
   * `unrecorded`: what a live recording missed before the request (absent
   * for a file, whose recording is not known): when it began, and when it
   * was interrupted, within the life of a preflight cache entry.
   */
  | { readonly kind: 'preflight-not-seen'; readonly hop: number; readonly unrecorded?: UnrecordedBefore }
  /** A preflight went out although the method and headers did not call for one (the use-CORS-preflight flag). */
  | { readonly kind: 'preflight-not-predicted'; readonly hop: number }
  /**
   * `credentials-unknown`: the capture cannot show the request's credentials
   * (no cookie to send), and the entry the model used would not serve the
   * request had it been made with them.
   */
  | {
      readonly kind: 'preflighted-despite-cache';
      readonly hop: number;
      readonly reason: 'bypass' | 'credentials-unknown' | 'unknown';
      readonly entry?: PreflightCacheEntry;
    };

/**
 * What may have failed a request whose capture shows nothing wrong with its
 * CORS headers, with the CorsErrors Chromium would then report (none when
 * the cause is not a CORS check).
 */
export type HiddenCause =
  /** Local Network Access, checked at the connection: a fetch() targetAddressSpace that does not match the server's, or a permission not granted. */
  | { readonly kind: 'local-network-access'; readonly corsErrors: readonly CorsError[] }
  /** The page is https and the URL http: Chromium refuses mixed content before sending. */
  | { readonly kind: 'mixed-content'; readonly corsErrors: readonly [] }
  /** The capture holds no answer to the request, so a check on a response cannot be ruled out. */
  | { readonly kind: 'response-not-captured'; readonly corsErrors: readonly [] }
  /** An extension or a content blocker refused or changed the request. */
  | { readonly kind: 'extension'; readonly corsErrors: readonly [] }
  /** A service worker answered the request in the page's place. */
  | { readonly kind: 'service-worker'; readonly corsErrors: readonly [] };

export interface Verdict {
  readonly outcome: VerdictOutcome;
  /** The check that failed, with Chromium's `CorsError` and failed parameter (corsErrorOf, failedParameterOf); null unless blocked. */
  readonly failure: CorsCheckFailure | null;
  readonly stage: VerdictStage | null;
  /** Index in `hops` of the hop that failed; a blocked verdict's failing response is that hop's (failedResponseOf). */
  readonly failedHop: number | null;
  /**
   * Index in `hops` of the hop whose answer CORS let through (the last one;
   * a redirect's with redirect: 'manual'): what script reads (responseOf).
   * Null when no answer got that far.
   */
  readonly responseHop: number | null;
  readonly preflight: PreflightStatus;
  readonly hops: readonly HopVerdict[];
  readonly networkError: string | null;
  /** For an undetermined verdict: what the failure may have been, most likely first. */
  readonly hiddenCauses: readonly HiddenCause[] | null;
  readonly notes: readonly VerdictNote[];
}

/**
 * Whether the browser refused the request: blocked with a known CorsError,
 * or failed with Chromium's CORS error code (net::ERR_FAILED) for a reason
 * the capture does not show. A failure without a recorded reason (Firefox
 * and Playwright HARs) may be a network error: it is not counted.
 */
export function isRefused(verdict: Pick<Verdict, 'outcome' | 'networkError'>): boolean {
  return verdict.outcome === 'blocked' || (verdict.outcome === 'undetermined' && verdict.networkError === 'net::ERR_FAILED');
}
