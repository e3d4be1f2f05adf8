import { isHttpScheme } from '../fetch/origin.ts';
import type { CorsRequest } from './corsRequest.ts';
import { addressSpaceOfUrl, checkLocalNetworkAccess, isPotentiallyTrustworthyOrigin } from './localNetworkAccess.ts';
import { blockWalk, endWalk, type HopStep, type Walk } from './hopWalk.ts';
import type { Verdict } from './verdict.ts';

/** The request stage before the first URL is fetched: checked by the renderer before anything is sent (fetch_manager.cc). */
function refuseRequestMode(walk: Walk): Verdict | null {
  const { request } = walk;
  if (request.mode !== 'no-cors' || request.redirect === 'follow') return null;
  return blockWalk(
    walk,
    {
      corsError: 'NoCorsRedirectModeNotFollow',
      failedParameter: '',
      header: null,
      received: `redirect: '${request.redirect}'`,
      needed: "redirect: 'follow' (the only mode no-cors allows)",
    },
    'request',
    0,
  );
}

/**
 * The request stage at a hop: what Chromium refuses before the hop is
 * answered, in the renderer (a mode and redirect mode that do not go
 * together, a scheme without CORS, a cross-origin same-origin-mode request)
 * and, for Local Network Access, when the connection is made. Null when the
 * hop may go on to its preflight.
 */
export function refuseHop(walk: Walk, step: HopStep): Verdict | null {
  const { request } = walk;
  const { hop, index } = step;
  const refused = index === 0 ? refuseRequestMode(walk) : null;
  if (refused) return refused;
  if (walk.corsFlag && !isHttpScheme(hop.url, walk.options.readUrl)) {
    // The renderer refuses the first URL and names its scheme; the network
    // service refuses a redirect to such a URL and names nothing (lab).
    const failedParameter = index === 0 ? schemeOf(hop.url) : '';
    return blockWalk(
      walk,
      { corsError: 'CorsDisabledScheme', failedParameter, header: null, received: hop.url, needed: 'an http: or https: URL' },
      'request',
      index,
    );
  }
  if (walk.corsFlag && request.mode === 'same-origin') {
    // Chromium 156 refuses a cross-origin same-origin-mode request in the
    // renderer (DisallowedByMode, an Audits issue); when a redirect leads
    // there, the renderer refuses to follow with no CORS error at all
    // (loadingFailed with blockedReason "origin"), seen in the lab.
    if (index > 0) return endWalk(walk, 'network-error', { networkError: 'blocked:origin', failedHop: index, stage: 'redirect' });
    return blockWalk(
      walk,
      { corsError: 'DisallowedByMode', failedParameter: '', header: null, received: hop.url, needed: `a URL on ${request.initiatorOrigin}` },
      'request',
      index,
    );
  }
  // Local Network Access is checked when the connection is made, for the
  // preflight as for the request, whatever the CORS mode. A hop that went
  // out proves the check passed (the permission may have been granted).
  if (request.localNetworkAccess && hop.sent !== true && !hop.response) {
    const failure = checkLocalNetworkAccess(request.localNetworkAccess, hop.addressSpace ?? addressSpaceOfUrl(hop.url));
    if (failure) {
      // The preflight, if any, started and failed at the same check.
      if (hop.preflight) {
        walk.preflight = 'sent';
        step.verdict.preflight = 'sent';
      }
      return blockWalk(walk, failure, 'connection', index);
    }
  }
  return null;
}

export function isSecureContext(request: CorsRequest): boolean {
  return request.localNetworkAccess?.initiatorIsSecureContext ?? isPotentiallyTrustworthyOrigin(request.initiatorOrigin);
}

function schemeOf(url: string): string {
  const match = /^([a-zA-Z][a-zA-Z0-9+.-]*):/.exec(url);
  return match ? (match[1] ?? '').toLowerCase() : '';
}
