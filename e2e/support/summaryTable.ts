import type { ExtensionVerdict, RequestResult, ScenarioResult } from './scenarioRunner.ts';
import { disagreements, extensionDisagreements } from './verdictComparison.ts';

function chromiumSays(request: RequestResult): string {
  const { corsError, failedParameter, preflightSent } = request.chromium;
  const verdict = corsError ? `${corsError}${failedParameter ? ` (${failedParameter})` : ''}` : 'allowed';
  return `${verdict}, preflight ${preflightSent ? 'sent' : request.expected.preflight === 'sent' ? 'NOT sent' : 'not sent'}`;
}

function extensionSays(result: ScenarioResult, index: number): string {
  if (result.scenario.rejectedInRenderer) return 'never on the network: webRequest cannot see it';
  const verdict: ExtensionVerdict | undefined = result.extension?.[index];
  if (!verdict) return 'no transaction';
  if (verdict.outcome === 'undetermined') return 'undetermined (webRequest cannot tell)';
  const parameter = verdict.candidates ? verdict.candidates.join(' or ') : verdict.failedParameter;
  const said = verdict.corsError ? `${verdict.corsError}${parameter ? ` (${parameter})` : ''}` : verdict.outcome === 'not-cors' ? 'not CORS' : verdict.outcome;
  return `${said}, preflight ${verdict.preflight}`;
}

function truncate(text: string, width: number): string {
  return text.length > width ? `${text.slice(0, width - 1)}…` : text;
}

/**
 * One row per lab request: the scenario, what Chromium reported, what the
 * CORS Lens extension concluded from its own capture, and whether all agree
 * (Chromium with the scenario's declaration, the extension with Chromium,
 * and the engine with Chromium on the CDP capture that `cors-lens explain`
 * reads as HAR).
 */
export function formatSummary(results: readonly ScenarioResult[]): { text: string; agreeing: number; total: number } {
  const rows: string[][] = [];
  let agreeing = 0;
  let total = 0;
  for (const result of results) {
    const problems = disagreements(result);
    const extensionAgrees = extensionDisagreements(result).length === 0;
    const corsIndex = corsIndexes(result);
    result.requests.forEach((request) => {
      const label = result.requests.length > 1 ? `${result.scenario.name} #${request.index + 1}` : result.scenario.name;
      const ownProblem = problems.some(
        (problem) => problem.startsWith(`${result.scenario.name}[${request.index}]`) || problem.startsWith(`${result.scenario.name}:`),
      );
      const agrees = !ownProblem && extensionAgrees;
      total++;
      if (agrees) agreeing++;
      const extension =
        corsIndex[request.index] === undefined ? 'not CORS (no-cors mode): only counted' : extensionSays(result, corsIndex[request.index] as number);
      rows.push([truncate(label, 44), truncate(chromiumSays(request), 60), truncate(extension, 60), agrees ? 'yes' : 'NO']);
    });
  }
  const header = ['scenario', "Chromium's verdict", "CORS Lens (the extension's capture)", 'agree?'];
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => (row[column] ?? '').length)));
  const line = (row: readonly string[]) =>
    row
      .map((cell, column) => cell.padEnd(widths[column] ?? 0))
      .join('  ')
      .trimEnd();
  const text = [line(header), line(widths.map((width) => '-'.repeat(width))), ...rows.map(line)].join('\n');
  return { text, agreeing, total };
}

/** The extension reports CORS requests only: each request's position among them. */
function corsIndexes(result: ScenarioResult): (number | undefined)[] {
  let next = 0;
  return result.scenario.requests.map((request) => (request.mode === 'no-cors' ? undefined : next++));
}
