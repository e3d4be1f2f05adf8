import { printable } from '../core/printable.ts';
import type { Report } from './explainReport.ts';

/** The human-readable report: a line per request, then what to do about each blocked one. */
export function formatReport(report: Report, source: string): string {
  const lines: string[] = [];
  const { requests, explanations, leftOut: stats } = report;
  const blocked = requests.filter((request) => request.blocked).length;
  lines.push(`${printable(source)}: ${requests.length} cross-origin request${requests.length === 1 ? '' : 's'}, ${blocked} blocked by CORS`);
  const leftOut = [
    [stats.sameOrigin, 'same-origin'],
    [stats.navigations, 'navigations'],
    [stats.notCorsMode, 'no-cors'],
    [stats.unknownInitiator, 'of unknown origin'],
  ].filter(([count]) => Number(count) > 0);
  if (leftOut.length > 0) lines.push(`left out: ${leftOut.map(([count, what]) => `${count} ${what}`).join(', ')}`);
  if (requests.length === 0) return `${lines.join('\n')}\n`;
  lines.push('');
  const rows = requests.map((request, index) => [
    String(index + 1),
    printable(request.method, 10),
    request.preflight,
    request.corsError ?? request.outcome,
    printable(request.url, 90),
  ]);
  const header = ['#', 'method', 'preflight', 'verdict', 'url'];
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => (row[column] ?? '').length)));
  const format = (row: readonly string[]) => row.map((cell, column) => (column === row.length - 1 ? cell : cell.padEnd(widths[column] ?? 0))).join('  ');
  lines.push(format(header), ...rows.map(format));
  requests.forEach((request, index) => {
    const explanation = explanations[index];
    if (!explanation || (request.outcome === 'allowed' && request.notes.length === 0) || request.outcome === 'not-cors') return;
    lines.push('', `#${index + 1} ${printable(request.method, 10)} ${printable(request.url, 120)}`);
    if (explanation.rootCause) lines.push(`  ${printable(explanation.rootCause.text, 400)}`);
    lines.push(`  ${printable(explanation.summary, 400)}`);
    if (explanation.corsError)
      lines.push(`  Chromium: ${explanation.corsError}${explanation.failedParameter ? ` (${printable(explanation.failedParameter, 80)})` : ''}`);
    if (request.firefoxReason !== undefined && explanation.firefox) lines.push(`  Firefox: ${explanation.firefox.reason} (${explanation.firefox.url})`);
    if (explanation.mismatch?.header) {
      lines.push(
        `  ${explanation.mismatch.header}: sent ${explanation.mismatch.received === null ? '(absent)' : printable(JSON.stringify(explanation.mismatch.received), 120)}, needed ${printable(explanation.mismatch.needed, 120)}`,
      );
    }
    if (explanation.fix) {
      lines.push(`  Fix (${explanation.fix.target}):`);
      for (const line of explanation.fix.lines) lines.push(`    ${printable(line.name, 60)}: ${printable(line.value, 200)}`);
    }
    for (const note of explanation.notes) lines.push(`  Note: ${printable(note, 400)}`);
  });
  return `${lines.join('\n')}\n`;
}
