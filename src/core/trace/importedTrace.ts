import type { Transaction } from '../pairing/transaction.ts';
import { createTrace, detachedSession, type Trace } from './trace.ts';

/** What an imported file keeps once judged: its transactions and the browser it names. */
export interface JudgedFile {
  readonly transactions: readonly Transaction[];
  readonly browser: string | null;
}

/**
 * An imported file as a CORS Lens trace: its transactions as the engine
 * judged them, so a HAR from another tool comes out with its preflights
 * paired. Its secrets are left out like a live capture's. No cache model is
 * written: the file's own is what its transactions say.
 */
export function importedTrace(file: JudgedFile, includeSecrets: boolean, now: number): Trace {
  return createTrace({
    session: detachedSession(pageOf(file.transactions), file.transactions.length),
    transactions: file.transactions,
    preflightCache: [],
    createdAt: now,
    ...(file.browser ? { userAgent: file.browser } : {}),
    includeSecrets,
  });
}

// The page the file was captured on, as far as its first request says.
function pageOf(transactions: readonly Transaction[]): string | null {
  const origin = transactions[0]?.request.initiatorOrigin;
  return origin && origin !== 'null' ? `${origin}/` : null;
}
