import type { Page } from 'playwright-core';
import type { Trace } from '../../core/trace/trace.ts';
import { launchWithExtension } from './launchWithExtension.ts';
import { openRecorderPage, type RecorderPage } from './recorderPage.ts';

export interface RecordOptions {
  readonly url: string;
  /** How long to wait for the page to load and its traffic to go quiet. */
  readonly timeoutMs: number;
  readonly headless: boolean;
  readonly includeSecrets: boolean;
  /** Extra Chromium flags (the lab's tests use them). */
  readonly chromiumArgs?: readonly string[];
}

export interface Recording {
  readonly trace: Trace;
  readonly browserVersion: string;
  /** The URL the tab showed at the end (after redirects). */
  readonly finalUrl: string;
  /** False when the page was still busy at the timeout: the trace holds what was captured by then. */
  readonly settled: boolean;
}

/** The page could not be opened at all: said in one line. */
export class RecordError extends Error {}

/** How long the page must make no request, with none of its CORS requests open, to count as done. */
export const QUIET_MS = 500;

/**
 * Opens `url` in Chromium with the extension, waits until the page has
 * loaded and its traffic is quiet (no request started or ended for
 * QUIET_MS, and no CORS request in flight in the extension's capture), or
 * the timeout, then asks the extension for the tab's trace through its
 * protocol. The verdicts are the extension's, from its own webRequest capture.
 *
 * Not Playwright's "networkidle": a no-cors response whose body nobody reads
 * stays open in Chromium for ever, and would hold it back.
 */
export async function recordUrl(options: RecordOptions): Promise<Recording> {
  const browser = await launchWithExtension({ headless: options.headless, ...(options.chromiumArgs ? { args: options.chromiumArgs } : {}) });
  try {
    const deadline = Date.now() + options.timeoutMs;
    // The tab Chromium opens with the profile: no other tab shows the page.
    const page = browser.context.pages()[0] ?? (await browser.context.newPage());
    const activity = watchActivity(page);
    let loaded = true;
    try {
      await page.goto(options.url, { waitUntil: 'load', timeout: options.timeoutMs });
    } catch (error) {
      if (!(error instanceof Error) || error.name !== 'TimeoutError') throw new RecordError(`cannot open ${options.url}: ${firstLine(error)}`);
      loaded = false;
    }
    const finalUrl = page.url();
    if (!/^(?:https?|file):/.test(finalUrl)) throw new RecordError(`${options.url} did not open within ${options.timeoutMs} ms`);
    const recorder = await openRecorderPage(browser.context, browser.extensionId);
    const tabId = await recorder.call('tabIdOf', finalUrl);
    const quiet = loaded && (await activity.quiet(recorder, tabId, deadline));
    activity.stop();
    const trace = await recorder.call('exportTrace', tabId, options.includeSecrets);
    return { trace, browserVersion: browser.context.browser()?.version() ?? 'unknown', finalUrl, settled: quiet };
  } finally {
    await browser.close();
  }
}

/** The page's request activity, and a wait for it to go quiet. */
function watchActivity(page: Page) {
  let last = Date.now();
  const listeners = new Set<() => void>();
  const bump = (): void => {
    last = Date.now();
    for (const listener of listeners) listener();
  };
  page.on('request', bump);
  page.on('requestfinished', bump);
  page.on('requestfailed', bump);
  return {
    /** Resolves true once quiet, false at the deadline. */
    quiet(recorder: RecorderPage, tabId: number, deadline: number): Promise<boolean> {
      return new Promise((resolve) => {
        let timer: ReturnType<typeof setTimeout> | undefined;
        let done = false;
        const finish = (quiet: boolean): void => {
          if (done) return;
          done = true;
          clearTimeout(timer);
          clearTimeout(giveUp);
          listeners.delete(arm);
          resolve(quiet);
        };
        // Checked once the page has been silent for QUIET_MS (any request
        // event starts the silence over), then every QUIET_MS while one of
        // its CORS requests is still open (a long poll keeps it busy).
        const check = async (): Promise<void> => {
          if (done) return;
          const open = await recorder.call('inFlightCount', tabId);
          if (Date.now() - last < QUIET_MS) arm();
          else if (open === 0) finish(true);
          else schedule(QUIET_MS);
        };
        const schedule = (delay: number): void => {
          clearTimeout(timer);
          timer = setTimeout(() => void check(), delay);
        };
        function arm(): void {
          if (!done) schedule(Math.max(0, last + QUIET_MS - Date.now()));
        }
        const giveUp = setTimeout(() => finish(false), Math.max(0, deadline - Date.now()));
        listeners.add(arm);
        arm();
      });
    },
    stop(): void {
      page.off('request', bump);
      page.off('requestfinished', bump);
      page.off('requestfailed', bump);
    },
  };
}

// Playwright's messages run over several lines ("page.goto: net::ERR_... at URL\nCall log: ...").
function firstLine(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return (message.split('\n')[0] ?? '').replace(/^page\.goto: /, '');
}
