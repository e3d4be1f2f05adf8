import { accessControlRequestHeadersValue } from '../fetch/corsUnsafeRequestHeaderNames.ts';
import { getHeader } from '../fetch/headers.ts';
import type { HarEntry } from './harSchema.ts';

/**
 * How far apart two entries' clocks were seen under load (a preflight's
 * entry starting up to 17 ms after its request's entry had ended): a
 * request that ended less than this before a preflight started may still
 * have been waiting for it.
 */
const CLOCK_DISAGREEMENT_MS = 50;

/** A request entry that sent an Origin (not a provisional one) must have sent the preflight's. */
export function originFits(entry: HarEntry, preflightOrigin: string | null): boolean {
  const sent = getHeader(entry.request.headers, 'Origin');
  return sent === null || preflightOrigin === null || sent === preflightOrigin;
}

/**
 * The entry a preflight's link names, of those it may (linkPreflights): in
 * flight when the preflight started, earliest first; else ended before it,
 * latest first. Those whose headers call for exactly what the preflight
 * announced come first in each.
 */
export function bestCandidate(
  candidates: readonly number[],
  entries: readonly HarEntry[],
  preflight: { readonly started: number; readonly origin: string | null; readonly announced: string },
  timeOf: (entry: HarEntry) => number,
): number | undefined {
  const { started, origin, announced } = preflight;
  let best: number | undefined;
  let bestRank = -Infinity;
  for (const candidate of candidates) {
    const entry = entries[candidate] as HarEntry;
    const inFlight = timeOf(entry) + Math.max(0, entry.time ?? 0) + CLOCK_DISAGREEMENT_MS >= started;
    const exact = accessControlRequestHeadersValue(entry.request.headers) === announced.toLowerCase();
    // An entry that shows the preflight's Origin beats one that shows none
    // (a worker's request in a DevTools export may carry no Origin): the
    // one without may be waiting for another origin's preflight.
    const sameOrigin = origin !== null && getHeader(entry.request.headers, 'Origin') === origin;
    // Earlier candidates come first: among the in-flight, the first of equals wins; among the ended, the last.
    const rank = (inFlight ? 4 : 0) + (exact ? 2 : 0) + (sameOrigin ? 1 : 0);
    if (rank > bestRank || (rank === bestRank && !inFlight)) {
      best = candidate;
      bestRank = rank;
    }
  }
  return best;
}
