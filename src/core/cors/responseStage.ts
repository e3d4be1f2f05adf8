import { getHeaders } from '../fetch/headers.ts';
import { checkCorsAccess, type CorsCheckFailure } from './corsCheck.ts';
import { mayBeCorsBlock } from './failureEvidence.ts';
import { blockWalk, endWalk, type HopStep, type Walk } from './hopWalk.ts';
import { LOCAL_NETWORK_ACCESS_ERROR, localNetworkAccessFailure } from './localNetworkAccess.ts';
import { isSecureContext } from './requestStage.ts';
import type { ObservedResponse, Verdict } from './verdict.ts';

/** The response stage at the last hop: the CORS check on the answer script would read (cors.cc CheckAccess). */
export function judgeResponse(walk: Walk, step: HopStep, response: ObservedResponse): Verdict {
  if (!walk.corsFlag) return endWalk(walk, 'allowed', { responseHop: step.index });
  const failure = checkResponseAccess(walk, step, response);
  if (failure) return blockWalk(walk, failure, 'response', step.index);
  return endWalk(walk, 'allowed', { responseHop: step.index });
}

/** The CORS check on an answer at this hop, for the Origin sent there. */
export function checkResponseAccess(walk: Walk, step: HopStep, response: ObservedResponse): CorsCheckFailure | null {
  const [allowOrigin, allowCredentials] = getHeaders(response.headers, ACCESS_HEADERS);
  return checkCorsAccess({ allowOrigin, allowCredentials, origin: step.origin, credentials: walk.request.credentials, responseUrl: step.hop.url });
}

const ACCESS_HEADERS = ['access-control-allow-origin', 'access-control-allow-credentials'] as const;

/** A hop the capture shows no answer to: still going, a network failure, or a refusal whose reason it does not hold. */
export function endWithoutResponse(walk: Walk, step: HopStep): Verdict {
  const { hop, index } = step;
  if (!hop.networkError) return endWalk(walk, 'incomplete');
  if (hop.networkError === LOCAL_NETWORK_ACCESS_ERROR) {
    const failure = localNetworkAccessFailure(isSecureContext(walk.request));
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
