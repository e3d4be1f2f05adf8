import type { Page, Target } from 'puppeteer-core';
import type { FirefoxWithExtension } from '../../src/cli/record/launchFirefox.ts';

/**
 * Opens one of the extension's pages (path under the extension's root) in
 * a tab the extension opens itself, through its recorder page: WebDriver
 * BiDi may not navigate to a moz-extension:// page, but such a tab is
 * scriptable. Resolves once the page has loaded.
 */
export async function openFirefoxExtensionPage(firefox: FirefoxWithExtension, path: string): Promise<Page> {
  const created = new Promise<Page>((resolve) => {
    const onTarget = (target: Target): void => {
      if (target.type() !== 'page') return;
      firefox.browser.off('targetcreated', onTarget);
      void target.page().then((page) => page && resolve(page));
    };
    firefox.browser.on('targetcreated', onTarget);
  });
  await firefox.recorder.page.evaluate((relative) => {
    const api = (globalThis as unknown as { browser: { tabs: { create(options: { url: string }): Promise<unknown> }; runtime: { getURL(path: string): string } } }).browser;
    return api.tabs.create({ url: api.runtime.getURL(relative) }).then(() => undefined);
  }, path);
  const page = await created;
  await page.waitForFunction((relative) => location.href.endsWith(relative) && document.readyState === 'complete', {}, path);
  return page;
}
