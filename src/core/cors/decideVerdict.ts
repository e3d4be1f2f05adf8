import type { PreflightCache } from '../cache/preflightCache.ts';
import { failureOf, mayBeCorsBlock, withFailureEvidence } from './failureEvidence.ts';
import type { VerdictOptions } from './hopWalk.ts';
import { PreflightChecks } from './preflightChecks.ts';
import type { Exchange, Verdict, VerdictNote } from './verdict.ts';
import { corsErrorOf, failedParameterOf } from './verdictFacts.ts';
import { walkHops } from './walkHops.ts';

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
  const checks = options.preflightChecks ?? new PreflightChecks();
  const verdict = withFailureEvidence(exchange, judgeCredentials(exchange, options, checks));
  if (options.cache) reportFailure(options.cache, exchange, verdict);
  return verdict;
}

/**
 * Tells the cache model that a CORS request failed at a URL: its preflight
 * or its response failed a check, or the network failed (Firefox then drops
 * the URL's entries: PreflightCache.requestFailed). The failure came once
 * the last thing seen of that hop had happened: the model takes that time.
 */
function reportFailure(cache: PreflightCache, exchange: Exchange, verdict: Verdict): void {
  const failedCheck = verdict.outcome === 'blocked' && (verdict.stage === 'preflight' || verdict.stage === 'response' || verdict.stage === 'redirect');
  if (!failedCheck && verdict.outcome !== 'network-error' && verdict.outcome !== 'undetermined') return;
  const hop = exchange.hops[verdict.failedHop ?? -1];
  if (!hop || verdict.hops[verdict.failedHop ?? -1]?.corsFlag !== true) return;
  const times = [hop.startTime, hop.responseTime, hop.preflight?.startTime, hop.preflight?.responseTime].filter((time) => time !== undefined);
  if (times.length > 0) cache.requestFailed({ origin: exchange.request.initiatorOrigin, url: hop.url }, Math.max(...times));
}

/** The verdict for the credentials mode the capture shows, or, when it cannot show it, for the one the evidence supports. */
function judgeCredentials(exchange: Exchange, options: VerdictOptions, checks: PreflightChecks): Verdict {
  const { request } = exchange;
  if (!request.credentialsAssumed || request.credentials === 'include') return walkHops(exchange, options, checks);
  // Unknown credentials: judge both ways before touching the cache model.
  // Those walks leave the model alone, but judge by the same browser's rules
  // and read header lists and URLs through the caller's readers (the ones
  // the walk with the model reads).
  const apart: VerdictOptions = { ...options, cache: undefined };
  const included: Exchange = { ...exchange, request: { ...request, credentials: 'include' } };
  const withCredentials = walkHops(included, apart, checks);
  let withoutCredentials: Verdict | undefined;
  // Only a request the browser failed can leave credentials as the only
  // explanation; without a failure, that walk is not needed.
  if (withCredentials.outcome === 'blocked' && failedAsCredentialsWould(exchange, withCredentials)) {
    withoutCredentials = walkHops(exchange, apart, checks);
    if (withoutCredentials.outcome !== 'blocked') {
      // The walks above left the cache model alone; with a model, walk again to consult and feed it.
      const verdict = options.cache ? walkHops(included, options, checks) : withCredentials;
      return {
        ...verdict,
        notes: [...verdict.notes, { kind: 'credentials-inferred', credentials: 'include', reason: 'only-credentials-explain-the-failure' }],
      };
    }
  }
  const verdict = withoutCredentials && !options.cache ? withoutCredentials : walkHops(exchange, options, checks);
  if (withCredentials.outcome === verdict.outcome && corsErrorOf(withCredentials) === corsErrorOf(verdict)) return verdict;
  const note: VerdictNote = {
    kind: 'credentials-assumed',
    alternative: {
      credentials: 'include',
      outcome: withCredentials.outcome,
      corsError: corsErrorOf(withCredentials),
      failedParameter: failedParameterOf(withCredentials),
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
