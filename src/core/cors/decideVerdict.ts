import { corsUnsafeRequestHeaderNames } from '../fetch/corsUnsafeRequestHeaderNames.ts';
import { getHeader, type HeaderList } from '../fetch/headers.ts';
import { isHttpScheme, isSameOrigin } from '../fetch/origin.ts';
import type { PreflightCache, PreflightCacheKey } from '../cache/preflightCache.ts';
import { checkCorsAccess, type CorsCheckFailure } from './corsCheck.ts';
import { isCorsEnabledMode, type CorsRequest } from './corsRequest.ts';
import { addressSpaceOfUrl, checkLocalNetworkAccess, isPotentiallyTrustworthyOrigin, LOCAL_NETWORK_ACCESS_ERROR, localNetworkAccessFailure } from './localNetworkAccess.ts';
import { isPreflightRequired } from './needsPreflight.ts';
import { checkPreflightResponse } from './preflightCheck.ts';
import { isAuthorizationCoveredByWildcard } from './preflightResult.ts';
import { dropRequestBodyHeaders, methodAfterRedirect, redirectContainsCredentials, redirectTarget } from './redirect.ts';
import { preflightBypassesCache, unsafeNamesForCheck } from './preflightEvidence.ts';
import { UNKNOWN_FAILURE, type Exchange, type HopVerdict, type ObservedHop, type ObservedResponse, type PreflightStatus, type Verdict, type VerdictNote, type VerdictOutcome, type VerdictStage } from './verdict.ts';

export interface VerdictOptions {
  /** The preflight-cache model: consulted for hops without a preflight, fed by passing preflights. */
  readonly cache?: PreflightCache;
  /** Store passing preflights in `cache` (default true). pairEvents stores them as they arrive instead. */
  readonly storePreflights?: boolean;
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
  const { request } = exchange;
  if (!request.credentialsAssumed || request.credentials === 'include') return walkHops(exchange, options);
  // Unknown credentials: judge both ways before touching the cache model.
  const withoutCredentials = walkHops(exchange, {});
  const withCredentials = walkHops({ ...exchange, request: { ...request, credentials: 'include' } }, {});
  // The walks above left the cache model alone; with a model, walk again to consult and feed it.
  if (onlyCredentialsExplainFailure(exchange, withoutCredentials, withCredentials)) {
    const verdict = options.cache ? walkHops({ ...exchange, request: { ...request, credentials: 'include' } }, options) : withCredentials;
    return { ...verdict, notes: [...verdict.notes, { kind: 'credentials-inferred', credentials: 'include', reason: 'only-credentials-explain-the-failure' }] };
  }
  const verdict = options.cache ? walkHops(exchange, options) : withoutCredentials;
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
 * The browser failed the request before sending it at some URL, the
 * preflight there passes unless credentials were included, and with them it
 * fails: then credentials were included. Only a capture that would have shown
 * the request going out (`sent === false`) can say this.
 */
function onlyCredentialsExplainFailure(exchange: Exchange, without: Verdict, withCredentials: Verdict): boolean {
  if (without.blocked || !withCredentials.blocked || withCredentials.stage !== 'preflight') return false;
  const hop = exchange.hops[withCredentials.failedHop ?? -1];
  return hop !== undefined && hop.sent === false && hop.networkError === 'net::ERR_FAILED' && hop.response === undefined;
}

function walkHops(exchange: Exchange, options: VerdictOptions): Verdict {
  const { request, hops } = exchange;
  const corsEnabled = isCorsEnabledMode(request.mode);
  const checksCors = corsEnabled || request.mode === 'same-origin';
  const hopVerdicts: HopVerdict[] = [];
  const notes: VerdictNote[] = [];
  let method = request.method;
  let headers: HeaderList = request.headers;
  let corsFlag = false;
  let tainted = false;
  let preflight: PreflightStatus = 'not-needed';

  const finish = (outcome: VerdictOutcome, extra: Partial<Pick<Verdict, 'failure' | 'stage' | 'failedHop' | 'failedResponse' | 'networkError' | 'response'>> = {}): Verdict => {
    const failure = extra.failure ?? null;
    return {
      outcome: outcome === 'allowed' && !corsFlag ? 'not-cors' : outcome,
      blocked: outcome === 'blocked',
      corsError: failure?.corsError ?? null,
      failedParameter: failure?.failedParameter ?? null,
      failure,
      stage: extra.stage ?? null,
      failedHop: extra.failedHop ?? null,
      failedResponse: extra.failedResponse ?? null,
      response: extra.response ?? null,
      preflight,
      hops: hopVerdicts,
      networkError: extra.networkError ?? null,
      notes,
    };
  };
  const block = (failure: CorsCheckFailure, stage: VerdictStage, hop: number, response: ObservedResponse | null): Verdict =>
    finish('blocked', { failure, stage, failedHop: hop, failedResponse: response });

  // Checked by the renderer before anything is sent (fetch_manager.cc).
  if (request.mode === 'no-cors' && request.redirect !== 'follow') {
    return block({ corsError: 'NoCorsRedirectModeNotFollow', failedParameter: '', header: null, received: `redirect: '${request.redirect}'`, needed: "redirect: 'follow' (the only mode no-cors allows)" }, 'request', 0, null);
  }
  if (hops.length === 0) return finish('incomplete');

  for (let index = 0; index < hops.length; index++) {
    const hop = hops[index] as ObservedHop;
    if (checksCors && !isSameOrigin(request.initiatorOrigin, hop.url)) corsFlag = true;
    const origin = tainted ? 'null' : request.initiatorOrigin;
    const announced = headers === request.headers ? request.unsafeHeaderNames : undefined;
    const preflightRequired = corsFlag && (isPreflightRequired(method, headers, request.mode) || (announced !== undefined && announced.length > 0));
    const hopVerdict: { -readonly [K in keyof HopVerdict]: HopVerdict[K] } = { url: hop.url, method, headers, origin, corsFlag, tainted, preflightRequired, preflight: 'not-needed' };
    hopVerdicts.push(hopVerdict);

    if (corsFlag && !isHttpScheme(hop.url)) {
      // The renderer refuses the first URL and names its scheme; the network
      // service refuses a redirect to such a URL and names nothing (lab).
      const failedParameter = index === 0 ? schemeOf(hop.url) : '';
      return block({ corsError: 'CorsDisabledScheme', failedParameter, header: null, received: hop.url, needed: 'an http: or https: URL' }, 'request', index, null);
    }
    if (corsFlag && request.mode === 'same-origin') {
      // Chromium 156 refuses a cross-origin same-origin-mode request in the
      // renderer (DisallowedByMode, an Audits issue); when a redirect leads
      // there, the renderer refuses to follow with no CORS error at all
      // (loadingFailed with blockedReason "origin"), seen in the lab.
      if (index > 0) return finish('network-error', { networkError: 'blocked:origin', failedHop: index, stage: 'redirect' });
      return block({ corsError: 'DisallowedByMode', failedParameter: '', header: null, received: hop.url, needed: `a URL on ${request.initiatorOrigin}` }, 'request', index, null);
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
          preflight = 'sent';
          hopVerdict.preflight = 'sent';
        }
        return block(failure, 'connection', index, null);
      }
    }

    if (preflightRequired) {
      const key: PreflightCacheKey = { origin: request.initiatorOrigin, url: hop.url };
      const unsafeNames = announced ?? unsafeNamesForCheck(headers, hop.preflight?.requestHeaders);
      // The browser consults its cache before the preflight starts (which
      // some HAR writers place before the request itself).
      const lookupAt = Math.min(hop.startTime ?? Infinity, hop.preflight?.startTime ?? Infinity);
      const query = { key, method, headers, credentials: request.credentials, ...(unsafeNames ? { unsafeNames } : {}) };
      const at = Number.isFinite(lookupAt) ? lookupAt : 0;
      if (hop.preflight) {
        preflight = 'sent';
        hopVerdict.preflight = 'sent';
        const bypass = request.bypassPreflightCache === true || preflightBypassesCache(hop.preflight.requestHeaders);
        const predicted = options.cache?.lookup(query, at);
        if (predicted?.hit) {
          notes.push({ kind: 'preflighted-despite-cache', hop: index, reason: bypass ? 'bypass' : 'unknown', entry: predicted.entry });
          hopVerdict.cacheMiss = { reason: bypass ? 'bypass-requested' : 'no-entry' };
        } else if (predicted) {
          hopVerdict.cacheMiss = { reason: predicted.reason, ...(predicted.failure ? { failure: predicted.failure } : {}) };
        }
        const { response } = hop.preflight;
        if (response) {
          const check = checkPreflightResponse({ url: hop.url, method, headers, credentials: request.credentials, origin, response, ...(unsafeNames ? { unsafeNames } : {}) });
          if (!check.passed) return block(announced ? withOrderUnknown(check.failure) : check.failure, 'preflight', index, response);
          hopVerdict.preflightResult = check.result;
          if (isAuthorizationCoveredByWildcard(check.result, unsafeNames ?? corsUnsafeRequestHeaderNames(headers))) notes.push({ kind: 'authorization-covered-by-wildcard' });
          if (options.cache && options.storePreflights !== false) {
            hopVerdict.stored = options.cache.store(key, check.result, hop.preflight.responseTime ?? hop.preflight.startTime ?? hop.startTime ?? 0);
          }
        } else if (!hop.response) {
          const error = hop.preflight.networkError;
          if (error === LOCAL_NETWORK_ACCESS_ERROR) return block(localNetworkAccessFailure(isSecureContext(request)), 'connection', index, null);
          // net::ERR_FAILED without any answer is no network failure: the
          // browser refused the preflight itself (Local Network Access, seen
          // through webRequest), for a reason this capture does not show.
          if (error === 'net::ERR_FAILED') return finish('undetermined', { networkError: error, failedHop: index, stage: 'preflight' });
          if (error) return finish('network-error', { networkError: error, failedHop: index, stage: 'preflight' });
          return finish('incomplete');
        }
      } else {
        const lookup = options.cache?.lookup(query, at);
        if (lookup?.hit) {
          hopVerdict.preflight = 'cache-hit';
          hopVerdict.cacheEntry = lookup.entry;
          if (preflight !== 'sent') preflight = 'cache-hit';
        } else if (exchange.preflightsRecorded === false) {
          hopVerdict.preflight = 'not-recorded';
          if (preflight !== 'sent') preflight = 'not-recorded';
        } else {
          hopVerdict.preflight = 'unobserved';
          if (lookup) hopVerdict.cacheMiss = { reason: lookup.reason, ...(lookup.failure ? { failure: lookup.failure } : {}) };
          notes.push({ kind: 'preflight-cache-entry-not-observed', hop: index });
          if (preflight !== 'sent') preflight = 'cache-hit';
        }
      }
    }

    const { response } = hop;
    if (!response) return endWithoutResponse(request, hop, index, corsFlag, finish);

    const target = redirectTarget(response.status, response.headers, hop.url);
    if (target === null) {
      if (!corsFlag) return finish('allowed', { response });
      const failure = checkCorsAccess(accessInput(response, origin, request.credentials, hop.url));
      if (failure) return block(failure, 'response', index, response);
      return finish('allowed', { response });
    }

    if (corsFlag && corsEnabled) {
      const failure = checkCorsAccess(accessInput(response, origin, request.credentials, hop.url));
      if (failure) return block(failure, 'redirect', index, response);
    }
    if (request.redirect === 'manual') return finish('allowed', { response });
    if (request.redirect === 'error') return finish('network-error', { networkError: 'redirect mode is "error"', failedHop: index, stage: 'redirect' });
    if (redirectContainsCredentials({ location: target, corsEnabledMode: corsEnabled, corsFlag, tainted, initiatorOrigin: request.initiatorOrigin })) {
      return block({ corsError: 'RedirectContainsCredentials', failedParameter: '', header: 'Location', received: target, needed: 'a URL without user name or password' }, 'redirect', index, response);
    }
    if (!isSameOrigin(target, hop.url) && !isSameOrigin(request.initiatorOrigin, hop.url)) tainted = true;
    const nextMethod = methodAfterRedirect(response.status, method);
    if (nextMethod !== method) headers = dropRequestBodyHeaders(headers);
    method = nextMethod;
    if (index === hops.length - 1) return finish('incomplete');
  }
  return finish('incomplete');
}

function endWithoutResponse(request: CorsRequest, hop: ObservedHop, index: number, corsFlag: boolean, finish: (outcome: VerdictOutcome, extra?: Partial<Verdict>) => Verdict): Verdict {
  if (!hop.networkError) return finish('incomplete');
  if (hop.networkError === LOCAL_NETWORK_ACCESS_ERROR) {
    const failure = localNetworkAccessFailure(isSecureContext(request));
    return finish('blocked', { failure, stage: 'connection', failedHop: index });
  }
  // Chromium fails every CORS-blocked request with net::ERR_FAILED; Firefox
  // records no reason at all. With no response headers in the trace
  // (Chrome's HAR export drops them), the reason cannot be re-derived: say
  // so rather than guess.
  if (corsFlag && (hop.networkError === 'net::ERR_FAILED' || hop.networkError === UNKNOWN_FAILURE)) {
    return finish('undetermined', { networkError: hop.networkError, failedHop: index });
  }
  return finish('network-error', { networkError: hop.networkError, failedHop: index });
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

function accessInput(response: ObservedResponse, origin: string, credentials: CorsRequest['credentials'], url: string) {
  return {
    allowOrigin: getHeader(response.headers, 'Access-Control-Allow-Origin'),
    allowCredentials: getHeader(response.headers, 'Access-Control-Allow-Credentials'),
    origin,
    credentials,
    responseUrl: url,
  };
}
