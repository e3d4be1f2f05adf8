import type { PreflightCacheEntry } from '../cache/preflightCache.ts';
import type { Transaction } from '../pairing/transaction.ts';

/**
 * One step of a CORS negotiation on a time axis: the preflight, a preflight
 * served from the cache, each hop of the actual request. Times are epoch
 * milliseconds from the capture; `end` is null while a step is open.
 */
export interface TimelineStep {
  readonly kind: 'preflight' | 'cache-hit' | 'request' | 'redirect';
  readonly hop: number;
  readonly label: string;
  /** What came back, in words ("204", "302 to …", "no response: net::ERR_FAILED", "not sent"). */
  readonly outcome: string;
  readonly start: number;
  readonly end: number | null;
  /** The entry that served a cache hit: when it was stored and when it expires. */
  readonly cacheEntry?: PreflightCacheEntry;
}

export interface NegotiationTimeline {
  readonly start: number;
  /** The last time any step shows (for the axis). */
  readonly end: number;
  readonly steps: readonly TimelineStep[];
}

/** The negotiation of a transaction, in the order it happened: per hop, its preflight (or cache hit), then the request. */
export function negotiationTimeline(transaction: Transaction): NegotiationTimeline {
  const steps: TimelineStep[] = [];
  const { hops, verdict } = transaction;
  hops.forEach((hop, index) => {
    const judged = verdict.hops[index];
    const { preflight } = hop;
    if (preflight) {
      steps.push({
        kind: 'preflight',
        hop: index,
        label: `OPTIONS ${preflight.url}`,
        outcome: preflight.response
          ? statusText(preflight.response.status, preflight.response.statusText)
          : preflight.error
            ? `no response: ${preflight.error}`
            : 'waiting',
        start: preflight.startTime,
        end: preflight.endTime ?? preflight.responseTime ?? null,
      });
    } else if (judged?.preflight === 'cache-hit' && judged.cacheEntry) {
      steps.push({
        kind: 'cache-hit',
        hop: index,
        label: 'Preflight cache',
        outcome: 'served from the cache',
        start: hop.startTime,
        end: hop.startTime,
        cacheEntry: judged.cacheEntry,
      });
    }
    const next = hops[index + 1];
    const sent = hop.sentHeaders !== undefined || hop.response !== undefined;
    const start = hop.sentTime ?? (preflight?.endTime !== undefined && preflight.endTime > hop.startTime ? preflight.endTime : hop.startTime);
    steps.push({
      kind: hop.redirectTo ? 'redirect' : 'request',
      hop: index,
      label: `${hop.method} ${hop.url}`,
      outcome: hop.response
        ? `${statusText(hop.response.status, hop.response.statusText)}${hop.redirectTo ? ` to ${hop.redirectTo}` : ''}`
        : !sent && transaction.sendingVisible
          ? 'not sent'
          : transaction.error
            ? `no response: ${transaction.error}`
            : 'waiting',
      start,
      end: next ? next.startTime : (transaction.endTime ?? hop.responseTime ?? null),
    });
  });
  const times = steps.flatMap((step) => [step.start, step.end ?? step.start]);
  return { start: Math.min(transaction.startTime, ...times), end: Math.max(transaction.endTime ?? transaction.startTime, ...times), steps };
}

function statusText(status: number, text: string | undefined): string {
  return text ? `${status} ${text}` : String(status);
}
