import type { CorsError } from './corsError.ts';
import type { Verdict } from './verdict.ts';

/**
 * What consumers read of a verdict, each fact from the one place it is held.
 * A verdict holds what the engine computed; what was observed (URLs,
 * responses) stays in the capture it was judged from, and the verdict points
 * at it by hop index. Every view, export and test reads through here, so the
 * verdict's shape can change in one place.
 */

/** Exactly `Network.CorsError`; null unless blocked. */
export function corsErrorOf(verdict: Pick<Verdict, 'failure'>): CorsError | null {
  return verdict.failure?.corsError ?? null;
}

/** Exactly `Network.CorsErrorStatus.failedParameter` (often ""); null unless blocked. */
export function failedParameterOf(verdict: Pick<Verdict, 'failure'>): string | null {
  return verdict.failure?.failedParameter ?? null;
}
