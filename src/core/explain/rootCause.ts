import { getHeader, headerValues } from '../fetch/headers.ts';
import type { Exchange, Verdict } from '../cors/verdict.ts';
import { failedResponseOf } from '../cors/verdictFacts.ts';

/** A cause that is not the CORS configuration itself, and is said before the CORS details. */
export interface RootCause {
  readonly kind: 'error-response' | 'preflight-refused' | 'header-added-twice' | 'opaque-origin';
  readonly text: string;
}

const PREFLIGHT_REFUSALS: Readonly<Record<number, string>> = {
  401: 'authentication middleware',
  403: 'an access rule (a firewall, an object-store CORS rule, or authorization middleware)',
  404: 'a router that has no route for OPTIONS',
  405: 'a router that does not allow the OPTIONS method',
};

const OPAQUE_ORIGIN: RootCause = {
  kind: 'opaque-origin',
  text: 'The page\'s origin is opaque, so its requests say Origin: null: a page opened from a file:, an iframe sandboxed without allow-same-origin, or a data: URL. Serve the page from a web server (http://localhost works) instead of opening the file, or, for a sandboxed iframe you trust, add allow-same-origin. Allowing "null" on the server would let every sandboxed or file: document in.',
};

/**
 * Spots the usual real causes behind a CORS error message: a page whose
 * origin is opaque; an error page (5xx, 429) that lacks the CORS headers the
 * normal answer has; a preflight refused by authentication or routing; a
 * header added twice by a proxy and the application.
 */
export function findRootCause(capture: Pick<Exchange, 'hops'>, verdict: Verdict): RootCause | null {
  if (verdict.outcome !== 'blocked') return null;
  const failedHop = verdict.hops[verdict.failedHop ?? -1];
  // An opaque initiator, not a tainted redirect: the page itself says "null".
  if (failedHop?.origin === 'null' && !failedHop.tainted) return OPAQUE_ORIGIN;
  const response = failedResponseOf(capture, verdict);
  if (!response) return null;
  const allowOrigin = headerValues(response.headers, 'Access-Control-Allow-Origin');
  if (allowOrigin.length > 1 || (allowOrigin.length === 1 && isRepeatedList(allowOrigin[0] ?? ''))) {
    return {
      kind: 'header-added-twice',
      text: `Access-Control-Allow-Origin was added twice (${getHeader(response.headers, 'Access-Control-Allow-Origin')}), typically once by a proxy or gateway and once by the application. Remove one of them.`,
    };
  }
  const noCorsHeaders = allowOrigin.length === 0;
  if (verdict.stage === 'preflight') {
    const refusedBy = PREFLIGHT_REFUSALS[response.status];
    if (refusedBy) {
      return {
        kind: 'preflight-refused',
        text: `The preflight got ${response.status}${noCorsHeaders ? ' without any CORS headers' : ''}: it was most likely answered by ${refusedBy}, not by your CORS configuration. Preflights never carry cookies or Authorization, so let OPTIONS requests through before authentication and routing.`,
      };
    }
  }
  if (noCorsHeaders && (response.status >= 500 || response.status === 429)) {
    return {
      kind: 'error-response',
      text: `The server answered ${response.status}${response.status === 429 ? ' (rate limited)' : ''}, and its error response lacks the CORS headers. Fix the error first (see the server's logs), and make error responses carry the CORS headers too so the page can read them.`,
    };
  }
  return null;
}

// "*, *" or "https://a, https://a": the same value joined twice.
function isRepeatedList(value: string): boolean {
  const items = value.split(',').map((item) => item.trim());
  return items.length > 1 && items.every((item) => item === items[0]);
}
