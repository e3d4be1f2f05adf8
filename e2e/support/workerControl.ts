import type { BrowserContext, Page } from '@playwright/test';

/**
 * Stops the extension's service worker as Chromium does when it is idle, and
 * resolves once Chromium reports it stopped. Anything that needs the worker
 * afterwards (a webRequest event, a port reconnecting) starts a new instance.
 *
 * Uses the ServiceWorker domain of a page's CDP session: it reports each
 * version's running status, so the stop is awaited as an event. (The target
 * seen by Target.getTargets keeps its id across a restart, so its
 * disappearance cannot be awaited when a client reconnects at once.)
 */
export async function stopServiceWorker(context: BrowserContext, page: Page, extensionId: string): Promise<void> {
  const session = await context.newCDPSession(page);
  try {
    const script = `chrome-extension://${extensionId}/`;
    // Both set by the listener below before `located` resolves (no initial value, which the type-checker would hold them to after the await).
    let versionId: string | undefined;
    let running: boolean | undefined;
    let onStopped: (() => void) | undefined;
    const located = new Promise<void>((resolve) => {
      session.on('ServiceWorker.workerVersionUpdated', ({ versions }) => {
        for (const version of versions) {
          if (!version.scriptURL.startsWith(script)) continue;
          versionId = version.versionId;
          running = version.runningStatus !== 'stopped';
          if (!running) onStopped?.();
          resolve();
        }
      });
    });
    await session.send('ServiceWorker.enable');
    await located;
    if (!running || versionId === undefined) return;
    const stopped = new Promise<void>((resolve) => (onStopped = resolve));
    await session.send('ServiceWorker.stopWorker', { versionId });
    await stopped;
  } finally {
    await session.detach();
  }
}
