import type { RequestResult, ScenarioResult } from './scenarioRunner.ts';
import { disagreements } from './verdictComparison.ts';

function chromiumSays(request: RequestResult): string {
  const { corsError, failedParameter, preflightSent } = request.chromium;
  const verdict = corsError ? `${corsError}${failedParameter ? ` (${failedParameter})` : ''}` : 'allowed';
  return `${verdict}, preflight ${preflightSent ? 'sent' : request.expected.preflight === 'sent' ? 'NOT sent' : 'not sent'}`;
}

function engineSays(request: RequestResult): string {
  const { corsError, failedParameter, preflight, outcome } = request.engine;
  const verdict = corsError ? `${corsError}${failedParameter ? ` (${failedParameter})` : ''}` : outcome === 'not-cors' ? 'not CORS' : 'allowed';
  return `${verdict}, preflight ${preflight}`;
}

function truncate(text: string, width: number): string {
  return text.length > width ? `${text.slice(0, width - 1)}…` : text;
}

/**
 * One row per lab request: the scenario, what Chromium reported, what the
 * engine decided from the same capture, and whether they agree (Chromium
 * matching the scenario's declaration, the engine matching Chromium).
 */
export function formatSummary(results: readonly ScenarioResult[]): { text: string; agreeing: number; total: number } {
  const rows: string[][] = [];
  let agreeing = 0;
  let total = 0;
  for (const result of results) {
    const problems = disagreements(result);
    result.requests.forEach((request) => {
      const label = result.requests.length > 1 ? `${result.scenario.name} #${request.index + 1}` : result.scenario.name;
      const agrees = !problems.some((problem) => problem.startsWith(`${result.scenario.name}[${request.index}]`)) && !problems.some((problem) => problem.startsWith(`${result.scenario.name}:`));
      total++;
      if (agrees) agreeing++;
      rows.push([truncate(label, 48), truncate(chromiumSays(request), 62), truncate(engineSays(request), 62), agrees ? 'yes' : 'NO']);
    });
  }
  const header = ['scenario', "Chromium's verdict", "engine's verdict", 'agree?'];
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => (row[column] ?? '').length)));
  const line = (row: readonly string[]) => row.map((cell, column) => cell.padEnd(widths[column] ?? 0)).join('  ').trimEnd();
  const text = [line(header), line(widths.map((width) => '-'.repeat(width))), ...rows.map(line)].join('\n');
  return { text, agreeing, total };
}
