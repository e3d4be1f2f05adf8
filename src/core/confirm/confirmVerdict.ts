import type { Verdict } from '../cors/verdict.ts';
import { corsErrorOf, failedParameterOf } from '../cors/verdictFacts.ts';
import type { ChromiumReport } from './chromiumReport.ts';

/** Chromium's own verdict on a request, from its report. */
export interface ChromiumVerdict {
  readonly corsError: string | null;
  readonly failedParameter: string | null;
  readonly preflightSent: boolean;
  /** The net error of a request that failed otherwise than by CORS. */
  readonly networkError: string | null;
}

/**
 * How the engine's verdict (from the extension's own capture) compares with
 * Chromium's: `confirmed` when they agree, `decided` when the capture could
 * not decide and Chromium's report does, `disagree` otherwise, saying what
 * differs. A disagreement is shown, never hidden: it means a bug in CORS
 * Lens, or a browser behaviour the engine does not model yet.
 * `unconfirmed` when Chromium's report never came (see Confirmer).
 */
export interface Confirmation {
  readonly status: 'confirmed' | 'decided' | 'disagree' | 'unconfirmed';
  readonly chromium: ChromiumVerdict | null;
  readonly differences: readonly string[];
}

export const UNCONFIRMED: Confirmation = { status: 'unconfirmed', chromium: null, differences: [] };

export function chromiumVerdict(report: ChromiumReport): ChromiumVerdict {
  return {
    corsError: report.corsError?.corsError ?? null,
    failedParameter: report.corsError ? report.corsError.failedParameter : null,
    preflightSent: report.preflightSent,
    networkError: report.corsError ? null : report.errorText,
  };
}

export function confirmVerdict(verdict: Pick<Verdict, 'outcome' | 'failure' | 'preflight'>, report: ChromiumReport): Confirmation {
  const chromium = chromiumVerdict(report);
  if (verdict.outcome === 'undetermined') return { status: 'decided', chromium, differences: [] };
  const differences: string[] = [];
  const corsError = corsErrorOf(verdict);
  const failedParameter = failedParameterOf(verdict);
  if (corsError !== chromium.corsError) {
    differences.push(`CORS error: CORS Lens says ${corsError ?? 'none'}, Chromium ${chromium.corsError ?? 'none'}`);
  } else if (corsError !== null && failedParameter !== chromium.failedParameter) {
    const candidates = verdict.failure?.candidates;
    if (!candidates || chromium.failedParameter === null || !candidates.includes(chromium.failedParameter)) {
      differences.push(`failed parameter: CORS Lens says ${JSON.stringify(failedParameter)}, Chromium ${JSON.stringify(chromium.failedParameter)}`);
    }
  }
  const sent = verdict.preflight === 'sent';
  if (sent !== chromium.preflightSent) {
    differences.push(`preflight: CORS Lens says ${verdict.preflight}, Chromium ${chromium.preflightSent ? 'sent one' : 'sent none'}`);
  }
  return { status: differences.length === 0 ? 'confirmed' : 'disagree', chromium, differences };
}
