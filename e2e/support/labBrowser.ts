import { launchWithExtension, type BrowserWithExtension } from '../../src/cli/record/launchWithExtension.ts';

export { CHROMIUM_PATH, EXTENSION_DIR } from '../../src/cli/record/launchWithExtension.ts';

export type LabBrowser = BrowserWithExtension;

/** Chromium with the built extension, as `cors-lens record` starts it; headless unless asked otherwise. */
export async function launchLabBrowser(options: { headless?: boolean; args?: readonly string[]; extensionDir?: string } = {}): Promise<LabBrowser> {
  const browser = await launchWithExtension({
    headless: options.headless ?? true,
    ...(options.args ? { args: options.args } : {}),
    ...(options.extensionDir ? { extensionDir: options.extensionDir } : {}),
  });
  // A wait that never ends (Playwright's default outside its fixtures) fails
  // on its own, naming what it waited for, before the test's timeout.
  browser.context.setDefaultTimeout(LAB_WAIT_TIMEOUT_MS);
  return browser;
}

/** Well under the test's timeout (playwright.config.ts), well over any wait that succeeds. */
const LAB_WAIT_TIMEOUT_MS = 60_000;
