import type { BrowserContext, Page } from 'playwright-core';
import type { Recorder } from '../../core/messaging/recorderApi.ts';

type Method = keyof Recorder;

export interface RecorderPage {
  readonly page: Page;
  /** Calls the recorder API inside the extension page (which speaks the worker protocol). */
  readonly call: <K extends Method>(method: K, ...args: Parameters<Recorder[K]>) => Promise<Awaited<ReturnType<Recorder[K]>>>;
}

/**
 * Opens the extension's recorder page (src/record/) in a tab of its own. It
 * is how Node reaches the service worker: through the same protocol as the
 * panel, never around it. While it is open, every tab is recorded: it
 * resolves once they are, so what the driver does next is captured.
 */
export async function openRecorderPage(context: BrowserContext, extensionId: string): Promise<RecorderPage> {
  const page = await context.newPage();
  // The page's module script has run by its load event, and with it the recorder API.
  await page.goto(`chrome-extension://${extensionId}/src/record/record.html`, { waitUntil: 'load' });
  const recorder: RecorderPage = {
    page,
    call: (method, ...args) =>
      page.evaluate(
        ([name, values]) => {
          const api = (globalThis as unknown as { corsLensRecorder: Record<string, (...args: unknown[]) => unknown> }).corsLensRecorder;
          return api[name]?.(...values);
        },
        [method, args] as const,
      ) as never,
  };
  await recorder.call('recording');
  return recorder;
}
