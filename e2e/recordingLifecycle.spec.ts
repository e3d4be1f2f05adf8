import { expect, test, type Page } from '@playwright/test';
import { lifecycleScenarios } from './lab/scenarios/lifecycle.ts';
import { startLab, type Lab } from './lab/server.ts';
import { launchLabBrowser, type LabBrowser } from './support/labBrowser.ts';
import { stopServiceWorker } from './support/workerControl.ts';
import { listenerSets, tabIdOf } from './support/workerListeners.ts';

// Recording only while someone looks (issue 21): no webRequest listener
// while no CORS panel is open; the panel's listeners name its tab; the
// setting records every tab; a stopped worker leaves a gap the list shows.
// No recorder page here: it would record every tab.

let lab: Lab;
let browser: LabBrowser;
let page: Page;
let tabId: number;

test.beforeEach(async () => {
  lab = await startLab(lifecycleScenarios);
  browser = await launchLabBrowser({ args: lab.chromiumArgs });
  page = await browser.context.newPage();
  await page.goto(`${lab.pageOrigin}/`);
  tabId = await tabIdOf(browser.context, browser.extensionId, `${lab.pageOrigin}/`);
});

test.afterEach(async () => {
  await browser.close();
  await lab.close();
});

/** A cross-origin GET from the page, marked to find its row. */
async function request(from: Page, marker: string): Promise<void> {
  const status = await from.evaluate(async (url) => (await fetch(url)).status, lab.scenarioUrl('flood', `/?${marker}`));
  expect(status).toBe(200);
}

async function openPanel(forTab = tabId): Promise<Page> {
  const panel = await browser.context.newPage();
  await panel.goto(`chrome-extension://${browser.extensionId}/src/panel/panel.html?tabId=${forTab}`);
  await expect(panel.locator('.recording-note')).toHaveText(/^Recording (this|every) tab since \d\d:\d\d:\d\d\.\d{3}/);
  return panel;
}

const rows = (panel: Page) => panel.getByRole('listbox', { name: 'CORS transactions' }).getByRole('option');
const row = (panel: Page, marker: string) => rows(panel).filter({ hasText: `?${marker}` });
const GAP = /^not recorded from (\d\d:\d\d:\d\d\.\d{3}) to (\d\d:\d\d:\d\d\.\d{3})$/;
/** A moment as GAP shows it: the local wall clock, 24-hour, to the millisecond. */
const wallClock = (epochMs: number): string => {
  const date = new Date(epochMs);
  const [hours, minutes, seconds] = [date.getHours(), date.getMinutes(), date.getSeconds()].map((part) => String(part).padStart(2, '0'));
  return `${hours}:${minutes}:${seconds}.${String(date.getMilliseconds()).padStart(3, '0')}`;
};

test("a CORS panel records its tab, with the tab in its listeners' filter, only while it is open; a request made while it was closed is not in its log", async () => {
  const { context, extensionId } = browser;
  await expect.poll(() => listenerSets(context, extensionId)).toEqual([]);
  await request(page, 'before');

  const panel = await openPanel();
  await expect(panel.locator('.recording-note')).toContainText(
    'while this panel is open. Requests made before are not listed, and a preflight cache entry made before cannot be known.',
  );
  expect((await listenerSets(context, extensionId)).map((set) => set.target)).toEqual([{ kind: 'tab', tabId }]);
  await request(page, 'open');
  await expect(row(panel, 'open')).toHaveCount(1);
  await expect(row(panel, 'before')).toHaveCount(0);
  await panel.screenshot({ path: 'test-results/recording-this-tab.png' });

  await panel.close();
  await expect.poll(() => listenerSets(context, extensionId)).toEqual([]);
  await request(page, 'closed');
  const again = await openPanel();
  await request(page, 'again');
  await expect(row(again, 'again')).toHaveCount(1);
  // The log began afresh: what came before it opened, while closed or before that, is not in it.
  await expect(rows(again)).toHaveCount(1);
});

test('a preflight cache entry made before the panel opened: the request it serves is "possibly served by an entry made before recording began", never a cache hit', async () => {
  const put = (from: Page) => from.evaluate(async (url) => (await fetch(url, { method: 'PUT' })).status, lab.scenarioUrl('cached-preflight'));
  expect(await put(page)).toBe(200);
  expect(lab.counts('cached-preflight').options).toBe(1);
  const panel = await openPanel();
  expect(await put(page)).toBe(200);
  // Chromium served it from its cache: no preflight went out.
  expect(lab.counts('cached-preflight').options).toBe(1);
  const served = rows(panel).filter({ hasText: '/s/cached-preflight/' });
  await expect(served).toContainText('not-seen');
  await served.click();
  const details = panel.getByRole('region', { name: 'Transaction details' });
  await expect(details).toContainText(/possibly served by a preflight cache entry made before recording began \((\d+ s|under a second) before this request\)/);
  await expect(details).not.toContainText('served from the preflight cache');
  await panel.screenshot({ path: 'test-results/recording-before-began.png' });
});

test('"Record from browser start" records every tab, no panel open, until it is turned off', async () => {
  const { context, extensionId } = browser;
  const panel = await openPanel();
  const setting = panel.getByRole('checkbox', { name: 'Record from browser start' });
  await expect(setting).not.toBeChecked();
  await setting.check();
  await expect(panel.locator('.recording-note')).toHaveText(/^Recording every tab since .*\(Record from browser start is on\)/);
  expect((await listenerSets(context, extensionId)).map((set) => set.target)).toEqual([{ kind: 'all-tabs' }]);
  await panel.close();

  const other = await context.newPage();
  await other.goto(`${lab.pageOrigin}/?other`);
  await request(other, 'no-panel');
  await request(page, 'panel-closed');
  const otherPanel = await openPanel(await tabIdOf(context, extensionId, `${lab.pageOrigin}/?other`));
  await expect(row(otherPanel, 'no-panel')).toHaveCount(1);
  const reopened = await openPanel();
  await expect(row(reopened, 'panel-closed')).toHaveCount(1);
  await expect(reopened.getByRole('checkbox', { name: 'Record from browser start' })).toBeChecked();
  await reopened.screenshot({ path: 'test-results/recording-every-tab.png' });

  await reopened.getByRole('checkbox', { name: 'Record from browser start' }).uncheck();
  await expect(reopened.locator('.recording-note')).toHaveText(/^Recording this tab since/);
  await otherPanel.close();
  await reopened.close();
  await expect.poll(() => listenerSets(context, extensionId)).toEqual([]);
});

test('Chromium stops the worker while a panel records: recording resumes as the panel reconnects, and the list shows the gap, never a silent loss', async () => {
  const { context, extensionId } = browser;
  const panel = await openPanel();
  await request(page, 'before-stop');
  await expect(row(panel, 'before-stop')).toHaveCount(1);
  const seenAt = Date.now();

  await stopServiceWorker(context, panel, extensionId);
  const gap = rows(panel).filter({ hasText: GAP });
  await expect(gap).toHaveCount(1);
  await request(page, 'after-stop');
  await expect(row(panel, 'after-stop')).toHaveCount(1);
  expect((await listenerSets(context, extensionId)).map((set) => set.target)).toEqual([{ kind: 'tab', tabId }]);

  // In the list's order: the gap, then what came after it. A request made
  // before the stop is listed before the gap, or, when the stopped worker had
  // not written it yet, inside the gap, whose start says so.
  const texts = await rows(panel).allTextContents();
  const gapAt = texts.findIndex((text) => GAP.test(text));
  expect(texts.findIndex((text) => text.includes('?after-stop'))).toBeGreaterThan(gapAt);
  const before = texts.findIndex((text) => text.includes('?before-stop'));
  if (before >= 0) expect(before).toBeLessThan(gapAt);
  else expect((GAP.exec(texts[gapAt] ?? '') ?? [])[1]! <= wallClock(seenAt)).toBe(true);
  await panel.screenshot({ path: 'test-results/recording-gap.png' });
});
