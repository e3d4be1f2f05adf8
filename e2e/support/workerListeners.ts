import type { BrowserContext } from '@playwright/test';
import type { ListenerSet } from '../../src/core/recording/recordingPlan.ts';

/**
 * The webRequest listener sets the extension's running service worker has
 * registered (its corsLensListenerSets hook). Asks the newest instance: a
 * stopped worker's handle is gone once another has started.
 */
export async function listenerSets(context: BrowserContext, extensionId: string): Promise<ListenerSet[]> {
  const workers = context.serviceWorkers().filter((worker) => worker.url().startsWith(`chrome-extension://${extensionId}/`));
  const worker = workers.at(-1) ?? (await context.waitForEvent('serviceworker'));
  return worker.evaluate(() => (globalThis as { corsLensListenerSets?: () => ListenerSet[] }).corsLensListenerSets?.() ?? []);
}

/** The id of the tab showing `url`, asked of the extension's worker (no recorder page: it would record every tab). */
export async function tabIdOf(context: BrowserContext, extensionId: string, url: string): Promise<number> {
  const workers = context.serviceWorkers().filter((worker) => worker.url().startsWith(`chrome-extension://${extensionId}/`));
  const worker = workers.at(-1) ?? (await context.waitForEvent('serviceworker'));
  const tabId = await worker.evaluate(async (shown) => (await chrome.tabs.query({})).find((tab) => tab.url?.startsWith(shown))?.id, url);
  if (tabId === undefined) throw new Error(`no tab shows ${url}`);
  return tabId;
}
