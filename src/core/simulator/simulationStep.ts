import type { CorsError } from '../cors/corsError.ts';
import type { Verdict } from '../cors/verdict.ts';
import { LINKS, type LinkId } from '../explain/links.ts';

export type StepStatus = 'passed' | 'failed' | 'info' | 'not-reached';

/** One rule of the Fetch Standard applied to the simulated request, as the learner reads it. */
export interface SimulationStep {
  /** Stable within a send: `hop1.preflight.allow-origin`. */
  readonly id: string;
  readonly title: string;
  readonly rule: { readonly title: string; readonly url: string };
  readonly status: StepStatus;
  readonly details: readonly string[];
  /** Exact lines on the wire (request or status line first), when the step shows a message. */
  readonly lines?: readonly string[];
  /** On the failing check: the code Chromium reports, exactly as `Network.CorsError`. */
  readonly corsError?: CorsError;
  readonly failedParameter?: string;
}

/** A step, with the rule it applies named by its link. */
export function step(
  id: string,
  title: string,
  link: LinkId,
  status: StepStatus,
  details: readonly string[],
  extra: Partial<SimulationStep> = {},
): SimulationStep {
  return { id, title, rule: LINKS[link], status, details, ...extra };
}

/** The CorsError and failed parameter a failing step carries. */
export function failure(verdict: Verdict): Partial<SimulationStep> {
  return verdict.failure === null ? {} : { corsError: verdict.failure.corsError, failedParameter: verdict.failure.failedParameter };
}

/** A time on the simulation clock (milliseconds from 0). */
export function clock(ms: number): string {
  return `t = ${Math.round(ms / 1000)} s`;
}
