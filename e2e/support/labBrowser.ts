import { chromium, type BrowserContext } from '@playwright/test';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

/** Debian's Chromium: the only browser the project runs (never a downloaded one). */
export const CHROMIUM_PATH = '/usr/bin/chromium';
/** The built extension (`npm run build`). */
export const EXTENSION_DIR = resolve('dist');

// Without the background-networking flags Chromium keeps trying to reach
// Google's hosts, which this closed network refuses. --no-sandbox because CI
// runs as root.
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export interface LabBrowser {
  readonly context: BrowserContext;
  readonly extensionId: string;
  close(): Promise<void>;
}

/**
 * Starts Chromium with the built CORS Lens extension in a fresh profile.
 * Resolves once the extension's service worker runs and has answered, so its
 * webRequest listeners are in place before the first request.
 */
export async function launchLabBrowser(options: { headless?: boolean; args?: readonly string[] } = {}): Promise<LabBrowser> {
  if (!existsSync(join(EXTENSION_DIR, 'manifest.json'))) {
    throw new Error(`The extension is not built (${EXTENSION_DIR}/manifest.json is missing): run "npm run build" first.`);
  }
  const profile = await mkdtemp(join(tmpdir(), 'cors-lens-profile-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM_PATH,
    headless: options.headless ?? true,
    viewport: null,
    args: [...CHROMIUM_ARGS, `--disable-extensions-except=${EXTENSION_DIR}`, `--load-extension=${EXTENSION_DIR}`, ...(options.args ?? [])],
  });
  const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
  await worker.evaluate(() => true);
  return {
    context,
    extensionId: new URL(worker.url()).host,
    close: async () => {
      await context.close();
      await rm(profile, { recursive: true, force: true });
    },
  };
}
