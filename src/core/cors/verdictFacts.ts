import type { CorsError } from './corsError.ts';
import type { Exchange, ObservedResponse, Verdict } from './verdict.ts';

/**
 * What consumers read of a verdict, each fact from the one place it is held.
 * A verdict holds what the engine computed; what was observed (URLs,
 * responses) stays in the capture it was judged from, and the verdict points
 * at it by hop index: the Exchange it was judged from, or the Transaction
 * that holds that same capture. Every view, export and test reads through
 * here, so the verdict's shape can change in one place.
 */

/** Exactly `Network.CorsError`; null unless blocked. */
export function corsErrorOf(verdict: Pick<Verdict, 'failure'>): CorsError | null {
  return verdict.failure?.corsError ?? null;
}

/** Exactly `Network.CorsErrorStatus.failedParameter` (often ""); null unless blocked. */
export function failedParameterOf(verdict: Pick<Verdict, 'failure'>): string | null {
  return verdict.failure?.failedParameter ?? null;
}

/**
 * The response whose check failed (a preflight's answer, a redirect, the
 * final answer): null unless blocked by a check on a response.
 */
export function failedResponseOf(capture: Pick<Exchange, 'hops'>, verdict: Pick<Verdict, 'failure' | 'failedHop' | 'stage'>): ObservedResponse | null {
  if (!verdict.failure || verdict.failedHop === null) return null;
  const hop = capture.hops[verdict.failedHop];
  switch (verdict.stage) {
    case 'preflight':
      return hop?.preflight?.response ?? null;
    case 'redirect':
    case 'response':
      return hop?.response ?? null;
    default:
      return null;
  }
}

/** The answer CORS let through to script (what it can read comes from it); null when none got that far. */
export function responseOf(capture: Pick<Exchange, 'hops'>, verdict: Pick<Verdict, 'responseHop'>): ObservedResponse | null {
  return verdict.responseHop === null ? null : (capture.hops[verdict.responseHop]?.response ?? null);
}
