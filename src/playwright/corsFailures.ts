import { explainVerdict } from '../core/explain/explainVerdict.ts';
import type { ServerChange } from '../core/explain/serverChange.ts';
import { verifiedFix } from '../core/explain/verifiedFix.ts';
import { getHeader } from '../core/fetch/headers.ts';
import { isRefused } from '../core/cors/verdict.ts';
import { corsErrorOf, failedParameterOf } from '../core/cors/verdictFacts.ts';
import type { Transaction } from '../core/pairing/transaction.ts';
import { printable } from '../core/printable.ts';

/** The transactions toHaveNoCorsErrors fails on: blocked by CORS, or failed by the browser for a reason the capture cannot show. */
export function isCorsFailure(transaction: Transaction): boolean {
  return isRefused(transaction.verdict);
}

/** What happened to the preflight (sent and answered, or served from the cache) and why one was needed; or that none was. */
function preflightLine(transaction: Transaction, reasons: readonly string[]): string {
  const { verdict, hops } = transaction;
  const because = reasons.length > 0 ? `; needed because ${reasons.map((reason) => printable(reason, 300)).join('; ')}` : '';
  switch (verdict.preflight) {
    case 'sent': {
      const preflight = hops.find((hop) => hop.preflight)?.preflight;
      const answer = preflight?.response
        ? `answered ${preflight.response.status}`
        : preflight?.error
          ? `failed (${printable(preflight.error, 80)})`
          : 'no answer';
      const method = preflight ? getHeader(preflight.requestHeaders, 'Access-Control-Request-Method') : null;
      const headers = preflight ? getHeader(preflight.requestHeaders, 'Access-Control-Request-Headers') : null;
      const asked = [method ? `method ${printable(method, 40)}` : '', headers ? `headers ${printable(headers, 200)}` : ''].filter(Boolean).join(', ');
      return `sent (OPTIONS${asked ? ` asking for ${asked}` : ''}), ${answer}${because}`;
    }
    case 'cache-hit':
      return `served from Chromium's preflight cache (no OPTIONS request went out)${because}`;
    case 'not-needed':
      return 'not needed (a simple request)';
    case 'not-seen':
      return `needed, but none was seen and no preflight cache entry CORS Lens knows of explains it${because}`;
    case 'not-recorded':
      return 'needed, not recorded';
  }
}

const lineText = (line: { readonly name: string; readonly value: string }): string => `${printable(line.name, 80)}: ${printable(line.value, 300)}`;

/**
 * The header lines that make the request pass, as the engine verified them
 * (the panel's "Everything the server must change"), each set under the
 * response it goes on. When the capture cannot show whether the request
 * carried credentials, that is what it needs without them, and what it needs
 * with them follows, verified too: never more than the evidence calls for.
 */
function fixLines(transaction: Transaction, fallback: string | null): string[] {
  const fix = verifiedFix(transaction);
  if (!fix) return fallback ? [`   To fix: ${printable(fallback, 400)}`] : [];
  const lines = changeLines(transaction, fix.changes, 'The server must send');
  if (fix.credentials === 'inferred') lines.push('   (The capture does not show credentials, but only a request carrying them fails this way.)');
  if (!fix.withCredentials) return lines;
  return [
    ...lines,
    ...changeLines(
      transaction,
      fix.withCredentials.changes,
      "If the page sends cookies or HTTP authentication (credentials: 'include'), the server must send instead",
    ),
  ];
}

function changeLines(transaction: Transaction, changes: readonly ServerChange[], heading: string): string[] {
  return changes.flatMap((change, index) => {
    const method = change.target === 'preflight response' ? 'OPTIONS' : transaction.request.method;
    const where = `in its ${change.target} to ${printable(method, 20)} ${printable(change.url, 300)}:`;
    return [index === 0 ? `   ${heading}, ${where}` : `   and ${where}`, ...change.lines.map((line) => `     ${lineText(line)}`)];
  });
}

/** One failed request, in lines: what was blocked, by which check, the header at fault, the preflight, and the fix. */
export function describeFailure(transaction: Transaction, index: number): string[] {
  const { request, verdict } = transaction;
  const explanation = explainVerdict(transaction, verdict);
  const lines = [`${index + 1}) ${printable(request.method, 20)} ${printable(request.url, 300)}`];
  const corsError = corsErrorOf(verdict);
  if (corsError) {
    const failedParameter = failedParameterOf(verdict);
    const parameter = failedParameter ? ` (failed parameter: ${printable(JSON.stringify(failedParameter), 120)})` : '';
    lines.push(`   Chromium's CORS error: ${corsError}${parameter}`);
  }
  if (explanation.rootCause) lines.push(`   ${printable(explanation.rootCause.text, 400)}`);
  lines.push(`   ${printable(explanation.summary, 400)}`);
  if (explanation.mismatch) {
    const { header, received, needed } = explanation.mismatch;
    const sent = received === null ? 'nothing' : printable(JSON.stringify(received), 200);
    lines.push(`   ${header ? `${printable(header, 80)}: the` : 'The'} server sent ${sent}; the browser needed ${printable(needed, 200)}`);
  }
  lines.push(`   Preflight: ${preflightLine(transaction, explanation.preflight.reasons)}`);
  lines.push(...fixLines(transaction, explanation.title));
  return lines;
}

/** The whole failure message: a count, then each failed request. */
export function failureReport(failures: readonly Transaction[], total: number): string {
  const count =
    failures.length === total
      ? total === 1
        ? "the page's only cross-origin request"
        : `all ${total} cross-origin requests of the page`
      : `${failures.length} of the ${total} cross-origin requests of the page`;
  const heading = [
    `The browser blocked ${count} (CORS: a page may call another origin only as far as that server's Access-Control-* response headers allow):`,
    '',
  ];
  return [...heading, ...failures.flatMap((transaction, index) => [...describeFailure(transaction, index), ''])].join('\n').trimEnd();
}
