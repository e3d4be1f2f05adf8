import type { CorsRequest } from '../cors/corsRequest.ts';
import { decideVerdict } from '../cors/decideVerdict.ts';
import type { ObservedHop, Verdict } from '../cors/verdict.ts';
import { getHeader } from '../fetch/headers.ts';
import { resolveLocation } from '../fetch/origin.ts';
import type { Transaction } from '../pairing/transaction.ts';
import type { FixTarget } from './description.ts';
import { explainVerdict } from './explainVerdict.ts';
import { mergeChanges, patchHop, type ServerChange } from './serverChange.ts';

/** A server change, and the verdict the engine gives once it is applied (allowed). */
export interface FixOption {
  readonly changes: readonly ServerChange[];
  readonly verdict: Verdict;
}

/**
 * The smallest server change found for what was observed, verified. It never
 * widens the server's policy beyond what the evidence needs: allowing
 * credentials is proposed only where the capture shows them (a Cookie went
 * out), or where only they explain the failure; where the capture cannot
 * tell, the change that also holds with credentials is a second, labelled
 * option.
 */
export interface VerifiedFix extends FixOption {
  /** What `changes` assume of credentials, and why: as the capture shows them, unknown (the request judged without), or inferred from the failure. */
  readonly credentials: 'included' | 'omitted' | 'unknown' | 'inferred';
  /** With `credentials: 'unknown'`: the change needed if the page sends cookies or HTTP authentication; null when it is the same. */
  readonly withCredentials: FixOption | null;
}

const MAX_ROUNDS = 8;
const SERVER_TARGETS: ReadonlySet<FixTarget> = new Set(['preflight response', 'redirect response', 'response']);

/**
 * The server change that makes a blocked transaction pass, verified: each
 * round applies the explanation's fix to the response that failed and judges
 * the transaction again, until the engine allows it. A preflight fixed this
 * way lets the request go out; its answer is then the one observed, or a bare
 * 200 when the browser never sent the request (the server's answer to it must
 * carry the CORS headers too, which the next round adds). Null when the fix
 * is not on the server (the page must change) or no change makes it pass:
 * an unverified fix is never proposed.
 */
export function verifiedFix(transaction: Transaction): VerifiedFix | null {
  if (transaction.verdict.outcome !== 'blocked') return null;
  const { request } = transaction;
  const inferred = transaction.verdict.notes.some((note) => note.kind === 'credentials-inferred');
  const unknown = request.credentialsAssumed === true && !inferred;
  const known: CorsRequest = { ...request, credentials: inferred ? 'include' : request.credentials, credentialsAssumed: false };
  const main = fixFor(transaction, known);
  if (!main) return null;
  // Chromium proved a fix made only for the assumed "no credentials" wrong
  // for a page that did send them (e2e/verifiedFix.spec.ts): say what they need too.
  const withCredentials = unknown ? fixFor(transaction, { ...known, credentials: 'include' }) : null;
  return {
    ...main,
    credentials: inferred ? 'inferred' : unknown ? 'unknown' : request.credentials === 'include' ? 'included' : 'omitted',
    withCredentials: withCredentials && JSON.stringify(withCredentials.changes) !== JSON.stringify(main.changes) ? withCredentials : null,
  };
}

/** The rounds of verifiedFix, for the request read one way. */
function fixFor(transaction: Transaction, request: CorsRequest): FixOption | null {
  let hops = observedHops(transaction);
  const changes: ServerChange[] = [];
  let verdict = decideVerdict({ request, hops });
  for (let round = 0; round < MAX_ROUNDS && verdict.outcome === 'blocked'; round++) {
    const fix = explainVerdict({ request, hops }, verdict).fix;
    const failed = verdict.failedHop ?? 0;
    if (!fix || !SERVER_TARGETS.has(fix.target) || fix.lines.length === 0) return null;
    const target = fix.target as ServerChange['target'];
    const hop = hops[failed];
    if (!hop) return null;
    hops = hops.map((each, index) => (index === failed ? patchHop(each, target, fix.lines) : each));
    // A redirect that now passes takes the request to its Location: answered with a bare 200 until a round fixes it.
    const location = target === 'redirect response' ? getHeader(hop.response?.headers ?? [], 'Location') : null;
    const next = location === null ? null : resolveLocation(location, hop.url);
    if (next !== null) {
      const following = hops[failed + 1];
      // The browser never went on (or never got an answer there): the server's answer at the Location is a bare 200.
      if (!following) hops = [...hops, { url: next, sent: true, response: { status: 200, headers: [] } }];
      else if (!following.response)
        hops = hops.map((each, index) => (index === failed + 1 ? { ...each, sent: true, response: { status: 200, headers: [] } } : each));
    }
    changes.push({ target, url: hop.url, lines: fix.lines });
    verdict = decideVerdict({ request, hops });
  }
  return verdict.outcome === 'allowed' ? { changes: mergeChanges(changes), verdict } : null;
}

function observedHops(transaction: Transaction): ObservedHop[] {
  return transaction.hops.map((hop) => ({
    url: hop.url,
    startTime: hop.startTime,
    sent: hop.sentHeaders !== undefined || hop.response !== undefined,
    ...(hop.preflight
      ? {
          preflight: {
            requestHeaders: hop.preflight.requestHeaders,
            startTime: hop.preflight.startTime,
            ...(hop.preflight.response ? { response: hop.preflight.response } : {}),
          },
        }
      : {}),
    ...(hop.response ? { response: hop.response } : {}),
  }));
}
