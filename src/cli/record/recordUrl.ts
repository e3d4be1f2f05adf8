import type { BrowserName } from '../../core/browsers/browserRules.ts';
import type { Trace } from '../../core/trace/trace.ts';
import type { Recorder } from '../../core/messaging/recorderApi.ts';
import { launchFirefoxWithExtension } from './launchFirefox.ts';
import { launchWithExtension } from './launchWithExtension.ts';
import { openRecorderPage } from './recorderPage.ts';

export interface RecordOptions {
  readonly url: string;
  /** How long to wait for the page to load and its traffic to go quiet. */
  readonly timeoutMs: number;
  readonly headless: boolean;
  readonly includeSecrets: boolean;
  /**
   * A CSS selector the page shows once it has made its requests (--wait-for):
   * the page's own word that it is done, waited on before the traffic must
   * go quiet. Without it, a page that pauses longer than QUIET_MS between
   * its load and its requests (a busy machine, a frame that starts slowly)
   * would be recorded before it began.
   */
  readonly waitFor?: string;
  /** Extra Chromium flags (the lab's tests use them). */
  readonly chromiumArgs?: readonly string[];
  /** Chromium (default), or Firefox ESR with dist-firefox/. */
  readonly browser?: BrowserName;
}

export interface Recording {
  readonly trace: Trace;
  readonly browserVersion: string;
  /** The URL the tab showed at the end (after redirects). */
  readonly finalUrl: string;
  /** False when the page was still busy at the timeout: the trace holds what was captured by then. */
  readonly settled: boolean;
  /** False when the --wait-for selector had not appeared by the timeout. */
  readonly ready: boolean;
}

/** The page could not be opened at all: said in one line. */
export class RecordError extends Error {}

/** How long the page must make no request, with none of its CORS requests open, to count as done. */
export const QUIET_MS = 500;

/**
 * Opens `url` in Chromium (or Firefox ESR) with the extension, waits until the page has
 * loaded and its traffic is quiet (no request started or ended for
 * QUIET_MS, and no CORS request in flight in the extension's capture), or
 * the timeout, then asks the extension for the tab's trace through its
 * protocol. The verdicts are the extension's, from its own webRequest capture.
 *
 * Not Playwright's "networkidle": a no-cors response whose body nobody reads
 * stays open in Chromium for ever, and would hold it back.
 */
export async function recordUrl(options: RecordOptions): Promise<Recording> {
  const session = options.browser === 'firefox' ? await firefoxSession(options) : await chromiumSession(options);
  try {
    const deadline = Date.now() + options.timeoutMs;
    const activity = watchActivity(session.page);
    let loaded = true;
    try {
      await session.goto(options.url, options.timeoutMs);
    } catch (error) {
      if (!(error instanceof Error) || error.name !== 'TimeoutError') throw new RecordError(`cannot open ${options.url}: ${firstLine(error)}`);
      loaded = false;
    }
    const finalUrl = session.url();
    if (!/^(?:https?|file):/.test(finalUrl)) throw new RecordError(`${options.url} did not open within ${options.timeoutMs} ms`);
    const recorder = session.recorder;
    const tabId = await recorder.call('tabIdOf', finalUrl);
    const ready = loaded && (options.waitFor === undefined || (await session.waitFor(options.waitFor, Math.max(0, deadline - Date.now()))));
    const quiet = ready && (await activity.quiet(recorder, tabId, deadline));
    activity.stop();
    const trace = await recorder.call('exportTrace', tabId, options.includeSecrets);
    return { trace, browserVersion: session.version, finalUrl, settled: quiet, ready };
  } finally {
    await session.close();
  }
}

/** What the recorder page answers (through Playwright in Chromium, puppeteer in Firefox). */
interface RecorderCalls {
  call<K extends keyof Recorder>(method: K, ...args: Parameters<Recorder[K]>): Promise<Awaited<ReturnType<Recorder[K]>>>;
}

/** A page's request events, as Playwright and puppeteer both name them. */
interface ActivitySource {
  on(event: 'request' | 'requestfinished' | 'requestfailed', listener: () => void): unknown;
  off(event: 'request' | 'requestfinished' | 'requestfailed', listener: () => void): unknown;
}

/** One browser with the extension, as recordUrl drives it. */
interface RecordingSession {
  readonly page: ActivitySource;
  readonly version: string;
  goto(url: string, timeoutMs: number): Promise<void>;
  /** Resolves true once an element matches `selector`, false at the timeout. */
  waitFor(selector: string, timeoutMs: number): Promise<boolean>;
  url(): string;
  /** The recorder page, opened before the page under test. */
  readonly recorder: RecorderCalls;
  close(): Promise<void>;
}

async function chromiumSession(options: RecordOptions): Promise<RecordingSession> {
  const browser = await launchWithExtension({ headless: options.headless, ...(options.chromiumArgs ? { args: options.chromiumArgs } : {}) });
  try {
    // The tab Chromium opens with the profile: no other tab shows the page.
    const page = browser.context.pages()[0] ?? (await browser.context.newPage());
    // Opened first: the extension records only while someone looks, and the
    // recorder page is what looks (at every tab) until the end.
    const recorder = await openRecorderPage(browser.context, browser.extensionId);
    return {
      page,
      version: browser.context.browser()?.version() ?? 'unknown',
      goto: async (url, timeout) => {
        await page.goto(url, { waitUntil: 'load', timeout });
      },
      waitFor: (selector, timeout) => untilShown(page.waitForSelector(selector, { state: 'attached', timeout })),
      url: () => page.url(),
      recorder,
      close: () => browser.close(),
    };
  } catch (error) {
    await browser.close();
    throw error;
  }
}

async function firefoxSession(options: RecordOptions): Promise<RecordingSession> {
  const firefox = await launchFirefoxWithExtension({ headless: options.headless });
  const { page } = firefox;
  return {
    page,
    version: firefox.version,
    goto: async (url, timeout) => {
      await page.goto(url, { waitUntil: 'load', timeout });
    },
    waitFor: (selector, timeout) => untilShown(page.waitForSelector(selector, { timeout })),
    url: () => page.url(),
    recorder: firefox.recorder,
    close: () => firefox.close(),
  };
}

/** True once the selector matched; false at the timeout; a selector the browser cannot parse is the user's error. */
async function untilShown(wait: Promise<unknown>): Promise<boolean> {
  try {
    await wait;
    return true;
  } catch (error) {
    if (error instanceof Error && error.name === 'TimeoutError') return false;
    throw new RecordError(`--wait-for: ${firstLine(error)}`);
  }
}

/** The page's request activity, and a wait for it to go quiet. */
function watchActivity(page: ActivitySource) {
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
    quiet(recorder: RecorderCalls, tabId: number, deadline: number): Promise<boolean> {
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
  return (message.split('\n')[0] ?? '').replace(/^page\.\w+: /, '');
}
