import { CHROMIUM_RULES, isBrowserRefusal } from '../browsers/browserRules.ts';
import type { PreflightCacheEntry, PreflightCacheKey } from '../cache/preflightCache.ts';
import type { CorsCheckFailure } from './corsCheck.ts';
import { blockWalk, endWalk, type HopStep, type Walk } from './hopWalk.ts';
import { LOCAL_NETWORK_ACCESS_ERROR, localNetworkAccessFailure } from './localNetworkAccess.ts';
import { preflightBypassesCache, unsafeNamesForCheck } from './preflightEvidence.ts';
import { isAuthorizationCoveredByWildcard } from './preflightResult.ts';
import { isSecureContext } from './requestStage.ts';
import { servedWithoutPreflight } from './servedWithoutPreflight.ts';
import type { ObservedPreflight, Verdict } from './verdict.ts';

/**
 * The preflight stage at a hop (cors_url_loader.cc, preflight_controller.cc):
 * a preflight seen is a preflight sent, predicted or not (an XHR with an
 * upload listener is preflighted although its method and headers are
 * simple: the use-CORS-preflight flag), and its answer is checked; a needed
 * preflight not seen was served by the cache model's entry, or is said to be
 * not seen. Null when the hop goes on to its response.
 */
export function negotiatePreflight(walk: Walk, step: HopStep): Verdict | null {
  const { hop } = step;
  if (!walk.corsFlag || (!step.verdict.preflightRequired && !hop.preflight)) return null;
  if (!step.verdict.preflightRequired) walk.notes.push({ kind: 'preflight-not-predicted', hop: step.index });
  const key: PreflightCacheKey = { origin: walk.request.initiatorOrigin, url: hop.url };
  const unsafeNames = step.announced ?? unsafeNamesForCheck(step.unsafe, hop.preflight?.requestHeaders);
  // The browser consults its cache before the preflight starts (which
  // some HAR writers place before the request itself).
  const lookupAt = Math.min(hop.startTime ?? Infinity, hop.preflight?.startTime ?? Infinity);
  const at = Number.isFinite(lookupAt) ? lookupAt : 0;
  const query = { key, method: step.method, headers: step.headers, credentials: walk.request.credentials, unsafeNames: namesForCache(unsafeNames, step) };
  if (!hop.preflight) {
    servedWithoutPreflight(walk, step, walk.options.cache?.lookup(query, at), at);
    return null;
  }
  walk.preflight = 'sent';
  step.verdict.preflight = 'sent';
  const predicted = walk.options.cache?.lookup(query, at);
  if (predicted?.hit) {
    const bypass = walk.request.bypassPreflightCache === true || preflightBypassesCache(hop.preflight.requestHeaders);
    walk.notes.push({
      kind: 'preflighted-despite-cache',
      hop: step.index,
      reason: bypass ? 'bypass' : servesOnlyWithoutCredentials(walk, predicted.entry) ? 'credentials-unknown' : 'unknown',
      entry: predicted.entry,
    });
    step.verdict.cacheMiss = { reason: bypass ? 'bypass-requested' : 'no-entry', failure: undefined };
  } else if (predicted) {
    step.verdict.cacheMiss = { reason: predicted.reason, failure: predicted.failure };
  }
  return checkAnswer(walk, step, hop.preflight, key, unsafeNames);
}

function checkAnswer(walk: Walk, step: HopStep, preflight: ObservedPreflight, key: PreflightCacheKey, unsafeNames: readonly string[]): Verdict | null {
  const { request, options } = walk;
  const { hop, index } = step;
  const { response } = preflight;
  if (!response) {
    if (hop.response) return null;
    const { error } = preflight;
    if (error === LOCAL_NETWORK_ACCESS_ERROR) return blockWalk(walk, localNetworkAccessFailure(isSecureContext(request)), 'connection', index);
    // net::ERR_FAILED without any answer is no network failure: the
    // browser refused the preflight itself (Local Network Access, seen
    // through webRequest), for a reason this capture does not show.
    if (isBrowserRefusal(error)) return endWalk(walk, 'undetermined', { networkError: error, failedHop: index, stage: 'preflight' });
    if (error) return endWalk(walk, 'network-error', { networkError: error, failedHop: index, stage: 'preflight' });
    return endWalk(walk, 'incomplete');
  }
  const rules = options.rules ?? CHROMIUM_RULES;
  const origin = step.tainted && rules.preflightOriginAfterTaint === 'initiator' ? request.initiatorOrigin : step.origin;
  const checksAccess = rules.checksPreflightToOwnOrigin || step.crossOrigin;
  const check = walk.checks.check({
    url: hop.url,
    method: step.method,
    headers: step.headers,
    credentials: request.credentials,
    origin,
    response,
    unsafeNames,
    checksAccess,
  });
  if (!check.passed) return blockWalk(walk, step.announced ? withOrderUnknown(check.failure) : check.failure, 'preflight', index);
  step.verdict.preflightResult = check.result;
  if (isAuthorizationCoveredByWildcard(check.result, unsafeNames)) walk.notes.push({ kind: 'authorization-covered-by-wildcard' });
  if (options.cache && options.storePreflights !== false) {
    step.verdict.stored = options.cache.store(key, check.result, preflight.responseTime ?? preflight.startTime ?? hop.startTime ?? 0);
  }
  return null;
}

/**
 * The names the cache model looks for: every header the browser itself
 * finds unsafe (Firefox: Chromium's extras too). Most requests have none of
 * those extras: their names are the check's, not a copy.
 */
function namesForCache(unsafeNames: readonly string[], step: HopStep): readonly string[] {
  let notSafelistedHere: string[] | undefined;
  for (const reason of step.verdict.preflightNeed.reasons) {
    if (reason.kind === 'header-not-safelisted-here') (notSafelistedHere ??= []).push(reason.header.name);
  }
  return notSafelistedHere ? [...unsafeNames, ...notSafelistedHere] : unsafeNames;
}

/**
 * With only the preflight's sorted list of header names, which missing one
 * Chromium names first (in its own header order) is unknown: keep them all.
 */
function withOrderUnknown(failure: CorsCheckFailure): CorsCheckFailure {
  if (failure.corsError !== 'HeaderDisallowedByPreflightResponse') return failure;
  const missing = failure.missing ?? [];
  return missing.length > 1 ? { ...failure, candidates: missing } : failure;
}

/**
 * The capture cannot show the request's credentials (assumed not included),
 * and the entry that would serve it without them would not serve it with
 * them: Firefox keys its entries by credentials, and a Chromium entry made
 * without Access-Control-Allow-Credentials serves no credentialed request.
 */
function servesOnlyWithoutCredentials(walk: Walk, entry: PreflightCacheEntry): boolean {
  if (walk.request.credentialsAssumed !== true || walk.request.credentials === 'include') return false;
  return walk.options.rules?.cache === 'firefox' || !entry.result.credentials;
}
