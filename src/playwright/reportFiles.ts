import type { PreflightCache } from '../core/cache/preflightCache.ts';
import { markdownSummary } from '../core/explain/markdownSummary.ts';
import type { PairingStats } from '../core/pairing/pairEvents.ts';
import type { Transaction } from '../core/pairing/transaction.ts';
import { createTrace, detachedSession, type Trace } from '../core/trace/trace.ts';

/** What a failed test's report gets: the Markdown summary and the CORS Lens trace. */
export interface TestReportFiles {
  readonly markdown: string;
  readonly trace: Trace;
}

/**
 * The report of a test's CORS traffic: a CORS Lens trace (which the panel
 * and `cors-lens explain` import) and, from it, one "Copy summary" block per
 * request, as the panel writes it. Null when there was no CORS traffic.
 * Secrets are left out of both unless `includeSecrets`.
 */
export function testReportFiles(input: {
  readonly transactions: readonly Transaction[];
  readonly stats: PairingStats;
  readonly cache: PreflightCache;
  readonly pageUrl: string | null;
  readonly includeSecrets: boolean;
  /** Epoch ms. */
  readonly now: number;
}): TestReportFiles | null {
  const { transactions, stats, cache, pageUrl, includeSecrets, now } = input;
  if (transactions.length === 0) return null;
  const { sameOrigin, navigations, notCorsMode, unknownInitiator } = stats;
  const session = { ...detachedSession(pageUrl, transactions.length), leftOut: { sameOrigin, navigations, notCorsMode, unknownInitiator } };
  const trace = createTrace({ session, transactions, preflightCache: cache.entries(now), createdAt: now, includeSecrets });
  const blocked = trace.transactions.filter((transaction) => transaction.verdict.outcome === 'blocked').length;
  const heading = [
    `## CORS Lens: ${trace.transactions.length} cross-origin request${trace.transactions.length === 1 ? '' : 's'} in this test, ${blocked} blocked by CORS`,
    '',
    'cors-lens.trace.json, attached beside this file, opens in the CORS Lens DevTools panel (Import) and with `npx cors-lens explain cors-lens.trace.json`.',
    '',
  ];
  return { markdown: [...heading, ...trace.transactions.map(markdownSummary)].join('\n'), trace };
}
