import { readUnsafeHeaders } from '../fetch/corsUnsafeRequestHeaderNames.ts';
import type { HeaderList } from '../fetch/headers.ts';
import { isSameOrigin } from '../fetch/origin.ts';
import { urlParts } from '../fetch/urlParts.ts';
import { isCorsEnabledMode } from './corsRequest.ts';
import { endWalk, type HopStep, type OpenHopVerdict, type VerdictOptions, type Walk } from './hopWalk.ts';
import { decidePreflightNeed } from './needsPreflight.ts';
import type { PreflightChecks } from './preflightChecks.ts';
import { negotiatePreflight } from './preflightStage.ts';
import { redirectTarget } from './redirect.ts';
import { followRedirect } from './redirectStage.ts';
import { refuseHop } from './requestStage.ts';
import { endWithoutResponse, judgeResponse } from './responseStage.ts';
import type { Exchange, ObservedHop, Verdict } from './verdict.ts';

/**
 * One walk over a request's hops for decideVerdict, with the credentials
 * mode the exchange gives: at each hop, the CORS flag, the preflight need
 * (needsPreflight.ts), then Chromium's stages in its order (request,
 * preflight, redirect or response), until one ends the walk. A redirect
 * followed carries the request on to the next hop.
 */
export function walkHops(exchange: Exchange, options: VerdictOptions, checks: PreflightChecks): Verdict {
  const { request, hops } = exchange;
  const checksCors = isCorsEnabledMode(request.mode) || request.mode === 'same-origin';
  const walk: Walk = { exchange, request, options, checks, corsFlag: false, preflight: 'not-needed', hops: [], notes: [] };
  // What the request is at the hop reached: a redirect may change the method
  // (and drop the body's headers) and taint the origin.
  let method = request.method;
  let headers: HeaderList = request.headers;
  // Read once for CORS, and again only when a redirect drops the body's headers.
  const read = options.readHeaders ?? readUnsafeHeaders;
  let unsafe = read(headers);
  const readUrl = options.readUrl ?? urlParts;
  let tainted = false;

  for (let index = 0; index < hops.length; index++) {
    const hop = hops[index] as ObservedHop;
    const crossOrigin = !isSameOrigin(request.initiatorOrigin, hop.url, readUrl);
    if (checksCors && crossOrigin) walk.corsFlag = true;
    const origin = tainted ? 'null' : request.initiatorOrigin;
    const announced = headers === request.headers ? request.unsafeHeaderNames : undefined;
    const preflightNeed = decidePreflightNeed({
      method,
      unsafe,
      mode: request.mode,
      corsFlag: walk.corsFlag,
      url: hop.url,
      initiatorOrigin: request.initiatorOrigin,
      announced: announced ?? [],
      safelistsChromiumExtras: options.rules?.safelistsChromiumExtras,
    });
    const preflightRequired = walk.corsFlag && (preflightNeed.reasons.length > 0 || preflightNeed.announced.length > 0);
    // Every field from the start: see openRequests.ts.
    const verdict: OpenHopVerdict = {
      method,
      headers,
      origin,
      corsFlag: walk.corsFlag,
      tainted,
      preflightNeed,
      preflightRequired,
      preflight: 'not-needed',
      preflightResult: undefined,
      cacheEntry: undefined,
      stored: undefined,
      cacheMiss: undefined,
    };
    walk.hops.push(verdict);
    const step: HopStep = { index, hop, verdict, method, headers, unsafe, crossOrigin, origin, tainted, announced };

    const ended = refuseHop(walk, step) ?? negotiatePreflight(walk, step);
    if (ended) return ended;
    const { response } = hop;
    if (!response) return endWithoutResponse(walk, step);
    const target = redirectTarget(response.status, response.headers, hop.url);
    if (target === null) return judgeResponse(walk, step, response);
    const next = followRedirect(walk, step, response, target);
    if ('outcome' in next) return next;
    if (next.headers !== headers) unsafe = read(next.headers);
    ({ method, headers, tainted } = next);
  }
  return endWalk(walk, 'incomplete');
}
