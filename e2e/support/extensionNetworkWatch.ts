import type { BrowserContext, CDPSession } from '@playwright/test';

/** A request some extension context (its worker, one of its pages) made. */
export interface ExtensionRequest {
  readonly target: string;
  readonly url: string;
}

export interface ExtensionNetworkWatch {
  /** Requests to anything but the extension's own files, in the order seen. */
  outgoing(): readonly ExtensionRequest[];
  stop(): Promise<void>;
}

interface TargetInfo {
  readonly targetId: string;
  readonly type: string;
  readonly url: string;
}

/**
 * Watches the network activity of every context of the extension (its
 * service worker, its pages, present and future) through the browser's CDP
 * session. Playwright's own sessions cannot reach a service worker, so each
 * target is attached in the non-flat mode and spoken to through
 * Target.sendMessageToTarget.
 */
export async function watchExtensionNetwork(context: BrowserContext, extensionId: string): Promise<ExtensionNetworkWatch> {
  const browser = context.browser();
  if (!browser) throw new Error('no browser to watch');
  const session: CDPSession = await browser.newBrowserCDPSession();
  const own = `chrome-extension://${extensionId}/`;
  // Target ids by session id, and the targets attached (or being attached).
  const sessions = new Map<string, string>();
  const attached = new Set<string>();
  const outgoing: ExtensionRequest[] = [];

  const attach = async (target: TargetInfo): Promise<void> => {
    if (!target.url.startsWith(own) || attached.has(target.targetId)) return;
    attached.add(target.targetId);
    try {
      const { sessionId } = await session.send('Target.attachToTarget', { targetId: target.targetId, flatten: false });
      sessions.set(sessionId, target.targetId);
      await session.send('Target.sendMessageToTarget', { sessionId, message: JSON.stringify({ id: 1, method: 'Network.enable', params: {} }) });
    } catch {
      // The target went away between being listed and being attached.
      attached.delete(target.targetId);
    }
  };

  session.on('Target.receivedMessageFromTarget', ({ sessionId, message }) => {
    const parsed = JSON.parse(message) as { method?: string; params?: { request?: { url?: string } } };
    const url = parsed.params?.request?.url;
    if (parsed.method !== 'Network.requestWillBeSent' || url === undefined || url.startsWith(own)) return;
    outgoing.push({ target: sessions.get(sessionId) ?? sessionId, url });
  });
  session.on('Target.targetCreated', ({ targetInfo }) => void attach(targetInfo));
  session.on('Target.targetInfoChanged', ({ targetInfo }) => void attach(targetInfo));
  session.on('Target.detachedFromTarget', ({ sessionId }) => {
    // A stopped worker detaches; when it starts again, targetInfoChanged re-attaches it.
    const targetId = sessions.get(sessionId);
    sessions.delete(sessionId);
    if (targetId) attached.delete(targetId);
  });
  await session.send('Target.setDiscoverTargets', { discover: true });
  const { targetInfos } = await session.send('Target.getTargets');
  await Promise.all(targetInfos.map(attach));

  return {
    outgoing: () => [...outgoing],
    stop: () => session.detach(),
  };
}
