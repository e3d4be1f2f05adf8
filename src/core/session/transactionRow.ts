import { isRefused, type HopVerdict, type PreflightStatus, type Verdict } from '../cors/verdict.ts';
import { corsErrorOf } from '../cors/verdictFacts.ts';
import { verdictBadge, type VerdictBadge } from '../explain/verdictBadge.ts';
import type { Transaction } from '../pairing/transaction.ts';

/**
 * A transaction as a line of a list: what the panel shows and filters on,
 * read off the engine's verdict (no rule is decided here). The worker streams
 * rows to a panel while it records; a transaction in full crosses only when
 * one is selected (getTransaction), so recording costs the page little.
 */
export interface TransactionRow {
  readonly seq: number;
  readonly badge: VerdictBadge;
  readonly method: string;
  readonly url: string;
  /** The target's origin and the rest of the URL, shown apart. */
  readonly targetOrigin: string;
  readonly path: string;
  readonly initiatorOrigin: string;
  readonly corsError: string | null;
  readonly preflight: PreflightStatus;
  /** Milliseconds from start to end, null while in flight. */
  readonly durationMs: number | null;
  readonly blocked: boolean;
  /** Whether it needed a preflight (sent, served from the cache, or needed and not seen). */
  readonly preflighted: boolean;
  /** The modelled preflight cache entries that served its hops (the cache view's "Served"); absent when none did. */
  readonly servedBy?: readonly CacheEntryRef[];
}

/** Which preflight cache entry: its key, and when it was stored (an entry stored again is another one). */
export interface CacheEntryRef {
  readonly origin: string;
  readonly url: string;
  readonly storedAt: number;
}

/** What a row is read from: a transaction as the ring keeps it (TransactionDto) or whole, with its seq. */
export interface RowSource {
  readonly seq: number;
  readonly transaction: Pick<Transaction, 'request' | 'startTime' | 'endTime'> & {
    readonly verdict: Pick<Verdict, 'outcome' | 'stage' | 'preflight' | 'failure' | 'networkError'> & {
      readonly hops: readonly Pick<HopVerdict, 'cacheEntry'>[];
    };
  };
}

/** The row of a transaction. */
export function transactionRow({ seq, transaction }: RowSource): TransactionRow {
  const { verdict, request } = transaction;
  const { origin, path } = splitUrl(request.url);
  const servedBy = verdict.hops.flatMap(({ cacheEntry }) =>
    cacheEntry ? [{ origin: cacheEntry.key.origin, url: cacheEntry.key.url, storedAt: cacheEntry.storedAt }] : [],
  );
  return {
    seq,
    badge: verdictBadge(verdict),
    method: request.method,
    url: request.url,
    targetOrigin: origin,
    path,
    initiatorOrigin: request.initiatorOrigin,
    corsError: corsErrorOf(verdict),
    preflight: verdict.preflight,
    durationMs: transaction.endTime === undefined ? null : Math.max(0, transaction.endTime - transaction.startTime),
    blocked: isRefused(verdict),
    preflighted: verdict.preflight !== 'not-needed',
    ...(servedBy.length > 0 ? { servedBy } : {}),
  };
}

function splitUrl(url: string): { origin: string; path: string } {
  try {
    const parsed = new URL(url);
    return { origin: parsed.origin, path: `${parsed.pathname}${parsed.search}` };
  } catch {
    return { origin: '', path: url };
  }
}
