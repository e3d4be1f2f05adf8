import type { Scenario } from '../lab/scenario.ts';
import type { ScenarioResult } from './scenarioRunner.ts';

/** What a verdict says, in the terms every comparison uses. */
export interface Essentials {
  readonly corsError: string | null;
  readonly failedParameter: string | null;
  readonly preflight: string;
  readonly outcome?: string;
  /** When undetermined: the CorsErrors the failure may have been. */
  readonly possibleCorsErrors?: readonly string[];
}

/**
 * Whether a verdict made from a capture says what Chromium said: the same
 * error and failed parameter, and the same preflight. Where the scenario
 * declares that no capture shows what decided it (judgedAsDeclared), the
 * verdict must instead say it cannot see the reason ("undetermined") and
 * name Chromium's error among the possible ones: never a wrong verdict, and
 * never "allowed" for a request Chromium refused.
 */
export function agrees(ours: Essentials, chromium: Essentials, hiddenFromCaptures: boolean): boolean {
  if (ours.preflight !== chromium.preflight) return false;
  if (hiddenFromCaptures && chromium.corsError !== null) {
    return ours.outcome === 'undetermined' && (ours.possibleCorsErrors ?? []).includes(chromium.corsError);
  }
  return ours.corsError === chromium.corsError && ours.failedParameter === chromium.failedParameter;
}

/**
 * Every disagreement in a scenario, as readable lines: Chromium against the
 * scenario's declaration, the engine against Chromium, the engine's pairing
 * against Chromium's own preflight links, and the server's OPTIONS count.
 */
export function disagreements(result: ScenarioResult): string[] {
  const problems: string[] = [];
  const { scenario } = result;
  const hidden = scenario.judgedAsDeclared !== undefined;
  for (const request of result.requests) {
    const { chromium, engine, declared, expected } = request;
    const label = `${scenario.name}[${request.index}] ${request.url.slice(0, 120)}`;
    const both = `\n    chromium: ${JSON.stringify(chromium)}\n    engine:   ${JSON.stringify(engine)}${declared ? `\n    declared: ${JSON.stringify(declared)}` : ''}\n    expected: ${JSON.stringify(expected)}`;
    const expectedParameter = expected.corsError === null ? null : (expected.failedParameter ?? '');
    if (chromium.corsError !== expected.corsError || chromium.failedParameter !== expectedParameter) {
      problems.push(`${label}: Chromium did not do what the scenario declares${both}`);
    }
    if (!scenario.rejectedInRenderer && chromium.preflightSent !== (expected.preflight === 'sent')) {
      problems.push(`${label}: Chromium's preflight (sent: ${chromium.preflightSent}) differs from the declaration (${expected.preflight})${both}`);
    }
    const chromiumEssentials = { corsError: chromium.corsError, failedParameter: chromium.failedParameter, preflight: expected.preflight };
    if (!agrees(engine, chromiumEssentials, hidden)) {
      problems.push(`${label}: the engine's verdict from the capture differs from Chromium's${both}`);
    }
    if (declared && !agrees(declared, chromiumEssentials, false)) {
      problems.push(`${label}: the engine's verdict, told what no capture shows, differs from Chromium's${both}`);
    }
    if (engine.preflight !== expected.preflight) {
      problems.push(`${label}: the engine says preflight "${engine.preflight}", Chromium and the server say "${expected.preflight}"${both}`);
    }
    if (engine.preflightIds.join() !== chromium.preflightIds.join()) {
      problems.push(`${label}: the engine paired preflights [${engine.preflightIds.join()}], Chromium links [${chromium.preflightIds.join()}]`);
    }
  }
  if (result.requests.length !== scenario.requests.length) {
    problems.push(`${scenario.name}: ${result.requests.length} requests seen, ${scenario.requests.length} declared`);
  }
  if (result.optionsSeen !== result.optionsExpected) {
    problems.push(`${scenario.name}: the server saw ${result.optionsSeen} OPTIONS requests, ${result.optionsExpected} expected`);
  }
  return problems;
}

/** One object of `cors-lens explain --json`. */
export interface CliVerdict extends Essentials {
  readonly url: string;
  readonly method: string;
  readonly blocked: boolean;
}

/** Chromium's verdicts for a scenario's CORS requests (no-cors ones are not CORS requests: no capture reports them). */
function chromiumSide(result: ScenarioResult): Essentials[] {
  return result.requests
    .filter((request) => result.scenario.requests[request.index]?.mode !== 'no-cors')
    .map((request) => ({ corsError: request.chromium.corsError, failedParameter: request.chromium.failedParameter, preflight: request.expected.preflight }));
}

/**
 * Holds verdicts made from a capture of a scenario against Chromium's,
 * request by request (in any order for parallel scenarios); null when they
 * agree, else a readable message.
 */
function compareCaptured(
  scenario: Scenario,
  ours: readonly Essentials[],
  chromium: readonly Essentials[],
  source: string,
  hidden = scenario.judgedAsDeclared !== undefined,
): string | null {
  const pairs = scenario.parallel ? matchInAnyOrder(ours, chromium, hidden) : ours.map((each, index) => [each, chromium[index]] as const);
  const fine = ours.length === chromium.length && pairs.every(([mine, theirs]) => theirs !== undefined && agrees(mine, theirs, hidden));
  if (fine) return null;
  return `${scenario.name}: ${source} says\n    ${ours.map(describe).join('\n    ')}\n  Chromium says\n    ${chromium.map(describe).join('\n    ')}`;
}

/** Pairs each of ours with an agreeing one of Chromium's when there is one (parallel requests settle in any order). */
function matchInAnyOrder(ours: readonly Essentials[], chromium: readonly Essentials[], hidden: boolean): (readonly [Essentials, Essentials | undefined])[] {
  const left = [...chromium];
  return ours.map((mine) => {
    const index = left.findIndex((theirs) => agrees(mine, theirs, hidden));
    return [mine, index >= 0 ? left.splice(index, 1)[0] : undefined] as const;
  });
}

/**
 * Holds `cors-lens explain --json`, run on a HAR of the same capture, against
 * Chromium. Requests Chromium refuses in the renderer never reach the
 * network, so no HAR holds them; no-cors requests are not CORS requests and
 * the CLI leaves them out. `cannotTell` names the scenarios this kind of HAR
 * cannot decide (see Scenario.devToolsHarCannotTell).
 */
export function harDisagreements(
  results: readonly ScenarioResult[],
  cli: readonly CliVerdict[],
  source = 'cors-lens explain on the HAR',
  cannotTell: (scenario: Scenario) => boolean = () => false,
): string[] {
  const problems: string[] = [];
  for (const result of results) {
    const { scenario } = result;
    if (scenario.rejectedInRenderer) continue;
    const marker = `/s/${scenario.name}/`;
    const hidden = scenario.judgedAsDeclared !== undefined || cannotTell(scenario);
    const problem = compareCaptured(
      scenario,
      cli.filter((verdict) => verdict.url.includes(marker)),
      chromiumSide(result),
      source,
      hidden,
    );
    if (problem) problems.push(problem);
  }
  return problems;
}

export function describe(verdict: Essentials): string {
  const error =
    verdict.outcome === 'undetermined'
      ? `undetermined (possibly ${(verdict.possibleCorsErrors ?? []).join(', ') || 'nothing CORS names'})`
      : (verdict.corsError ?? 'not blocked');
  return `${error} ${JSON.stringify(verdict.failedParameter)} preflight ${verdict.preflight}`;
}

/**
 * Holds the extension's own capture (webRequest in its service worker) against
 * Chromium, request by request (in any order for parallel scenarios). Where the
 * capture cannot tell which header Chromium names first, Chromium's must be
 * among the candidates; where the scenario says webRequest cannot decide at
 * all, the extension must say "undetermined" and name Chromium's error among
 * the possible ones.
 */
export function extensionDisagreements(result: ScenarioResult): string[] {
  const { scenario, extension } = result;
  if (!extension) return [];
  const chromium = chromiumSide(result);
  if (scenario.webRequestCannotTell) {
    const wrong = extension.filter(
      (verdict, index) =>
        verdict.outcome !== 'undetermined' || (chromium[index]?.corsError && !(verdict.possibleCorsErrors ?? []).includes(chromium[index].corsError)),
    );
    return wrong.length === 0
      ? []
      : [
          `${scenario.name}: the extension claims ${wrong.map(describe).join('; ')}, but webRequest cannot tell (${scenario.webRequestCannotTell}): it must say "undetermined" and name Chromium's error among the possible ones`,
        ];
  }
  // Resolve each candidate list to Chromium's value when it is among them.
  const resolved = extension.map((verdict, index) => {
    const theirs = chromium[index]?.failedParameter ?? null;
    return verdict.candidates && theirs !== null && verdict.candidates.includes(theirs) ? { ...verdict, failedParameter: theirs } : verdict;
  });
  const problem = compareCaptured(scenario, resolved, chromium, 'the extension captured');
  return problem ? [problem] : [];
}
