import type { Page } from 'puppeteer-core';
import { firefoxReasonOf, firefoxReasonsOf } from '../../src/core/browsers/firefoxReasonOf.ts';
import type { FirefoxReason } from '../../src/core/browsers/firefoxReason.ts';
import { corsErrorOf } from '../../src/core/cors/verdictFacts.ts';
import type { FirefoxRecorder } from '../../src/cli/record/launchFirefox.ts';
import { firefoxExpectations, firefoxExpectedOptions } from '../lab/firefoxExpectations.ts';
import type { FirefoxExpectation, LabRequest, Scenario } from '../lab/scenario.ts';
import type { Lab } from '../lab/server.ts';
import { firefoxReasonGroups, type FirefoxConsole } from './firefoxConsole.ts';
import { corsRequestCount } from './scenarioRunner.ts';
import { labOrigins, type LabWindow } from './labScenario.ts';

/** What Firefox itself did with one request: its console reason, and what the page's script saw. */
export interface FirefoxSaw {
  /** The declared reason where Firefox's cannot be read (Scenario.firefox.consoleNotSeen). */
  readonly reason: FirefoxReason | null;
  readonly reasonSeen: boolean;
  readonly value: string | null;
  readonly outcome: 'ok' | 'error';
}

/** What the extension's own capture in Firefox concluded for one request, in Firefox's terms. */
export interface ExtensionInFirefox {
  readonly firefoxReason: FirefoxReason | null;
  /** Every reason Firefox could have given, when the capture cannot tell (firefoxReasonsOf). */
  readonly candidates: readonly FirefoxReason[];
  readonly corsError: string | null;
  readonly preflight: string;
  readonly outcome: string;
}

export interface FirefoxScenarioResult {
  readonly scenario: Scenario;
  readonly expected: readonly FirefoxExpectation[];
  readonly firefox: readonly FirefoxSaw[];
  readonly optionsSeen: number;
  readonly optionsExpected: number;
  readonly extension: readonly ExtensionInFirefox[];
}

/**
 * Runs one scenario in Firefox's lab page and gathers, per request, what
 * Firefox logged (its reason), what the script saw, the server's OPTIONS
 * count, and what the extension captured (read through its recorder page).
 */
export async function runScenarioInFirefox(
  page: Page,
  lab: Lab,
  console: FirefoxConsole,
  recorder: FirefoxRecorder,
  tabId: number,
  scenario: Scenario,
): Promise<FirefoxScenarioResult> {
  const expected = firefoxExpectations(scenario).map((expectation) => resolveValue(expectation, lab));
  const marker = `/s/${scenario.name}/`;
  console.running(scenario.name);
  const outcomes = await page.evaluate(
    (name, requests, origins, parallel) => (window as unknown as LabWindow).corsLab.runScenario(name, requests, origins, parallel),
    scenario.name,
    scenario.requests as LabRequest[],
    labOrigins(lab),
    scenario.parallel ?? false,
  );
  // Every reason the declaration expects: Firefox logs them as the requests fail, not always before the script hears.
  const reasons = expected.filter((expectation) => expectation.reason !== null).length;
  const seen = !scenario.firefox?.consoleNotSeen;
  if (seen)
    await console
      .until(() => firefoxReasonGroups(console.linesOf(scenario.name)).length >= reasons, `the ${reasons} console reasons of ${scenario.name}`)
      .catch(() => undefined);
  console.running(null);
  const groups = firefoxReasonGroups(console.linesOf(scenario.name));
  // Reasons go to the failed requests, in order (sets for parallel scenarios: see firefoxDisagreements).
  let next = 0;
  const firefox = outcomes.map((result, index): FirefoxSaw => {
    if (!seen) return { reason: expected[index]?.reason ?? null, reasonSeen: false, value: expected[index]?.value ?? null, outcome: result.outcome };
    if (result.outcome === 'ok') return { reason: null, reasonSeen: true, value: null, outcome: 'ok' };
    const line = groups[next++];
    return { reason: line?.reason ?? null, reasonSeen: true, value: line?.value ?? null, outcome: 'error' };
  });
  const extension = await extensionVerdicts(recorder, tabId, scenario, marker);
  return { scenario, expected, firefox, optionsSeen: lab.counts(scenario.name).options, optionsExpected: firefoxExpectedOptions(scenario), extension };
}

async function extensionVerdicts(recorder: FirefoxRecorder, tabId: number, scenario: Scenario, marker: string): Promise<ExtensionInFirefox[]> {
  const items = scenario.firefox?.webRequestCannotTell
    ? (await recorder.call('transactions', tabId)).filter((item) => item.transaction.request.url.includes(marker))
    : await recorder.call('waitFor', tabId, marker, corsRequestCount(scenario), 10_000);
  return items.map(({ transaction }) => {
    const { verdict } = transaction;
    return {
      firefoxReason: firefoxReasonOf(transaction, verdict),
      candidates: firefoxReasonsOf(transaction, verdict),
      corsError: corsErrorOf(verdict),
      preflight: verdict.preflight,
      outcome: verdict.outcome,
    };
  });
}

function resolveValue(expectation: FirefoxExpectation, lab: Lab): FirefoxExpectation {
  return expectation.value === undefined ? expectation : { ...expectation, value: expectation.value.replaceAll('{origin}', lab.pageOrigin) };
}

/**
 * Every disagreement in a scenario run in Firefox: Firefox against the
 * scenario's Firefox declaration (reason, named value, script outcome, the
 * server's OPTIONS count), then the extension's capture against Firefox,
 * request by request (as sets for parallel scenarios).
 */
export function firefoxDisagreements(result: FirefoxScenarioResult): string[] {
  const { scenario, expected, firefox } = result;
  const problems: string[] = [];
  const describeFirefox = (each: { reason: FirefoxReason | null; outcome: string }, preflight?: string) =>
    `${each.reason ?? 'no reason'} (${each.outcome})${preflight ? ` preflight ${preflight}` : ''}`;
  // Where the console cannot be read, only the script's outcome is Firefox's own.
  const declared = expected.map((each, index) => describeFirefox(firefox[index]?.reasonSeen === false ? { reason: null, outcome: each.outcome } : each));
  const seen = firefox.map((each) => describeFirefox(each.reasonSeen ? each : { reason: null, outcome: each.outcome }));
  const [declaredSide, seenSide] = scenario.parallel ? [[...declared].sort(), [...seen].sort()] : [declared, seen];
  if (JSON.stringify(declaredSide) !== JSON.stringify(seenSide)) {
    problems.push(
      `${scenario.name}: Firefox did not do what the scenario declares\n    firefox:  ${seenSide.join(' | ')}\n    declared: ${declaredSide.join(' | ')}`,
    );
  }
  expected.forEach((expectation, index) => {
    const value = firefox[index]?.value ?? null;
    if (expectation.value !== undefined && !scenario.parallel && value !== expectation.value) {
      problems.push(`${scenario.name}[${index}]: Firefox named ${JSON.stringify(value)}, the scenario declares ${JSON.stringify(expectation.value)}`);
    }
  });
  if (result.optionsSeen !== result.optionsExpected)
    problems.push(`${scenario.name}: the server saw ${result.optionsSeen} OPTIONS requests in Firefox, ${result.optionsExpected} expected`);
  problems.push(...extensionInFirefoxDisagreements(result));
  return problems;
}

function extensionInFirefoxDisagreements(result: FirefoxScenarioResult): string[] {
  const { scenario, extension } = result;
  const cannotTell = scenario.firefox?.webRequestCannotTell;
  if (cannotTell) {
    const decided = extension.filter((verdict) => verdict.outcome === 'allowed' || verdict.outcome === 'blocked');
    return decided.length === 0
      ? []
      : [
          `${scenario.name}: the extension in Firefox claims ${decided.map((each) => `${each.outcome} ${each.firefoxReason ?? ''}`).join('; ')}, but webRequest cannot tell (${cannotTell})`,
        ];
  }
  const corsIndexes = scenario.requests.flatMap((request, index) => (request.mode === 'no-cors' ? [] : [index]));
  const firefoxReasons = corsIndexes.map((index) => result.firefox[index]?.reason ?? null);
  const firefoxSide = corsIndexes.map((index, at) => `${firefoxReasons[at] ?? 'no reason'} preflight ${result.expected[index]?.preflight}`);
  // Where the capture cannot tell which of several reasons Firefox gave, Firefox's must be among them.
  const extensionSide = extension.map((verdict, at) => {
    const theirs = firefoxReasons[at];
    const reason = theirs && verdict.candidates.includes(theirs) ? theirs : verdict.firefoxReason;
    return `${reason ?? 'no reason'} preflight ${verdict.preflight}`;
  });
  const [a, b] = scenario.parallel ? [[...extensionSide].sort(), [...firefoxSide].sort()] : [extensionSide, firefoxSide];
  if (JSON.stringify(a) === JSON.stringify(b)) return [];
  return [
    `${scenario.name}: the extension captured in Firefox\n    ${a.join('\n    ')}\n  Firefox says\n    ${b.join('\n    ')}\n  (the engine's verdicts: ${extension.map((each) => `${each.outcome} ${each.corsError ?? ''}`).join('; ')})`,
  ];
}
