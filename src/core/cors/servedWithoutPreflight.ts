import { CHROMIUM_RULES } from '../browsers/browserRules.ts';
import { PREFLIGHT_CACHE_POLICIES } from '../cache/preflightLifetime.ts';
import { unrecordedBefore } from '../recording/recordingCoverage.ts';
import type { HopStep, Walk } from './hopWalk.ts';
import type { PreflightStatus } from './verdict.ts';

/**
 * A needed preflight not seen: a cache hit is claimed only when the model
 * holds the entry that served it. A live recording says what it missed
 * before `at` within the life of an entry (an entry made then is possible,
 * never a hit claimed).
 */
export function servedWithoutPreflight(
  walk: Walk,
  step: HopStep,
  lookup: ReturnType<NonNullable<Walk['options']['cache']>['lookup']> | undefined,
  at: number,
): void {
  if (lookup?.hit) {
    step.verdict.preflight = 'cache-hit';
    step.verdict.cacheEntry = lookup.entry;
  } else if (walk.exchange.preflightsRecorded === false) {
    step.verdict.preflight = 'not-recorded';
  } else {
    step.verdict.preflight = 'not-seen';
    if (lookup) step.verdict.cacheMiss = { reason: lookup.reason, failure: lookup.failure };
    const { recording, rules } = walk.options;
    const lifetime = PREFLIGHT_CACHE_POLICIES[(rules ?? CHROMIUM_RULES).cache].capSeconds;
    walk.notes.push({ kind: 'preflight-not-seen', hop: step.index, ...(recording ? { unrecorded: unrecordedBefore(recording, at, lifetime) } : {}) });
  }
  walk.preflight = strongerPreflightStatus(walk.preflight, step.verdict.preflight);
}

// What a transaction says of its preflights when its hops differ: one sent
// is sent; a needed one nobody saw outweighs one the model explains.
const PREFLIGHT_STATUS_WEIGHT: Readonly<Record<PreflightStatus, number>> = { 'not-needed': 0, 'cache-hit': 1, 'not-recorded': 2, 'not-seen': 3, sent: 4 };

function strongerPreflightStatus(a: PreflightStatus, b: PreflightStatus): PreflightStatus {
  return PREFLIGHT_STATUS_WEIGHT[b] > PREFLIGHT_STATUS_WEIGHT[a] ? b : a;
}
