import type { Verdict, VerdictOutcome } from '../cors/verdict.ts';

/**
 * A verdict at a glance, as a list row shows it: its outcome, with a request
 * blocked at its preflight and one allowed by a cached preflight told apart
 * from the rest of their outcome.
 */
export type VerdictBadge = VerdictOutcome | 'preflight-failed' | 'cache-hit';

/** The badge of a verdict (reads the verdict only; no rule is decided again). */
export function verdictBadge(verdict: Pick<Verdict, 'outcome' | 'stage' | 'preflight'>): VerdictBadge {
  switch (verdict.outcome) {
    case 'blocked':
      return verdict.stage === 'preflight' ? 'preflight-failed' : 'blocked';
    case 'allowed':
      return verdict.preflight === 'cache-hit' ? 'cache-hit' : 'allowed';
    default:
      return verdict.outcome;
  }
}

/** Each badge in a word or two. An incomplete verdict is a request the capture has not seen end: in the panel, one still in flight. */
export const VERDICT_BADGE_LABELS: Readonly<Record<VerdictBadge, string>> = {
  allowed: 'allowed',
  blocked: 'blocked',
  'preflight-failed': 'preflight failed',
  'cache-hit': 'cache hit',
  'network-error': 'network error',
  incomplete: 'in flight',
  undetermined: 'blocked (why?)',
  'not-cors': 'not CORS',
};
