import type { BrowserContext, Page } from 'playwright-core';
import type { Recorder } from '../../record/record.ts';

type Method = keyof Recorder;

export interface RecorderPage {
  readonly page: Page;
  /** Calls the recorder API inside the extension page (which speaks the worker protocol). */
  call<K extends Method>(method: K, ...args: Parameters<Recorder[K]>): Promise<Awaited<ReturnType<Recorder[K]>>>;
}

/**
 * Opens the extension's recorder page (src/record/) in a tab of its own. It
 * is how Node reaches the service worker: through the same protocol as the
 * panel, never around it.
 */
export async function openRecorderPage(context: BrowserContext, extensionId: string): Promise<RecorderPage> {
  const page = await context.newPage();
  // The page's module script has run by its load event, and with it the recorder API.
  await page.goto(`chrome-extension://${extensionId}/src/record/record.html`, { waitUntil: 'load' });
  return {
    page,
    call: (method, ...args) =>
      page.evaluate(
        ([name, values]) => {
          const recorder = (globalThis as unknown as { corsLensRecorder: Record<string, (...args: unknown[]) => unknown> }).corsLensRecorder;
          return recorder[name]?.(...values);
        },
        [method, args] as const,
      ) as never,
  };
}
