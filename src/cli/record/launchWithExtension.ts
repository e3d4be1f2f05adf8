import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext } from 'playwright-core';
import { packageRoot } from '../packageRoot.ts';

/** Debian's Chromium: the only browser the project runs (never a downloaded one). */
export const CHROMIUM_PATH = '/usr/bin/chromium';
/** The built extension (`npm run build`; the npm package ships it). */
export const EXTENSION_DIR = join(packageRoot(), 'dist');

// Without the background-networking flags Chromium keeps trying to reach
// Google's hosts. --no-sandbox because CI (and many containers) run as root.
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export interface BrowserWithExtension {
  readonly context: BrowserContext;
  readonly extensionId: string;
  close(): Promise<void>;
}

/** Something missing on this machine, said in one line. */
export class LaunchError extends Error {}

/**
 * Starts Chromium with the built CORS Lens extension (or the one in
 * `extensionDir`: an unpacked store package) in a fresh profile.
 * Resolves once the extension's service worker runs and has answered, so its
 * webRequest listeners are in place before the first request.
 */
export async function launchWithExtension(options: { headless: boolean; args?: readonly string[]; extensionDir?: string }): Promise<BrowserWithExtension> {
  const extensionDir = options.extensionDir ?? EXTENSION_DIR;
  if (!existsSync(join(extensionDir, 'manifest.json'))) {
    throw new LaunchError(`the extension is not built (${join(extensionDir, 'manifest.json')} is missing): run "npm run build" first`);
  }
  if (!existsSync(CHROMIUM_PATH)) throw new LaunchError(`Chromium is not installed at ${CHROMIUM_PATH} (on Debian: apt-get install chromium)`);
  const profile = await mkdtemp(join(tmpdir(), 'cors-lens-profile-'));
  let context: BrowserContext;
  try {
    context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM_PATH,
      headless: options.headless,
      viewport: null,
      args: [...CHROMIUM_ARGS, `--disable-extensions-except=${extensionDir}`, `--load-extension=${extensionDir}`, ...(options.args ?? [])],
    });
  } catch (error) {
    await rm(profile, { recursive: true, force: true });
    throw error;
  }
  const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
  await worker.evaluate(() => true);
  return {
    context,
    extensionId: new URL(worker.url()).host,
    close: async () => {
      await context.close();
      // Playwright returns once the browser process has exited; a process it
      // forked may still be finishing a write in the profile (rmdir then
      // fails with ENOTEMPTY), so removal tries again a few times.
      await rm(profile, { recursive: true, force: true, maxRetries: 5, retryDelay: 100 });
    },
  };
}
