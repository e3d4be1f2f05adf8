import { CHROMIUM_RULES, chromiumOnlySafelisted, isBrowserRefusal, type BrowserRules } from '../browsers/browserRules.ts';
import { corsUnsafeRequestHeaderNames } from '../fetch/corsUnsafeRequestHeaderNames.ts';
import { getHeaders, type HeaderList } from '../fetch/headers.ts';
import { isHttpScheme, isSameOrigin } from '../fetch/origin.ts';
import type { PreflightCache, PreflightCacheKey } from '../cache/preflightCache.ts';
import { PREFLIGHT_CACHE_POLICIES } from '../cache/preflightLifetime.ts';
import { unrecordedBefore, type RecordingCoverage } from '../recording/recordingCoverage.ts';
import { checkCorsAccess, type CorsCheckFailure } from './corsCheck.ts';
import { isCorsEnabledMode, type CorsRequest } from './corsRequest.ts';
import { addressSpaceOfUrl, checkLocalNetworkAccess, isPotentiallyTrustworthyOrigin, LOCAL_NETWORK_ACCESS_ERROR, localNetworkAccessFailure } from './localNetworkAccess.ts';
import { isPreflightRequired } from './needsPreflight.ts';
import { checkPreflightResponse } from './preflightCheck.ts';
import { isAuthorizationCoveredByWildcard } from './preflightResult.ts';
import { dropRequestBodyHeaders, methodAfterRedirect, redirectContainsCredentials, redirectTarget } from './redirect.ts';
import { preflightBypassesCache, unsafeNamesForCheck } from './preflightEvidence.ts';
import { failureOf, mayBeCorsBlock, withFailureEvidence } from './failureEvidence.ts';
import { type Exchange, type HopVerdict, type ObservedHop, type ObservedResponse, type PreflightStatus, type Verdict, type VerdictNote, type VerdictOutcome, type VerdictStage } from './verdict.ts';

export interface VerdictOptions {
  /** The preflight-cache model: consulted for hops without a preflight, fed by passing preflights. */
  readonly cache?: PreflightCache;
  /** Store passing preflights in `cache` (default true). pairEvents stores them as they arrive instead. */
  readonly storePreflights?: boolean;
  /** Judge as this browser where its rules differ from Chromium's (src/core/browsers/); Chromium's by default. */
  readonly rules?: BrowserRules;
  /** What the live recording covered (absent for files): a preflight not seen says what it missed. */
  readonly recording?: RecordingCoverage;
}

/**
 * Decides what Chromium does with a CORS request, from what was observed of
 * it: hop by hop (one per redirect), the CORS flag and tainting, the
 * preflight (sent, served from the cache model, or not needed), the checks on
 * the preflight, on each redirect and on the final response, each in
 * Chromium's order (cors_url_loader.cc, preflight_controller.cc). The first
 * failing check is the verdict, named exactly as `Network.CorsError`.
 * Never throws on any header value.
 */
export function decideVerdict(exchange: Exchange, options: VerdictOptions = {}): Verdict {
  return withFailureEvidence(exchange, judgeCredentials(exchange, options));
}

/** The verdict for the credentials mode the capture shows, or, when it cannot show it, for the one the evidence supports. */
function judgeCredentials(exchange: Exchange, options: VerdictOptions): Verdict {
  const { request } = exchange;
  if (!request.credentialsAssumed || request.credentials === 'include') return walkHops(exchange, options);
  // Unknown credentials: judge both ways before touching the cache model.
  const included: Exchange = { ...exchange, request: { ...request, credentials: 'include' } };
  const withCredentials = walkHops(included, {});
  let withoutCredentials: Verdict | undefined;
  // Only a request the browser failed can leave credentials as the only
  // explanation; without a failure, that walk is not needed.
  if (withCredentials.blocked && failedAsCredentialsWould(exchange, withCredentials)) {
    withoutCredentials = walkHops(exchange, {});
    if (!withoutCredentials.blocked) {
      // The walks above left the cache model alone; with a model, walk again to consult and feed it.
      const verdict = options.cache ? walkHops(included, options) : withCredentials;
      return { ...verdict, notes: [...verdict.notes, { kind: 'credentials-inferred', credentials: 'include', reason: 'only-credentials-explain-the-failure' }] };
    }
  }
  const verdict = withoutCredentials && !options.cache ? withoutCredentials : walkHops(exchange, options);
  if (withCredentials.outcome === verdict.outcome && withCredentials.corsError === verdict.corsError) return verdict;
  const note: VerdictNote = {
    kind: 'credentials-assumed',
    alternative: {
      credentials: 'include',
      outcome: withCredentials.outcome,
      corsError: withCredentials.corsError,
      failedParameter: withCredentials.failedParameter,
    },
  };
  return { ...verdict, notes: [...verdict.notes, note] };
}

/**
 * The browser failed the request where the credentialed reading blocks it,
 * and in the way that reading says: a refused preflight stops the request
 * before it is sent, so the URL must not have been seen going out.
 */
function failedAsCredentialsWould(exchange: Exchange, withCredentials: Verdict): boolean {
  const error = failureOf(exchange);
  if (!error || !mayBeCorsBlock(error)) return false;
  const hop = exchange.hops[withCredentials.failedHop ?? -1];
  if (!hop) return false;
  return withCredentials.stage !== 'preflight' || (hop.sent !== true && hop.response === undefined);
}

/** What a walk over the hops has found so far; a verdict is made of it when the walk ends. */
interface Walk {
  corsFlag: boolean;
  preflight: PreflightStatus;
  readonly hops: HopVerdict[];
  readonly notes: VerdictNote[];
}

type WalkEnd = Partial<Pick<Verdict, 'failure' | 'stage' | 'failedHop' | 'failedResponse' | 'networkError' | 'response'>>;

function endWalk(walk: Walk, outcome: VerdictOutcome, end: WalkEnd = {}): Verdict {
  const failure = end.failure ?? null;
  return {
    outcome: outcome === 'allowed' && !walk.corsFlag ? 'not-cors' : outcome,
    blocked: outcome === 'blocked',
    corsError: failure?.corsError ?? null,
    failedParameter: failure?.failedParameter ?? null,
    failure,
    stage: end.stage ?? null,
    failedHop: end.failedHop ?? null,
    failedResponse: end.failedResponse ?? null,
    response: end.response ?? null,
    preflight: walk.preflight,
    hops: walk.hops,
    networkError: end.networkError ?? null,
    hiddenCauses: null,
    notes: walk.notes,
  };
}

function blockWalk(walk: Walk, failure: CorsCheckFailure, stage: VerdictStage, hop: number, response: ObservedResponse | null): Verdict {
  return endWalk(walk, 'blocked', { failure, stage, failedHop: hop, failedResponse: response });
}

function walkHops(exchange: Exchange, options: VerdictOptions): Verdict {
  const { request, hops } = exchange;
  const corsEnabled = isCorsEnabledMode(request.mode);
  const checksCors = corsEnabled || request.mode === 'same-origin';
  const walk: Walk = { corsFlag: false, preflight: 'not-needed', hops: [], notes: [] };
  const hopVerdicts = walk.hops;
  const notes = walk.notes;
  let method = request.method;
  let headers: HeaderList = request.headers;
  let tainted = false;

  // Checked by the renderer before anything is sent (fetch_manager.cc).
  if (request.mode === 'no-cors' && request.redirect !== 'follow') {
    return blockWalk(walk, { corsError: 'NoCorsRedirectModeNotFollow', failedParameter: '', header: null, received: `redirect: '${request.redirect}'`, needed: "redirect: 'follow' (the only mode no-cors allows)" }, 'request', 0, null);
  }
  if (hops.length === 0) return endWalk(walk, 'incomplete');

  for (let index = 0; index < hops.length; index++) {
    const hop = hops[index] as ObservedHop;
    if (checksCors && !isSameOrigin(request.initiatorOrigin, hop.url)) walk.corsFlag = true;
    const origin = tainted ? 'null' : request.initiatorOrigin;
    const announced = headers === request.headers ? request.unsafeHeaderNames : undefined;
    const preflightRequired = walk.corsFlag && (isPreflightRequired(method, headers, request.mode) || (announced !== undefined && announced.length > 0) || needsPreflightOnlyHere(options.rules, headers));
    // Every field from the start: see openRequests.ts.
    const hopVerdict: { -readonly [K in keyof HopVerdict]: HopVerdict[K] } = {
      url: hop.url,
      method,
      headers,
      origin,
      corsFlag: walk.corsFlag,
      tainted,
      preflightRequired,
      preflight: 'not-needed',
      preflightResult: undefined,
      cacheEntry: undefined,
      stored: undefined,
      cacheMiss: undefined,
    };
    hopVerdicts.push(hopVerdict);

    if (walk.corsFlag && !isHttpScheme(hop.url)) {
      // The renderer refuses the first URL and names its scheme; the network
      // service refuses a redirect to such a URL and names nothing (lab).
      const failedParameter = index === 0 ? schemeOf(hop.url) : '';
      return blockWalk(walk, { corsError: 'CorsDisabledScheme', failedParameter, header: null, received: hop.url, needed: 'an http: or https: URL' }, 'request', index, null);
    }
    if (walk.corsFlag && request.mode === 'same-origin') {
      // Chromium 156 refuses a cross-origin same-origin-mode request in the
      // renderer (DisallowedByMode, an Audits issue); when a redirect leads
      // there, the renderer refuses to follow with no CORS error at all
      // (loadingFailed with blockedReason "origin"), seen in the lab.
      if (index > 0) return endWalk(walk, 'network-error', { networkError: 'blocked:origin', failedHop: index, stage: 'redirect' });
      return blockWalk(walk, { corsError: 'DisallowedByMode', failedParameter: '', header: null, received: hop.url, needed: `a URL on ${request.initiatorOrigin}` }, 'request', index, null);
    }

    // Local Network Access is checked when the connection is made, for the
    // preflight as for the request, whatever the CORS mode. A hop that went
    // out proves the check passed (the permission may have been granted).
    if (request.localNetworkAccess && hop.sent !== true && !hop.response) {
      const target = hop.addressSpace ?? addressSpaceOfUrl(hop.url);
      const failure = checkLocalNetworkAccess(request.localNetworkAccess, target);
      if (failure) {
        // The preflight, if any, started and failed at the same check.
        if (hop.preflight) {
          walk.preflight = 'sent';
          hopVerdict.preflight = 'sent';
        }
        return blockWalk(walk, failure, 'connection', index, null);
      }
    }

    // A preflight seen is a preflight sent, predicted or not (an XHR with an
    // upload listener is preflighted although its method and headers are
    // simple: the use-CORS-preflight flag).
    if (walk.corsFlag && (preflightRequired || hop.preflight)) {
      if (!preflightRequired) notes.push({ kind: 'preflight-not-predicted', hop: index });
      const key: PreflightCacheKey = { origin: request.initiatorOrigin, url: hop.url };
      const unsafeNames = announced ?? unsafeNamesForCheck(headers, hop.preflight?.requestHeaders);
      // The browser consults its cache before the preflight starts (which
      // some HAR writers place before the request itself).
      const lookupAt = Math.min(hop.startTime ?? Infinity, hop.preflight?.startTime ?? Infinity);
      const query = { key, method, headers, credentials: request.credentials, unsafeNames };
      const at = Number.isFinite(lookupAt) ? lookupAt : 0;
      if (hop.preflight) {
        walk.preflight = 'sent';
        hopVerdict.preflight = 'sent';
        const predicted = options.cache?.lookup(query, at);
        if (predicted?.hit) {
          const bypass = request.bypassPreflightCache === true || preflightBypassesCache(hop.preflight.requestHeaders);
          notes.push({ kind: 'preflighted-despite-cache', hop: index, reason: bypass ? 'bypass' : 'unknown', entry: predicted.entry });
          hopVerdict.cacheMiss = { reason: bypass ? 'bypass-requested' : 'no-entry', failure: undefined };
        } else if (predicted) {
          hopVerdict.cacheMiss = { reason: predicted.reason, failure: predicted.failure };
        }
        const { response } = hop.preflight;
        if (response) {
          const rules = options.rules ?? CHROMIUM_RULES;
          const preflightOrigin = tainted && rules.preflightOriginAfterTaint === 'initiator' ? request.initiatorOrigin : origin;
          const checksAccess = rules.checksPreflightToOwnOrigin || !isSameOrigin(request.initiatorOrigin, hop.url);
          const check = checkPreflightResponse({ url: hop.url, method, headers, credentials: request.credentials, origin: preflightOrigin, response, unsafeNames, checksAccess });
          if (!check.passed) return blockWalk(walk, announced ? withOrderUnknown(check.failure) : check.failure, 'preflight', index, response);
          hopVerdict.preflightResult = check.result;
          if (isAuthorizationCoveredByWildcard(check.result, unsafeNames ?? corsUnsafeRequestHeaderNames(headers))) notes.push({ kind: 'authorization-covered-by-wildcard' });
          if (options.cache && options.storePreflights !== false) {
            hopVerdict.stored = options.cache.store(key, check.result, hop.preflight.responseTime ?? hop.preflight.startTime ?? hop.startTime ?? 0);
          }
        } else if (!hop.response) {
          const error = hop.preflight.networkError;
          if (error === LOCAL_NETWORK_ACCESS_ERROR) return blockWalk(walk, localNetworkAccessFailure(isSecureContext(request)), 'connection', index, null);
          // net::ERR_FAILED without any answer is no network failure: the
          // browser refused the preflight itself (Local Network Access, seen
          // through webRequest), for a reason this capture does not show.
          if (isBrowserRefusal(error)) return endWalk(walk, 'undetermined', { networkError: error, failedHop: index, stage: 'preflight' });
          if (error) return endWalk(walk, 'network-error', { networkError: error, failedHop: index, stage: 'preflight' });
          return endWalk(walk, 'incomplete');
        }
      } else {
        // A cache hit is claimed only when the model holds the entry that served it.
        const lookup = options.cache?.lookup(query, at);
        if (lookup?.hit) {
          hopVerdict.preflight = 'cache-hit';
          hopVerdict.cacheEntry = lookup.entry;
        } else if (exchange.preflightsRecorded === false) {
          hopVerdict.preflight = 'not-recorded';
        } else {
          hopVerdict.preflight = 'not-seen';
          if (lookup) hopVerdict.cacheMiss = { reason: lookup.reason, failure: lookup.failure };
          const lifetime = PREFLIGHT_CACHE_POLICIES[(options.rules ?? CHROMIUM_RULES).cache].capSeconds;
          notes.push({ kind: 'preflight-not-seen', hop: index, ...(options.recording ? { unrecorded: unrecordedBefore(options.recording, at, lifetime) } : {}) });
        }
        walk.preflight = strongerPreflightStatus(walk.preflight, hopVerdict.preflight);
      }
    }

    const { response } = hop;
    if (!response) return endWithoutResponse(request, hop, index, walk);

    const target = redirectTarget(response.status, response.headers, hop.url);
    if (target === null) {
      if (!walk.corsFlag) return endWalk(walk, 'allowed', { response });
      const failure = checkCorsAccess(accessInput(response, origin, request.credentials, hop.url));
      if (failure) return blockWalk(walk, failure, 'response', index, response);
      return endWalk(walk, 'allowed', { response });
    }

    if (walk.corsFlag && corsEnabled) {
      const failure = checkCorsAccess(accessInput(response, origin, request.credentials, hop.url));
      if (failure) return blockWalk(walk, failure, 'redirect', index, response);
    }
    if (request.redirect === 'manual') return endWalk(walk, 'allowed', { response });
    if (request.redirect === 'error') return endWalk(walk, 'network-error', { networkError: 'redirect mode is "error"', failedHop: index, stage: 'redirect' });
    if (redirectContainsCredentials({ location: target, corsEnabledMode: corsEnabled, corsFlag: walk.corsFlag, tainted, initiatorOrigin: request.initiatorOrigin })) {
      return blockWalk(walk, { corsError: 'RedirectContainsCredentials', failedParameter: '', header: 'Location', received: target, needed: 'a URL without user name or password' }, 'redirect', index, response);
    }
    if (!isSameOrigin(target, hop.url) && !isSameOrigin(request.initiatorOrigin, hop.url)) tainted = true;
    const nextMethod = methodAfterRedirect(response.status, method);
    if (nextMethod !== method) headers = dropRequestBodyHeaders(headers);
    method = nextMethod;
    if (index === hops.length - 1) return endWalk(walk, 'incomplete');
  }
  return endWalk(walk, 'incomplete');
}

/** A header this browser does not safelist though Chromium does (Firefox and the client hints). */
function needsPreflightOnlyHere(rules: BrowserRules | undefined, headers: HeaderList): boolean {
  return rules !== undefined && !rules.safelistsChromiumExtras && chromiumOnlySafelisted(headers).length > 0;
}

function endWithoutResponse(request: CorsRequest, hop: ObservedHop, index: number, walk: Walk): Verdict {
  if (!hop.networkError) return endWalk(walk, 'incomplete');
  if (hop.networkError === LOCAL_NETWORK_ACCESS_ERROR) {
    const failure = localNetworkAccessFailure(isSecureContext(request));
    return endWalk(walk, 'blocked', { failure, stage: 'connection', failedHop: index });
  }
  // Chromium fails every CORS-blocked request with net::ERR_FAILED; Firefox
  // records no reason at all. With no response headers in the trace
  // (Chrome's HAR export drops them), the reason cannot be re-derived: say
  // so rather than guess.
  if (walk.corsFlag && mayBeCorsBlock(hop.networkError)) {
    return endWalk(walk, 'undetermined', { networkError: hop.networkError, failedHop: index });
  }
  return endWalk(walk, 'network-error', { networkError: hop.networkError, failedHop: index });
}

// What a transaction says of its preflights when its hops differ: one sent
// is sent; a needed one nobody saw outweighs one the model explains.
const PREFLIGHT_STATUS_WEIGHT: Readonly<Record<PreflightStatus, number>> = { 'not-needed': 0, 'cache-hit': 1, 'not-recorded': 2, 'not-seen': 3, sent: 4 };

function strongerPreflightStatus(a: PreflightStatus, b: PreflightStatus): PreflightStatus {
  return PREFLIGHT_STATUS_WEIGHT[b] > PREFLIGHT_STATUS_WEIGHT[a] ? b : a;
}

function isSecureContext(request: CorsRequest): boolean {
  return request.localNetworkAccess?.initiatorIsSecureContext ?? isPotentiallyTrustworthyOrigin(request.initiatorOrigin);
}

/**
 * With only the preflight's sorted list of header names, which missing one
 * Chromium names first (in its own header order) is unknown: keep them all.
 */
function withOrderUnknown(failure: CorsCheckFailure): CorsCheckFailure {
  if (failure.corsError !== 'HeaderDisallowedByPreflightResponse') return failure;
  const missing = failure.needed.split(', ');
  return missing.length > 1 ? { ...failure, candidates: missing } : failure;
}

function schemeOf(url: string): string {
  const match = /^([a-zA-Z][a-zA-Z0-9+.-]*):/.exec(url);
  return match ? (match[1] ?? '').toLowerCase() : '';
}

const ACCESS_HEADERS = ['access-control-allow-origin', 'access-control-allow-credentials'] as const;

function accessInput(response: ObservedResponse, origin: string, credentials: CorsRequest['credentials'], url: string) {
  const [allowOrigin, allowCredentials] = getHeaders(response.headers, ACCESS_HEADERS);
  return {
    allowOrigin,
    allowCredentials,
    origin,
    credentials,
    responseUrl: url,
  };
}
