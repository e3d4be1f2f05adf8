import { CHROMIUM_RULES, FIREFOX_RULES } from '../browsers/browserRules.ts';
import type { FirefoxReason } from '../browsers/firefoxReason.ts';
import { firefoxReasonOf } from '../browsers/firefoxReasonOf.ts';
import type { CorsError } from '../cors/corsError.ts';
import type { PreflightStatus, VerdictOutcome } from '../cors/verdict.ts';
import { corsErrorOf } from '../cors/verdictFacts.ts';
import { playSimulation } from './playSimulation.ts';
import type { Simulation } from './simulation.ts';

/** One send of a simulation as each browser decides it, and whether they differ. */
export interface BrowserComparison {
  readonly at: number;
  readonly chromium: { readonly outcome: VerdictOutcome; readonly corsError: CorsError | null; readonly preflight: PreflightStatus };
  readonly firefox: { readonly outcome: VerdictOutcome; readonly reason: FirefoxReason | null; readonly preflight: PreflightStatus };
  /** What differs, in words; empty when both decide alike (under their own names). */
  readonly differences: readonly string[];
}

/**
 * Plays a simulation as Chromium and as Firefox, send by send, and says
 * where they decide differently: the outcome, the check that fails (Firefox's
 * name for Chromium's failure is no difference), or the preflight (sent, or
 * served from each browser's own cache). Every decision is the engine's.
 */
export function compareBrowsers(simulation: Simulation): BrowserComparison[] {
  const chromium = playSimulation(simulation, CHROMIUM_RULES).sends;
  const firefox = playSimulation(simulation, FIREFOX_RULES).sends;
  return chromium.map((send, index) => {
    const other = firefox[index] ?? send;
    const reason = firefoxReasonOf(other.exchange, other.verdict);
    const chromiumAsFirefox = firefoxReasonOf(send.exchange, send.verdict);
    const differences: string[] = [];
    if (send.verdict.outcome !== other.verdict.outcome) differences.push(`Chromium: ${send.verdict.outcome}; Firefox: ${other.verdict.outcome}.`);
    else if (send.verdict.outcome === 'blocked' && reason !== chromiumAsFirefox)
      differences.push(`Another check fails: Chromium ${corsErrorOf(send.verdict) ?? ''}, Firefox ${reason ?? 'no CORS reason'}.`);
    if (send.verdict.preflight !== other.verdict.preflight)
      differences.push(`Preflight: ${send.verdict.preflight} in Chromium, ${other.verdict.preflight} in Firefox.`);
    return {
      at: send.at,
      chromium: { outcome: send.verdict.outcome, corsError: corsErrorOf(send.verdict), preflight: send.verdict.preflight },
      firefox: { outcome: other.verdict.outcome, reason, preflight: other.verdict.preflight },
      differences,
    };
  });
}
