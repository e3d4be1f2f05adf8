import { launchWithExtension, type BrowserWithExtension } from '../../src/cli/record/launchWithExtension.ts';

export { CHROMIUM_PATH, EXTENSION_DIR } from '../../src/cli/record/launchWithExtension.ts';

export type LabBrowser = BrowserWithExtension;

/** Chromium with the built extension, as `cors-lens record` starts it; headless unless asked otherwise. */
export function launchLabBrowser(options: { headless?: boolean; args?: readonly string[]; extensionDir?: string } = {}): Promise<LabBrowser> {
  return launchWithExtension({
    headless: options.headless ?? true,
    ...(options.args ? { args: options.args } : {}),
    ...(options.extensionDir ? { extensionDir: options.extensionDir } : {}),
  });
}
