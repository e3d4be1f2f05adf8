import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'puppeteer-core';
import type { Recorder } from '../../core/messaging/recorderApi.ts';
import { GECKO_ID } from '../../platform/geckoId.ts';
import { packageRoot } from '../packageRoot.ts';
import { LaunchError } from './launchWithExtension.ts';

/** Debian's Firefox ESR: the only Firefox the project runs (never a downloaded one). */
export const FIREFOX_PATH = '/usr/bin/firefox-esr';
/** The built Firefox extension (`npm run build`; the npm package ships it). */
export const FIREFOX_EXTENSION_DIR = join(packageRoot(), 'dist-firefox');
/** The extension's address in every profile this starts (Firefox picks a random one otherwise). */
export const FIREFOX_EXTENSION_UUID = 'c0a5c0a5-0000-4000-8000-000000c0a5e5';
/** Where the background opens the recorder page when a tab is sent here (src/background/recorderTrigger.ts). */
const RECORDER_TRIGGER_URL = 'http://cors-lens.invalid/open-recorder';

// A fresh profile quiet on the network: no update checks, telemetry,
// remote settings or captive-portal probes reach out during a run.
const QUIET_PREFS: Record<string, unknown> = {
  'extensions.webextensions.uuids': JSON.stringify({ [GECKO_ID]: FIREFOX_EXTENSION_UUID }),
  'app.update.enabled': false,
  'browser.shell.checkDefaultBrowser': false,
  'datareporting.policy.dataSubmissionEnabled': false,
  'toolkit.telemetry.enabled': false,
  'network.captive-portal-service.enabled': false,
  'network.connectivity-service.enabled': false,
  'browser.safebrowsing.update.enabled': false,
  'services.settings.server': 'http://127.0.0.1:1/',
};

export interface FirefoxWithExtension {
  readonly browser: Browser;
  /** The tab the browser opened with (the page under test goes there). */
  readonly page: Page;
  /** The extension's recorder page, opened by the extension itself. */
  readonly recorder: FirefoxRecorder;
  readonly version: string;
  close(): Promise<void>;
}

export interface FirefoxRecorder {
  readonly page: Page;
  call<K extends keyof Recorder>(method: K, ...args: Parameters<Recorder[K]>): Promise<Awaited<ReturnType<Recorder[K]>>>;
}

/** How long to wait for the recorder page after each trip to the trigger, and how many trips. */
const TRIGGER_WAIT_MS = 1000;
const TRIGGER_TRIPS = 30;

async function sendToTriggerUntil(page: Page, opened: Promise<Page>): Promise<Page> {
  for (let trip = 1; trip <= TRIGGER_TRIPS; trip++) {
    await page.goto(RECORDER_TRIGGER_URL).catch(() => undefined);
    const found = await Promise.race([opened, new Promise<null>((resolve) => setTimeout(() => resolve(null), TRIGGER_WAIT_MS))]);
    if (found) return found;
  }
  throw new LaunchError(
    `the CORS Lens extension did not open its recorder page in Firefox (${TRIGGER_TRIPS} tries): is dist-firefox/ built from this version?`,
  );
}

/**
 * Starts Firefox ESR (puppeteer-core over WebDriver BiDi; Playwright cannot
 * drive Debian's Firefox) with the built extension installed as a temporary
 * add-on, and opens the extension's recorder page: WebDriver BiDi may not
 * navigate to an extension page, so a tab is sent to the recorder trigger
 * and the extension opens the page itself, which is then scriptable.
 */
export async function launchFirefoxWithExtension(options: { headless: boolean; prefs?: Record<string, unknown> }): Promise<FirefoxWithExtension> {
  if (!existsSync(join(FIREFOX_EXTENSION_DIR, 'manifest.json'))) {
    throw new LaunchError(`the Firefox extension is not built (${join(FIREFOX_EXTENSION_DIR, 'manifest.json')} is missing): run "npm run build" first`);
  }
  if (!existsSync(FIREFOX_PATH)) throw new LaunchError(`Firefox ESR is not installed at ${FIREFOX_PATH} (on Debian: apt-get install firefox-esr)`);
  // Loaded here: only a Firefox run pays for puppeteer-core.
  const { default: puppeteer } = await import('puppeteer-core');
  const browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath: FIREFOX_PATH,
    headless: options.headless,
    extraPrefsFirefox: { ...QUIET_PREFS, ...options.prefs },
  });
  try {
    await browser.installExtension(FIREFOX_EXTENSION_DIR);
    const page = (await browser.pages())[0] ?? (await browser.newPage());
    const opened = new Promise<Page>((resolve) => {
      browser.on('targetcreated', (target: { type(): string; page(): Promise<Page | null> }) => {
        if (target.type() === 'page') void target.page().then((created) => created && resolve(created));
      });
    });
    // The navigation itself fails (.invalid never resolves): the extension saw
    // it, if its background had started. Nothing says when it has (a loaded
    // machine took seconds), so the tab is sent there again until the page opens.
    const recorderPage = await sendToTriggerUntil(page, opened);
    await recorderPage.waitForFunction(() => (globalThis as { corsLensRecorder?: unknown }).corsLensRecorder !== undefined, { timeout: 10_000 });
    const recorder: FirefoxRecorder = {
      page: recorderPage,
      // As JSON text: WebDriver BiDi hands an object met twice in one answer
      // (a transaction's headers shared between its hops) over as null.
      call: async (method, ...args) => {
        const text = await recorderPage.evaluate(
          async (name, values) => {
            const api = (globalThis as unknown as { corsLensRecorder: Record<string, (...params: unknown[]) => unknown> }).corsLensRecorder;
            return JSON.stringify((await api[name]?.(...values)) ?? null);
          },
          method,
          args,
        );
        return JSON.parse(text) as never;
      },
    };
    // Every tab is recorded while the recorder page is open: browse once it is.
    await recorder.call('recording');
    return { browser, page, recorder, version: await browser.version(), close: () => browser.close() };
  } catch (error) {
    await browser.close();
    throw error;
  }
}
