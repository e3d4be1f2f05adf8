import { TargetType, type Page } from 'puppeteer-core';
import type { FirefoxWithExtension } from '../../src/cli/record/launchFirefox.ts';

/**
 * Opens one of the extension's pages (path under the extension's root) in
 * a tab the extension opens itself, through its recorder page: WebDriver
 * BiDi may not navigate to a moz-extension:// page, but such a tab is
 * scriptable. Resolves with the tab that shows it, once it has loaded
 * (the new tab found as puppeteer creates its target, then waited on in the page).
 */
export async function openFirefoxExtensionPage(firefox: FirefoxWithExtension, path: string, timeoutMs = 30_000): Promise<Page> {
  const before = new Set(firefox.browser.targets());
  const opened = firefox.browser.waitForTarget((target) => target.type() === TargetType.PAGE && !before.has(target), { timeout: timeoutMs });
  await firefox.recorder.page.evaluate((relative) => {
    const api = (
      globalThis as unknown as { browser: { tabs: { create(options: { url: string }): Promise<unknown> }; runtime: { getURL(path: string): string } } }
    ).browser;
    return api.tabs.create({ url: api.runtime.getURL(relative) }).then(() => undefined);
  }, path);
  const page = await (await opened).page();
  if (!page) throw new Error(`the extension page ${path} opened in a tab puppeteer cannot script`);
  // The tab may show about:blank first: wait, in the page, until it shows the extension page, loaded.
  await page.waitForFunction((wanted: string) => document.readyState === 'complete' && location.href.endsWith(wanted), { timeout: timeoutMs }, path);
  return page;
}
