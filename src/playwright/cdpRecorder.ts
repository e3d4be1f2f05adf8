import type { BrowserContext, CDPSession, Page } from '@playwright/test';

/** One DevTools protocol event as it arrived. */
export interface CdpRecord {
  readonly method: string;
  readonly params: Record<string, unknown> & { requestId?: string };
}

const RECORDED = [
  'Network.requestWillBeSent',
  'Network.requestWillBeSentExtraInfo',
  'Network.responseReceived',
  'Network.responseReceivedExtraInfo',
  'Network.loadingFinished',
  'Network.loadingFailed',
  'Audits.issueAdded',
] as const;

export interface CdpRecorder {
  readonly session: CDPSession;
  /** Every recorded event, in arrival order (grows as the page works). */
  readonly records: CdpRecord[];
  /** Calls `listener` after each new event; returns what stops it. */
  subscribe(listener: () => void): () => void;
  /**
   * Resolves once `condition` holds, checking it now and after each new
   * event; rejects with `what` if it still does not hold after `timeoutMs`.
   */
  until(condition: () => boolean, what: string, timeoutMs?: number): Promise<void>;
}

/**
 * Records the Network and Audits events of one page, as DevTools would see
 * them, through a DevTools protocol session of its own (Chromium only).
 */
export async function recordCdp(context: BrowserContext, page: Page): Promise<CdpRecorder> {
  const session = await context.newCDPSession(page);
  const records: CdpRecord[] = [];
  const listeners = new Set<() => void>();
  const add = (record: CdpRecord): void => {
    records.push(record);
    for (const listener of [...listeners]) listener();
  };
  for (const method of RECORDED) {
    session.on(method as 'Network.requestWillBeSent', (params: unknown) => add({ method, params: params as CdpRecord['params'] }));
  }
  // The page's dedicated workers and out-of-process iframes are targets of
  // their own: attach to each as it starts (paused, so none of its requests
  // is missed), and record its events as the page's. Playwright's sessions
  // cannot address a child session, hence the non-flat mode.
  const send = (sessionId: string, id: number, method: string): Promise<unknown> =>
    session.send('Target.sendMessageToTarget', { sessionId, message: JSON.stringify({ id, method, params: {} }) });
  session.on('Target.attachedToTarget', ({ sessionId, waitingForDebugger }) => {
    void (async () => {
      await send(sessionId, 1, 'Network.enable');
      await send(sessionId, 2, 'Audits.enable');
      if (waitingForDebugger) await send(sessionId, 3, 'Runtime.runIfWaitingForDebugger');
    })().catch(() => undefined);
  });
  session.on('Target.receivedMessageFromTarget', ({ message }) => {
    const { method, params } = JSON.parse(message) as { method?: string; params?: CdpRecord['params'] };
    if (!method || !params || !(RECORDED as readonly string[]).includes(method)) return;
    add({ method, params });
  });
  await session.send('Network.enable');
  await session.send('Audits.enable');
  await session.send('Target.setAutoAttach', { autoAttach: true, waitForDebuggerOnStart: true, flatten: false });
  const subscribe = (listener: () => void): (() => void) => {
    listeners.add(listener);
    return () => listeners.delete(listener);
  };
  const until = (condition: () => boolean, what: string, timeoutMs = 10_000): Promise<void> =>
    new Promise((resolve, reject) => {
      if (condition()) {
        resolve();
        return;
      }
      const timer = setTimeout(() => {
        stop();
        reject(new Error(`Timed out after ${timeoutMs} ms waiting for ${what}`));
      }, timeoutMs);
      const stop = subscribe(() => {
        if (!condition()) return;
        clearTimeout(timer);
        stop();
        resolve();
      });
    });
  return { session, records, subscribe, until };
}
