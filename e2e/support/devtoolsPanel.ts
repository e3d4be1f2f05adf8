import { expect, type BrowserContext, type Frame, type Page } from '@playwright/test';

/**
 * Playwright detaches from DevTools windows unless told otherwise: with
 * PW_CHROMIUM_ATTACH_TO_OTHER (an undocumented switch of Playwright's
 * Chromium driver, https://github.com/microsoft/playwright/pull/14873), set
 * before the browser starts, the DevTools front-end of a tab is a Page, and
 * the CORS panel one of its frames.
 */
export function showDevtoolsToPlaywright(): void {
  process.env.PW_CHROMIUM_ATTACH_TO_OTHER = '1';
}

/**
 * Selects the CORS panel in a tab's DevTools (opened with
 * --auto-open-devtools-for-tabs) and returns its frame once it records the
 * tab: the extension records only while the panel is open.
 */
export async function corsPanel(devtools: Page, extensionId: string): Promise<Frame> {
  const panelUrl = `chrome-extension://${extensionId}/src/panel/panel.html`;
  const devtoolsPage = () => devtools.frames().find((frame) => frame.url().startsWith(`chrome-extension://${extensionId}/src/devtools/`));
  // The devtools page registered the panel...
  await expect
    .poll(async () => (await devtoolsPage()?.evaluate(() => (globalThis as { corsLensPanelCreated?: boolean }).corsLensPanelCreated)) ?? false)
    .toBe(true);
  // ...which is the last panel: Ctrl+[ from the first one selects it.
  await devtools.locator('body').press('Control+BracketLeft');
  await expect.poll(() => devtools.frames().some((frame) => frame.url() === panelUrl)).toBe(true);
  const panel = devtools.frames().find((frame) => frame.url() === panelUrl) as Frame;
  await expect(panel.getByText(/^Recording (this|every) tab since/)).toBeVisible();
  return panel;
}

/**
 * The lab page in the tab DevTools opened with (--auto-open-devtools-for-tabs),
 * and that DevTools. The lab starts its worker and frames only when a
 * scenario needs them: with DevTools opening beside the page, Chromium 156
 * now and then aborts the navigation of the [::1] frame (net::ERR_ABORTED,
 * 1 load in 40 on a loaded machine), and a page that waits for every frame
 * then never says it is ready. The tests in DevTools run no scenario from a
 * frame.
 */
export async function labTabWithDevtools(context: BrowserContext, pageOrigin: string): Promise<{ page: Page; devtools: Page }> {
  const page = context.pages().find((candidate) => !candidate.url().startsWith('devtools://')) ?? (await context.newPage());
  const devtools =
    context.pages().find((candidate) => candidate.url().startsWith('devtools://')) ??
    (await context.waitForEvent('page', (candidate) => candidate.url().startsWith('devtools://')));
  await page.goto(`${pageOrigin}/?contexts=on-demand`);
  await page.locator('body[data-lab-ready="true"]').waitFor({ state: 'attached' });
  return { page, devtools };
}
