import type { BrowserRules } from '../browsers/browserRules.ts';
import type { PreflightCache } from '../cache/preflightCache.ts';
import type { HeaderReader, UnsafeHeaders } from '../fetch/corsUnsafeRequestHeaderNames.ts';
import type { HeaderList } from '../fetch/headers.ts';
import type { UrlReader } from '../fetch/urlParts.ts';
import type { RecordingCoverage } from '../recording/recordingCoverage.ts';
import type { CorsCheckFailure } from './corsCheck.ts';
import type { CorsRequest } from './corsRequest.ts';
import type { PreflightChecks } from './preflightChecks.ts';
import type { Exchange, HopVerdict, ObservedHop, PreflightStatus, Verdict, VerdictNote, VerdictOutcome, VerdictStage } from './verdict.ts';

export interface VerdictOptions {
  /** The preflight-cache model: consulted for hops without a preflight, fed by passing preflights. */
  readonly cache?: PreflightCache;
  /** Store passing preflights in `cache` (default true). pairEvents stores them as they arrive instead. */
  readonly storePreflights?: boolean;
  /** Judge as this browser where its rules differ from Chromium's (src/core/browsers/); Chromium's by default. */
  readonly rules?: BrowserRules;
  /** The checks already made of this stream's preflights (pairing's): each is answered once. */
  readonly preflightChecks?: PreflightChecks;
  /** What the live recording covered (absent for files): a preflight not seen says what it missed. */
  readonly recording?: RecordingCoverage;
  /** Reads a header list for CORS (readUnsafeHeaders); pairing passes its own, which reads each list once. */
  readonly readHeaders?: HeaderReader;
  /** Parses URLs (urlParts); pairing passes its own, which parses each URL once. */
  readonly readUrl?: UrlReader;
}

/**
 * One walk over a request's hops, in Chromium's stages (request, preflight,
 * redirect, response: one module each): what it judges with, and what it has
 * found so far. A verdict is made of it when the walk ends.
 */
export interface Walk {
  readonly exchange: Exchange;
  readonly request: CorsRequest;
  readonly options: VerdictOptions;
  readonly checks: PreflightChecks;
  corsFlag: boolean;
  preflight: PreflightStatus;
  readonly hops: HopVerdict[];
  readonly notes: VerdictNote[];
}

/** A HopVerdict while its stages fill it in. */
export type OpenHopVerdict = { -readonly [K in keyof HopVerdict]: HopVerdict[K] };

/** The hop the walk has reached: what was observed there, and what the request is by then. */
export interface HopStep {
  readonly index: number;
  readonly hop: ObservedHop;
  readonly verdict: OpenHopVerdict;
  readonly method: string;
  readonly headers: HeaderList;
  readonly unsafe: UnsafeHeaders;
  /** Whether the hop's URL is on another origin than the initiator's (decided once per hop: several stages ask). */
  readonly crossOrigin: boolean;
  /** The Origin sent here: "null" once tainted. */
  readonly origin: string;
  readonly tainted: boolean;
  /** The unsafe header names a preflight announced, when the capture has only those (first header list only). */
  readonly announced: readonly string[] | undefined;
}

type WalkEnd = Partial<Pick<Verdict, 'failure' | 'stage' | 'failedHop' | 'networkError' | 'responseHop'>>;

export function endWalk(walk: Walk, outcome: VerdictOutcome, end: WalkEnd = {}): Verdict {
  const failure = end.failure ?? null;
  return {
    outcome: outcome === 'allowed' && !walk.corsFlag ? 'not-cors' : outcome,
    failure,
    stage: end.stage ?? null,
    failedHop: end.failedHop ?? null,
    responseHop: end.responseHop ?? null,
    preflight: walk.preflight,
    hops: walk.hops,
    networkError: end.networkError ?? null,
    hiddenCauses: null,
    notes: walk.notes,
  };
}

export function blockWalk(walk: Walk, failure: CorsCheckFailure, stage: VerdictStage, hop: number): Verdict {
  return endWalk(walk, 'blocked', { failure, stage, failedHop: hop });
}
