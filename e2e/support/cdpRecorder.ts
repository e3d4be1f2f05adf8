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
}

/** Records the Network and Audits events of one page, as DevTools would see them. */
export async function recordCdp(context: BrowserContext, page: Page): Promise<CdpRecorder> {
  const session = await context.newCDPSession(page);
  const records: CdpRecord[] = [];
  for (const method of RECORDED) {
    session.on(method as 'Network.requestWillBeSent', (params: unknown) => records.push({ method, params: params as CdpRecord['params'] }));
  }
  await session.send('Network.enable');
  await session.send('Audits.enable');
  return { session, records };
}
