import type { ScenarioResult } from './scenarioRunner.ts';

/**
 * Every disagreement in a scenario, as readable lines: Chromium against the
 * scenario's declaration, the engine against Chromium, the engine's pairing
 * against Chromium's own preflight links, and the server's OPTIONS count.
 */
export function disagreements(result: ScenarioResult): string[] {
  const problems: string[] = [];
  const { scenario } = result;
  for (const request of result.requests) {
    const { chromium, engine, expected } = request;
    const label = `${scenario.name}[${request.index}] ${request.url.slice(0, 120)}`;
    const both = `\n    chromium: ${JSON.stringify(chromium)}\n    engine:   ${JSON.stringify(engine)}\n    expected: ${JSON.stringify(expected)}`;
    const expectedParameter = expected.corsError === null ? null : (expected.failedParameter ?? '');
    if (chromium.corsError !== expected.corsError || chromium.failedParameter !== expectedParameter) {
      problems.push(`${label}: Chromium did not do what the scenario declares${both}`);
    }
    if (!scenario.rejectedInRenderer && chromium.preflightSent !== (expected.preflight === 'sent')) {
      problems.push(`${label}: Chromium's preflight (sent: ${chromium.preflightSent}) differs from the declaration (${expected.preflight})${both}`);
    }
    if (engine.corsError !== chromium.corsError || engine.failedParameter !== chromium.failedParameter) {
      problems.push(`${label}: the engine's verdict differs from Chromium's${both}`);
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
export interface CliVerdict {
  readonly url: string;
  readonly method: string;
  readonly blocked: boolean;
  readonly corsError: string | null;
  readonly failedParameter: string | null;
  readonly preflight: string;
}

/**
 * Holds `cors-lens explain --json`, run on the HAR written from the same
 * capture, against Chromium. Requests Chromium refuses in the renderer never
 * reach the network, so no HAR holds them; a HAR cannot hold the declaration
 * some scenarios need (see Scenario.judgedAsDeclared); no-cors requests are
 * not CORS requests and the CLI leaves them out.
 */
export function harDisagreements(results: readonly ScenarioResult[], cli: readonly CliVerdict[]): string[] {
  const problems: string[] = [];
  for (const result of results) {
    const { scenario } = result;
    if (scenario.rejectedInRenderer || scenario.judgedAsDeclared) continue;
    const marker = `/s/${scenario.name}/`;
    const fromCli = cli.filter((verdict) => verdict.url.includes(marker)).map(describe);
    const fromChromium = result.requests
      .filter((request) => scenario.requests[request.index]?.mode !== 'no-cors')
      .map((request) => describe({ corsError: request.chromium.corsError, failedParameter: request.chromium.failedParameter, preflight: request.expected.preflight }));
    const [cliSide, chromiumSide] = scenario.parallel ? [[...fromCli].sort(), [...fromChromium].sort()] : [fromCli, fromChromium];
    if (JSON.stringify(cliSide) !== JSON.stringify(chromiumSide)) {
      problems.push(`${scenario.name}: cors-lens explain on the HAR says\n    ${cliSide.join('\n    ')}\n  Chromium says\n    ${chromiumSide.join('\n    ')}`);
    }
  }
  return problems;
}

function describe(verdict: Pick<CliVerdict, 'corsError' | 'failedParameter' | 'preflight'>): string {
  return `${verdict.corsError ?? 'not blocked'} ${JSON.stringify(verdict.failedParameter)} preflight ${verdict.preflight}`;
}

/**
 * Holds the extension's own capture (webRequest in its service worker) against
 * Chromium, request by request (as sets for parallel scenarios). Where the
 * capture cannot tell which header Chromium names first, Chromium's must be
 * among the candidates; where the scenario says webRequest cannot decide at
 * all, the extension must say "undetermined".
 */
export function extensionDisagreements(result: ScenarioResult): string[] {
  const { scenario, extension } = result;
  if (!extension) return [];
  const chromium = result.requests
    .filter((request) => scenario.requests[request.index]?.mode !== 'no-cors')
    .map((request) => ({ corsError: request.chromium.corsError, failedParameter: request.chromium.failedParameter, preflight: request.expected.preflight }));
  if (scenario.webRequestCannotTell) {
    const decided = extension.filter((verdict) => verdict.outcome !== 'undetermined');
    return decided.length === 0 ? [] : [`${scenario.name}: the extension claims ${decided.map(describe).join('; ')}, but webRequest cannot tell (${scenario.webRequestCannotTell})`];
  }
  // Resolve each candidate list to Chromium's value when it is among them.
  const resolved = extension.map((verdict, index) => {
    const theirs = chromium[index]?.failedParameter ?? null;
    return verdict.candidates && theirs !== null && verdict.candidates.includes(theirs) ? { ...verdict, failedParameter: theirs } : verdict;
  });
  const [extensionSide, chromiumSide] = scenario.parallel ? [resolved.map(describe).sort(), chromium.map(describe).sort()] : [resolved.map(describe), chromium.map(describe)];
  if (JSON.stringify(extensionSide) === JSON.stringify(chromiumSide)) return [];
  return [`${scenario.name}: the extension captured\n    ${extensionSide.join('\n    ')}\n  Chromium says\n    ${chromiumSide.join('\n    ')}`];
}
