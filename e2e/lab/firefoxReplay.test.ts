import { describe, expect, it } from 'vitest';
import { FIREFOX_RULES } from '../../src/core/browsers/browserRules.ts';
import { firefoxReasonsOf } from '../../src/core/browsers/firefoxReasonOf.ts';
import { firefoxExpectations } from './firefoxExpectations.ts';
import { replayScenario } from './replayScenario.ts';
import type { Scenario } from './scenario.ts';
import { SCENARIOS } from './scenarios/index.ts';

// What the replay cannot reproduce as Firefox, and why (the Firefox oracle runs them in Firefox).
const NOT_REPLAYED: Readonly<Record<string, string>> = {
  'patch-lowercase-method-allowed': "the lab server's HTTP parser answers a lower-case 'patch' with 400, which the routes do not declare",
  'cache-reload-skips-but-stores': "a fetch()'s cache option reaches no capture's events",
  'xhr-upload-listener-get': 'the replay gives an upload listener the use-CORS-preflight flag only when there is a body, as Chromium does',
};
const replayable = (scenario: Scenario): boolean =>
  !scenario.from && !scenario.parallel && !scenario.judgedAsDeclared && !scenario.firefox?.cannotRun && !(scenario.name in NOT_REPLAYED);

describe('the replay of the lab, as Firefox', () => {
  // Played with Firefox's rules and preflight-cache model, then paired as
  // the extension in Firefox pairs its capture: each request must end as
  // Firefox ended it in the lab (e2e/firefoxOracle.spec.ts), its preflight
  // sent, served from the cache, or not needed, and with its reason.
  it("reaches Firefox's reason and preflight for each request of each replayable scenario", () => {
    const differing = SCENARIOS.filter(replayable).flatMap((scenario) => {
      const declared = firefoxExpectations(scenario);
      const got = replayScenario(scenario, FIREFOX_RULES).map((transaction, index) => {
        const candidates = firefoxReasonsOf(transaction, transaction.verdict);
        const theirs = declared[index]?.reason ?? null;
        return `${theirs !== null && candidates.includes(theirs) ? theirs : (candidates[0] ?? 'no reason')} ${transaction.verdict.preflight}`;
      });
      const wanted = declared.map((expectation) => `${expectation.reason ?? 'no reason'} ${expectation.preflight}`);
      return JSON.stringify(got) === JSON.stringify(wanted) ? [] : [`${scenario.name}: ${got.join(', ')} (Firefox: ${wanted.join(', ')})`];
    });
    expect(differing).toEqual([]);
    expect(SCENARIOS.filter(replayable).length).toBeGreaterThan(100);
  });
});
