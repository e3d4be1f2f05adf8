import { getHeader } from '../fetch/headers.ts';
import { corsErrorOf, failedParameterOf } from '../cors/verdictFacts.ts';
import type { Transaction } from '../pairing/transaction.ts';
import { explainVerdict } from './explainVerdict.ts';
import { PREFLIGHT_STATUS_LABELS } from './preflightStatusLabel.ts';

/**
 * A transaction as a short Markdown block for a bug report: the request, its
 * preflight, the verdict, the failing header and the fix. Every value from
 * the network sits in a code span or block sized so no backtick in it can end
 * it early, and line breaks in it become spaces: a hostile header value
 * cannot change the report's structure.
 */
export function markdownSummary(transaction: Transaction): string {
  const { request, verdict, hops } = transaction;
  const explanation = explainVerdict(transaction, verdict);
  const lines: string[] = [];
  const corsError = corsErrorOf(verdict);
  const failedParameter = failedParameterOf(verdict);
  const status = corsError ? `blocked (${corsError})` : explanation.outcome === 'allowed' ? 'allowed' : explanation.outcome;
  lines.push(`### CORS: ${code(`${request.method} ${request.url}`)} ${status}`, '');
  lines.push(`- **Page origin:** ${code(request.initiatorOrigin)}; mode ${code(request.mode)}, credentials ${code(request.credentials)}`);
  const preflight = hops.find((hop) => hop.preflight)?.preflight;
  if (preflight) {
    const asked = ['Access-Control-Request-Method', 'Access-Control-Request-Headers'].flatMap((name) => {
      const value = getHeader(preflight.requestHeaders, name);
      return value === null ? [] : [code(`${name}: ${value}`)];
    });
    const answer = preflight.response ? `answered ${preflight.response.status}` : preflight.error ? `failed (${code(preflight.error)})` : 'no answer';
    lines.push(`- **Preflight:** sent, ${answer}${asked.length > 0 ? `; asked ${asked.join(', ')}` : ''}`);
  } else {
    lines.push(`- **Preflight:** ${PREFLIGHT_STATUS_LABELS[verdict.preflight]}`);
  }
  const { reasons, browserSet } = explanation.preflight;
  lines.push(`- **Why:** ${[...reasons, ...(browserSet ? [browserSet.line] : [])].map(plain).join('; ')}`);
  lines.push(`- **Verdict:** ${plain(explanation.summary)}`);
  if (corsError) {
    lines.push(`- **Chromium's error:** ${code(corsError)}${failedParameter ? `, failed parameter ${code(failedParameter)}` : ''}`);
  }
  if (explanation.mismatch) {
    const { header, received, needed } = explanation.mismatch;
    lines.push(
      `- **Failing header:** ${code(header ?? '(none)')}: the server sent ${received === null ? 'nothing' : code(received)}, the browser needed ${code(needed)}`,
    );
  }
  if (explanation.fix && explanation.fix.lines.length > 0) {
    lines.push(
      `- **Fix:** send this in the ${explanation.fix.target}:`,
      '',
      block(explanation.fix.lines.map((line) => `${line.name}: ${line.value}`).join('\n')),
    );
  }
  return `${lines.join('\n')}\n`;
}

/** Text outside code: line breaks and Markdown's active characters neutralised. */
function plain(text: string): string {
  return oneLine(text).replace(/([\\`*_[\]<>#|])/g, '\\$1');
}

function oneLine(text: string): string {
  return text.replace(/[\r\n\u2028\u2029]+/g, ' ');
}

/** A code span that no backtick inside can close (CommonMark: a longer run of backticks delimits it). */
function code(text: string): string {
  const value = oneLine(text);
  const longest = Math.max(0, ...(value.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longest + 1);
  const pad = value.startsWith('`') || value.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${value}${pad}${fence}`;
}

function block(text: string): string {
  const longest = Math.max(2, ...(text.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longest + 1);
  return `${fence}http\n${text.split('\n').map(oneLine).join('\n')}\n${fence}`;
}
