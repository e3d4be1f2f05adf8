import { getHeader, type HeaderList } from '../fetch/headers.ts';
import type { Transaction } from '../pairing/transaction.ts';

/**
 * What a CORS policy seen on the wire risks, even when the request was
 * allowed. Passive: judged from the responses of one transaction, so each
 * warning says what it cannot know (whether the server reflects every origin).
 */
export interface SecurityWarning {
  readonly kind:
    'reflected-origin-with-credentials' | 'null-origin-allowed' | 'missing-vary-origin' | 'several-allow-origin-values' | 'http-origin-trusted-by-https';
  /** Which response: the preflight's or the request's. */
  readonly response: 'preflight' | 'response';
  /** One sentence: the risk, then what to do. */
  readonly text: string;
}

/** The warnings for a transaction's preflight and final response, each kind once per response. */
export function securityWarnings(transaction: Transaction): SecurityWarning[] {
  const origin = transaction.request.initiatorOrigin;
  const warnings: SecurityWarning[] = [];
  for (const hop of transaction.hops) {
    const preflight = hop.preflight?.response;
    if (preflight) warnings.push(...warningsFor(preflight.headers, origin, hop.url, 'preflight'));
    if (hop.response && !hop.redirectTo) warnings.push(...warningsFor(hop.response.headers, origin, hop.url, 'response'));
  }
  const seen = new Set<string>();
  return warnings.filter((warning) => {
    const key = `${warning.kind} ${warning.response}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function warningsFor(headers: HeaderList, origin: string, url: string, response: SecurityWarning['response']): SecurityWarning[] {
  const allowOrigin = getHeader(headers, 'Access-Control-Allow-Origin');
  if (allowOrigin === null) return [];
  const warnings: SecurityWarning[] = [];
  const lines = headers.filter((header) => header.name.toLowerCase() === 'access-control-allow-origin').length;
  const credentials = getHeader(headers, 'Access-Control-Allow-Credentials') === 'true';
  const echoed = allowOrigin === origin && origin !== 'null';
  if (lines > 1 || allowOrigin.includes(',')) {
    warnings.push({
      kind: 'several-allow-origin-values',
      response,
      text: 'Access-Control-Allow-Origin holds several values (two header lines, or a list): browsers refuse it, and it often means two layers (the app and a proxy) both add CORS headers. Let one layer send it, once.',
    });
  }
  if (allowOrigin === 'null') {
    warnings.push({
      kind: 'null-origin-allowed',
      response,
      text: 'Access-Control-Allow-Origin: null lets any sandboxed iframe, data: or file: document read the response, whatever site it comes from. Allow named origins instead.',
    });
  }
  if (echoed && credentials) {
    warnings.push({
      kind: 'reflected-origin-with-credentials',
      response,
      text: `The response allows ${origin} with credentials. If the server echoes whatever Origin it receives, any site can read this user's data: check the Origin against an allow-list before echoing it.`,
    });
  }
  if (echoed && !varies(headers, 'origin')) {
    warnings.push({
      kind: 'missing-vary-origin',
      response,
      text: `Access-Control-Allow-Origin names ${origin} but Vary does not list Origin: if the value depends on the request, a shared cache can serve one origin's answer to another. Add Vary: Origin.`,
    });
  }
  if (echoed && origin.startsWith('http:') && url.startsWith('https:')) {
    warnings.push({
      kind: 'http-origin-trusted-by-https',
      response,
      text: `An https API trusts the http origin ${origin}: anyone on the network path of that page can act as it. Allow only https origins.`,
    });
  }
  return warnings;
}

function varies(headers: HeaderList, name: string): boolean {
  const vary = getHeader(headers, 'Vary');
  return (
    vary !== null &&
    vary.split(',').some((item) => {
      const trimmed = item.trim().toLowerCase();
      return trimmed === name || trimmed === '*';
    })
  );
}
