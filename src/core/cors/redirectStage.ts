import { isSameOrigin } from '../fetch/origin.ts';
import { isCorsEnabledMode } from './corsRequest.ts';
import { blockWalk, endWalk, type HopStep, type Walk } from './hopWalk.ts';
import { dropRequestBodyHeaders, methodAfterRedirect, redirectContainsCredentials } from './redirect.ts';
import { checkResponseAccess } from './responseStage.ts';
import type { ObservedResponse, Verdict } from './verdict.ts';

/** What the request is at the next hop, after a redirect the browser follows. */
export interface NextHop {
  readonly method: string;
  readonly headers: HopStep['headers'];
  readonly tainted: boolean;
}

/**
 * The redirect stage (cors_url_loader.cc OnReceiveRedirect; Fetch Standard
 * "HTTP-redirect fetch"): the CORS check on the redirect response, the
 * redirect mode, credentials in the new URL, then tainting and the method a
 * 301/302/303 changes. A verdict when the walk ends here, else the next hop.
 */
export function followRedirect(walk: Walk, step: HopStep, response: ObservedResponse, target: string): Verdict | NextHop {
  const { request } = walk;
  const { hop, index } = step;
  const corsEnabled = isCorsEnabledMode(request.mode);
  if (walk.corsFlag && corsEnabled) {
    const failure = checkResponseAccess(walk, step, response);
    if (failure) return blockWalk(walk, failure, 'redirect', index);
  }
  if (request.redirect === 'manual') return endWalk(walk, 'allowed', { responseHop: step.index });
  if (request.redirect === 'error') return endWalk(walk, 'network-error', { networkError: 'redirect mode is "error"', failedHop: index, stage: 'redirect' });
  if (
    redirectContainsCredentials({
      location: target,
      corsEnabledMode: corsEnabled,
      corsFlag: walk.corsFlag,
      tainted: step.tainted,
      initiatorOrigin: request.initiatorOrigin,
    })
  ) {
    return blockWalk(
      walk,
      { corsError: 'RedirectContainsCredentials', failedParameter: '', header: 'Location', received: target, needed: 'a URL without user name or password' },
      'redirect',
      index,
    );
  }
  const tainted = step.tainted || (!isSameOrigin(target, hop.url, walk.options.readUrl) && step.crossOrigin);
  const method = methodAfterRedirect(response.status, step.method);
  return { method, headers: method === step.method ? step.headers : dropRequestBodyHeaders(step.headers), tainted };
}
