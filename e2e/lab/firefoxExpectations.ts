import { FIREFOX_REASON_OF_CORS_ERROR } from '../../src/core/browsers/firefoxReasonOf.ts';
import type { FirefoxExpectation, Scenario } from './scenario.ts';

/**
 * What Firefox must decide for each request of a scenario: its own
 * declaration, or else Chromium's verdict under Firefox's name for it
 * (src/core/browsers/firefoxReasonOf.ts), with the same preflights.
 */
export function firefoxExpectations(scenario: Scenario): readonly FirefoxExpectation[] {
  if (scenario.firefox?.expect) return scenario.firefox.expect;
  return scenario.expect.map((expectation) => {
    const reason = expectation.corsError === null ? null : FIREFOX_REASON_OF_CORS_ERROR[expectation.corsError];
    return { reason, outcome: expectation.corsError === null ? 'ok' : 'error', preflight: expectation.preflight };
  });
}

/** OPTIONS requests the server must see when Firefox runs the scenario. */
export function firefoxExpectedOptions(scenario: Scenario): number {
  if (scenario.firefox?.expectedOptions !== undefined) return scenario.firefox.expectedOptions;
  if (!scenario.firefox?.expect && scenario.expectedOptions !== undefined) return scenario.expectedOptions;
  return firefoxExpectations(scenario).filter((expectation) => expectation.preflight === 'sent').length;
}

/** Allowed, or blocked with this reason: the shorthands of the declarations. */
export function firefoxAllowed(preflight: FirefoxExpectation['preflight'] = 'not-needed'): FirefoxExpectation {
  return { reason: null, outcome: 'ok', preflight };
}

export function firefoxBlocked(
  reason: NonNullable<FirefoxExpectation['reason']>,
  preflight: FirefoxExpectation['preflight'] = 'not-needed',
  value?: string,
): FirefoxExpectation {
  return { reason, outcome: 'error', preflight, ...(value !== undefined ? { value } : {}) };
}
