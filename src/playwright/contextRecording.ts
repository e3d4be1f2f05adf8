import type { BrowserContext, Page } from '@playwright/test';
import type { PreflightCache } from '../core/cache/preflightCache.ts';
import { cdpToEvents } from '../core/cdp/cdpToEvents.ts';
import { pairEvents, type PairingStats } from '../core/pairing/pairEvents.ts';
import type { Transaction } from '../core/pairing/transaction.ts';
import { recordCdp, type CdpRecorder } from './cdpRecorder.ts';

/** What the engine made of a context's capture so far. */
export interface Judged {
  /** Every CORS transaction of every page, in the order they started. */
  readonly transactions: readonly Transaction[];
  readonly stats: PairingStats;
  readonly cache: PreflightCache;
  /** The transactions one page (with its workers and frames) made. */
  of(page: Page): Transaction[];
}

export interface ContextRecording {
  /** Resolves once the page is recorded (at once for one already); false when it could not be (it closed first). */
  attached(page: Page): Promise<boolean>;
  /** Pairs and judges everything recorded so far, all pages together: one browser, one preflight cache. */
  judge(): Judged;
  /**
   * Resolves true once none of the page's CORS requests is in flight and each
   * ended one is judged from its headers (a blocked response's head may
   * arrive after its failure), false after `timeoutMs`.
   */
  settled(page: Page, timeoutMs: number): Promise<boolean>;
}

/**
 * Records every page of a Chromium context, those it has and those it opens,
 * each through a DevTools protocol session of its own, and judges their
 * requests with the engine as `cors-lens record` does. A page opened while
 * the test runs is recorded from the moment its session is up: what it
 * requested before (a popup's first request) is not seen.
 */
export function recordContext(context: BrowserContext): ContextRecording {
  const recorders = new Map<Page, Promise<CdpRecorder | null>>();
  const done = new Map<Page, CdpRecorder>();
  const attach = (page: Page): Promise<CdpRecorder | null> => {
    let recorder = recorders.get(page);
    if (!recorder) {
      recorder = recordCdp(context, page).then(
        (started) => {
          done.set(page, started);
          return started;
        },
        // A page that closed before its session was up: nothing to record.
        () => null,
      );
      recorders.set(page, recorder);
    }
    return recorder;
  };
  for (const page of context.pages()) void attach(page);
  context.on('page', (page) => void attach(page));

  const judge = (): Judged => {
    const pages = [...done.entries()];
    const { transactions, stats, cache } = pairEvents(pages.flatMap(([, recorder]) => cdpToEvents(recorder.records)));
    return {
      transactions,
      stats,
      cache,
      of: (page) => {
        const recorder = done.get(page);
        if (!recorder) return [];
        const ids = new Set(recorder.records.map((record) => record.params.requestId));
        return transactions.filter((transaction) => ids.has(transaction.id));
      },
    };
  };

  const isSettled = (page: Page): boolean =>
    judge()
      .of(page)
      .every((transaction) => transaction.state !== 'in-flight' && transaction.verdict.outcome !== 'undetermined');

  const settled = async (page: Page, timeoutMs: number): Promise<boolean> => {
    const recorder = await attach(page);
    if (!recorder) return true;
    if (isSettled(page)) return true;
    return new Promise((resolve) => {
      // Events come in bursts: one check after each burst, not one per event.
      let pending = false;
      let over = false;
      const finish = (result: boolean): void => {
        if (over) return;
        over = true;
        clearTimeout(timer);
        stop();
        resolve(result);
      };
      const timer = setTimeout(() => finish(false), timeoutMs);
      const stop = recorder.subscribe(() => {
        if (pending) return;
        pending = true;
        setImmediate(() => {
          pending = false;
          if (isSettled(page)) finish(true);
        });
      });
    });
  };

  return {
    attached: async (page) => (await attach(page)) !== null,
    judge,
    settled,
  };
}
