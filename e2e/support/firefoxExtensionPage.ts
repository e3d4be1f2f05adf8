import type { Page } from 'puppeteer-core';
import type { FirefoxWithExtension } from '../../src/cli/record/launchFirefox.ts';

/**
 * Opens one of the extension's pages (path under the extension's root) in
 * a tab the extension opens itself, through its recorder page: WebDriver
 * BiDi may not navigate to a moz-extension:// page, but such a tab is
 * scriptable. Resolves with the tab that shows it, once it has loaded
 * (found by its address: puppeteer does not follow extension pages' URLs).
 */
export async function openFirefoxExtensionPage(firefox: FirefoxWithExtension, path: string, timeoutMs = 30_000): Promise<Page> {
  const before = new Set(await firefox.browser.pages());
  await firefox.recorder.page.evaluate((relative) => {
    const api = (
      globalThis as unknown as { browser: { tabs: { create(options: { url: string }): Promise<unknown> }; runtime: { getURL(path: string): string } } }
    ).browser;
    return api.tabs.create({ url: api.runtime.getURL(relative) }).then(() => undefined);
  }, path);
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    for (const page of await firefox.browser.pages()) {
      if (before.has(page)) continue;
      const shown = await page.evaluate(() => (document.readyState === 'complete' ? location.href : '')).catch(() => '');
      if (shown.endsWith(path)) return page;
    }
    // Polled: puppeteer reports no navigation of an extension page to wait on.
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`the extension page ${path} did not open within ${timeoutMs} ms`);
}
