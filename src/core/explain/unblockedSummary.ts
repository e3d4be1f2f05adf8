import type { CorsRequest } from '../cors/corsRequest.ts';
import type { ObservedResponse, Verdict } from '../cors/verdict.ts';

/** The one-sentence summary of a verdict that is not a CORS block: allowed, not CORS at all, failed for another reason, or not over yet. */
export function unblockedSummary(verdict: Verdict, request: CorsRequest, response: ObservedResponse | null): string {
  const cached =
    verdict.preflight === 'cache-hit'
      ? ' Its preflight was served from the preflight cache.'
      : verdict.preflight === 'not-recorded'
        ? ' It needed a preflight, which this capture tool does not record.'
        : verdict.preflight === 'not-seen'
          ? ' It needed a preflight, and none was seen.'
          : '';
  switch (verdict.outcome) {
    case 'allowed':
      return `Allowed: the response grants ${request.initiatorOrigin} access${request.credentials === 'include' ? ', with credentials' : ''}.${cached}`;
    case 'not-cors':
      return 'Not a CORS request (same-origin, no-cors or a navigation): the browser applies no CORS check.';
    case 'network-error':
      if (verdict.networkError === 'blocked:origin')
        return 'Refused, but not by CORS: a same-origin-mode request was redirected to another origin, and the browser does not follow such a redirect.';
      if (response) return `CORS let the response through, but the request then failed (${verdict.networkError ?? 'unknown error'}): not a CORS decision.`;
      return `Failed at the network level (${verdict.networkError ?? 'unknown error'}), before CORS had a say: the server did not answer${verdict.stage === 'preflight' ? ' the preflight' : ''}.`;
    case 'undetermined':
      return `Blocked: the browser failed this request (${verdict.networkError ?? 'net::ERR_FAILED'}), and the reason is not visible to CORS Lens: nothing the capture shows of its CORS headers fails a check.`;
    case 'incomplete':
      return 'The capture ends before the request did: no verdict yet.';
    case 'blocked':
      return 'Blocked.';
  }
}
