import type { BrowserContext } from '@playwright/test';

/** A request some extension context (its worker, one of its pages) made. */
export interface ExtensionRequest {
  readonly documentUrl: string;
  readonly url: string;
}

export interface ExtensionNetworkWatch {
  /** Requests from the extension's own contexts to anything but its own files, in the order seen. */
  outgoing(): readonly ExtensionRequest[];
  stop(): Promise<void>;
}

interface NetworkEvent {
  readonly method?: string;
  readonly params?: { readonly documentURL?: string; readonly request?: { readonly url?: string } };
}

/**
 * Watches the network activity of every target of the browser through its
 * CDP session, and keeps the requests made by the extension's own contexts
 * (its service worker and its pages: their document URL is the extension's).
 * Each target is attached as soon as it exists, before a page it will show
 * is even loaded. Playwright's sessions cannot address child sessions, and
 * browser-wide auto-attach needs them, hence one non-flat attach per target.
 */
export async function watchExtensionNetwork(context: BrowserContext, extensionId: string): Promise<ExtensionNetworkWatch> {
  const browser = context.browser();
  if (!browser) throw new Error('no browser to watch');
  const session = await browser.newBrowserCDPSession();
  const own = `chrome-extension://${extensionId}/`;
  const outgoing: ExtensionRequest[] = [];
  const attached = new Set<string>();
  let nextId = 1;

  const attach = async (targetId: string): Promise<void> => {
    if (attached.has(targetId)) return;
    attached.add(targetId);
    try {
      const { sessionId } = await session.send('Target.attachToTarget', { targetId, flatten: false });
      await session.send('Target.sendMessageToTarget', { sessionId, message: JSON.stringify({ id: nextId++, method: 'Network.enable', params: {} }) });
    } catch {
      // The target went away between being listed and being attached.
      attached.delete(targetId);
    }
  };

  session.on('Target.receivedMessageFromTarget', ({ message }) => {
    const { method, params } = JSON.parse(message) as NetworkEvent;
    const documentUrl = params?.documentURL ?? '';
    const url = params?.request?.url;
    if (method !== 'Network.requestWillBeSent' || url === undefined || !documentUrl.startsWith(own) || url.startsWith(own)) return;
    outgoing.push({ documentUrl, url });
  });
  session.on('Target.targetCreated', ({ targetInfo }) => void attach(targetInfo.targetId));
  // A stopped service worker detaches; started again, it is attached again.
  session.on('Target.targetInfoChanged', ({ targetInfo }) => void attach(targetInfo.targetId));
  session.on('Target.detachedFromTarget', ({ targetId }) => {
    if (targetId) attached.delete(targetId);
  });
  await session.send('Target.setDiscoverTargets', { discover: true });
  const { targetInfos } = await session.send('Target.getTargets');
  await Promise.all(targetInfos.map((target) => attach(target.targetId)));

  return {
    outgoing: () => [...outgoing],
    stop: () => session.detach(),
  };
}
