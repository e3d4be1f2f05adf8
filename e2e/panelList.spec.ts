import { expect, test, type Page } from '@playwright/test';
import type { LabRequest, Scenario } from './lab/scenario.ts';
import { SCENARIOS } from './lab/scenarios/index.ts';
import { blocked, respond, root } from './lab/scenarios/plan.ts';
import type { Lab } from './lab/server.ts';
import type { ExtensionProbe } from './support/extensionProbe.ts';
import type { LabBrowser } from './support/labBrowser.ts';
import { openLabTab, type LabTab } from './support/labTab.ts';
import { corsErrorOf } from '../src/core/cors/verdictFacts.ts';
import { runInLabPage } from './support/labScenario.ts';

// The panel as a page (chrome-extension://…/panel.html?tabId=N), with the real
// worker behind it: the way most panel tests run, as Playwright's guide opens
// an extension's pages by their chrome-extension:// URL
// (https://playwright.dev/docs/chrome-extensions).
// panel.spec.ts shows the same panel inside real DevTools.

const PAYLOAD_SCRIPT = '<script>document.title="pwned"</script>';
const PAYLOAD_IMG = '<img src=x onerror="document.title=\'pwned\'">';
const HOSTILE: Scenario = {
  name: 'hostile-header-values',
  title: 'A server answers with markup, a 100 KB value and odd bytes in its headers',
  routes: root({
    actual: respond([
      ['Access-Control-Allow-Origin', PAYLOAD_IMG],
      ['X-Script', PAYLOAD_SCRIPT],
      ['X-Huge', 'A'.repeat(100_000)],
      ['X-Odd', 'tab\there \u00ff end'],
    ]),
  }),
  requests: [{ method: 'GET' }],
  expect: [blocked('MultipleAllowOriginValues', PAYLOAD_IMG)],
};

const scenario = (name: string): Scenario => SCENARIOS.find((each) => each.name === name) as Scenario;

let lab: Lab;
let browser: LabBrowser;
let probe: ExtensionProbe;
let page: Page;
let tabId: number;

let tab: LabTab;

test.beforeEach(async () => {
  tab = await openLabTab([...SCENARIOS, HOSTILE]);
  ({ lab, browser, probe, page, tabId } = tab);
});

test.afterEach(async () => {
  await tab.close();
});

async function run(each: Scenario, requests: readonly LabRequest[] = each.requests): Promise<void> {
  await runInLabPage(page, lab, each.name, requests);
}

async function openPanel(theme: 'light' | 'dark' = 'light'): Promise<Page> {
  const panel = await browser.context.newPage();
  await panel.goto(`chrome-extension://${browser.extensionId}/src/panel/panel.html?tabId=${tabId}&theme=${theme}`);
  return panel;
}

const option = (panel: Page, text: string) => panel.getByRole('option').filter({ hasText: text });

test("the panel lists the tab's transactions live, explains a blocked one with its CorsError, failing header and fix, and filters", async () => {
  const panel = await openPanel();
  await expect(panel.getByRole('heading', { name: 'CORS Lens' })).toBeVisible();
  await expect(panel.getByRole('link', { name: 'open the CORS lab' })).toHaveAttribute('href', 'http://127.0.0.1:4780/');
  await panel.getByRole('button', { name: 'Open the preflight simulator' }).click();
  await expect(panel.getByRole('tab', { name: 'Learn' })).toHaveAttribute('aria-selected', 'true');
  await expect(panel.getByRole('status', { name: 'Verdict' })).toHaveText('Allowed');
  await panel.getByRole('tab', { name: 'Requests' }).click();

  for (const name of ['simple-get-allowed', 'preflight-missing-allow-origin', 'preflight-passes-actual-blocked', 'max-age-600']) await run(scenario(name));
  await probe.waitFor(tabId, '/s/', 5);
  const list = panel.getByRole('listbox', { name: 'CORS transactions' });
  await expect(list.getByRole('option')).toHaveCount(5);
  await expect(option(panel, '/s/preflight-missing-allow-origin/')).toContainText('preflight failed');
  await expect(option(panel, '/s/preflight-missing-allow-origin/')).toContainText('PreflightMissingAllowOriginHeader');
  await expect(option(panel, '/s/max-age-600/').last()).toContainText('cache hit');
  await expect(option(panel, '/s/simple-get-allowed/')).toHaveAttribute('aria-label', /GET .*simple-get-allowed.*, allowed, preflight not-needed/);

  await option(panel, '/s/preflight-passes-actual-blocked/').click();
  const details = panel.getByRole('region', { name: 'Transaction details' });
  await expect(details.getByText('MissingAllowOriginHeader', { exact: true })).toBeVisible();
  const mismatch = details.getByRole('definition');
  await expect(mismatch.first()).toHaveText('Access-Control-Allow-Origin');
  await expect(mismatch.nth(1)).toHaveText('(absent)');
  await expect(mismatch.nth(2)).toHaveText(lab.pageOrigin);
  await expect(details.getByLabel('Fix on the server').locator('pre')).toHaveText(`Access-Control-Allow-Origin: ${lab.pageOrigin}\nVary: Origin`);
  // The whole server change, verified by the engine, written for the user's server.
  const change = details.getByRole('region', { name: 'Verified server change' });
  await expect(change.locator('pre')).toHaveText(`# Response\nAccess-Control-Allow-Origin: ${lab.pageOrigin}\nVary: Origin`);
  await change.getByLabel('Server').selectOption('nginx');
  await expect(change.locator('pre')).toContainText(`add_header Access-Control-Allow-Origin "${lab.pageOrigin}" always;`);
  await expect(details.getByRole('region', { name: 'Why preflighted' })).toContainText('Why it was preflighted');
  await expect(details.getByRole('table').first()).toContainText('Access-Control-Request-Method');
  await expect(details.getByRole('rowheader', { name: 'Access-Control-Request-Method CORS' })).toBeVisible();
  await panel.screenshot({ path: 'test-results/panel-list-light.png' });
  // Copy summary puts the bug-report block on the clipboard.
  await details.getByRole('button', { name: 'Copy summary' }).click();
  await expect(details.getByRole('status').first()).toHaveText('Copied.');
  // Pasted as a user would, into a text box of the lab page.
  await page.bringToFront();
  await page.evaluate(() => document.body.append(Object.assign(document.createElement('textarea'), { id: 'paste' })));
  await page.locator('#paste').focus();
  await page.keyboard.press('Control+V');
  const summary = await page.locator('#paste').inputValue();
  await panel.bringToFront();
  expect(summary).toContain('### CORS: `PUT http://localhost:');
  expect(summary).toContain("- **Chromium's error:** `MissingAllowOriginHeader`");
  expect(summary).toContain(`Access-Control-Allow-Origin: ${lab.pageOrigin}`);

  await panel.getByLabel('Blocked only').check();
  await expect(list.getByRole('option')).toHaveCount(2);
  await panel.getByLabel('Blocked only').uncheck();
  await panel.getByLabel('Preflighted only').check();
  await expect(list.getByRole('option')).toHaveCount(4);
  await panel.getByLabel('Preflighted only').uncheck();
  await panel.getByLabel('Filter by URL').fill('MAX-AGE');
  await expect(list.getByRole('option')).toHaveCount(2);
  await panel.getByLabel('Filter by URL').fill('');
  await panel.getByLabel('Target origin').selectOption(lab.apiOrigin);
  await expect(list.getByRole('option')).toHaveCount(5);

  // Why no preflight was needed: the page's own headers one by one, those Chromium added in one line that opens.
  await option(panel, '/s/simple-get-allowed/').click();
  const why = details.getByRole('region', { name: 'Why preflighted' });
  await expect(why.getByRole('heading')).toHaveText('Why no preflight was needed');
  const browserSet = why.locator('summary');
  await expect(browserSet).toHaveText(/^\d+ headers set by the browser \(.+, …\)$/);
  await expect(why).not.toContainText('is set by the browser, not the page');
  await browserSet.click();
  await expect(why.locator('details code')).toContainText('sec-fetch-mode');
  await expect(why.locator('details code')).toContainText('user-agent');
  await why.scrollIntoViewIfNeeded();
  await panel.screenshot({ path: 'test-results/panel-why-no-preflight.png' });

  // Preserve log is the worker's setting for this tab, off by default.
  const preserve = panel.getByLabel('Preserve log');
  await expect(preserve).not.toBeChecked();
  await preserve.check();
  await expect.poll(async () => (await probe.summary(tabId)).preserveLog).toBe(true);
  await preserve.uncheck();
  await expect.poll(async () => (await probe.summary(tabId)).preserveLog).toBe(false);

  // New traffic appears while the panel is open; Clear empties the tab's log.
  await run(scenario('simple-get-allowed'));
  await expect(list.getByRole('option')).toHaveCount(6);
  await panel.getByRole('button', { name: 'Clear' }).click();
  await expect(panel.getByRole('heading', { name: 'CORS Lens' })).toBeVisible();
  expect(await probe.transactions(tabId)).toEqual([]);
});

test('keyboard: arrows move the selection, Enter opens the details', async () => {
  for (const name of ['simple-get-allowed', 'preflight-missing-allow-origin', 'preflight-passes-actual-blocked']) await run(scenario(name));
  await probe.waitFor(tabId, '/s/', 3);
  const panel = await openPanel();
  const list = panel.getByRole('listbox', { name: 'CORS transactions' });
  await expect(list.getByRole('option')).toHaveCount(3);
  await list.focus();
  await list.press('ArrowDown');
  await expect(list.getByRole('option', { selected: true })).toContainText('simple-get-allowed');
  await list.press('ArrowDown');
  await list.press('ArrowDown');
  await expect(list.getByRole('option', { selected: true })).toContainText('preflight-passes-actual-blocked');
  await list.press('ArrowUp');
  await expect(list.getByRole('option', { selected: true })).toContainText('preflight-missing-allow-origin');
  await list.press('Enter');
  await expect(panel.getByRole('region', { name: 'Transaction details' }).getByRole('heading', { level: 2 })).toBeFocused();
  await expect(panel.getByRole('region', { name: 'Transaction details' })).toContainText('PreflightMissingAllowOriginHeader');
});

test('the dark theme renders; hostile header values stay text: nothing runs, the panel stays responsive', async () => {
  await run(HOSTILE);
  await probe.waitFor(tabId, `/s/${HOSTILE.name}/`, 1);
  const panel = await openPanel('dark');
  const dialogs: string[] = [];
  panel.on('dialog', (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  expect(await panel.evaluate(() => document.documentElement.dataset.theme)).toBe('dark');
  expect(await panel.evaluate(() => getComputedStyle(document.body).colorScheme)).toBe('dark');

  await option(panel, HOSTILE.name).click();
  const details = panel.getByRole('region', { name: 'Transaction details' });
  await expect(details.getByText(PAYLOAD_IMG).first()).toBeVisible();
  await expect(details.getByText(PAYLOAD_SCRIPT)).toBeVisible();
  await expect(details).toContainText('[truncated: 100000 characters]');
  // Markup from the network never became elements, and never ran.
  expect(await details.locator('img, script:not([src])').count()).toBe(0);
  expect(await panel.title()).toBe('CORS');
  expect(dialogs).toEqual([]);
  await panel.screenshot({ path: 'test-results/panel-hostile-dark.png' });
  // Still responsive: a filter answers at once.
  await panel.getByLabel('Blocked only').check();
  await expect(panel.getByRole('listbox', { name: 'CORS transactions' }).getByRole('option')).toHaveCount(1);
});

test('a cache hit shows the entry that served it and when it expires; the cache view lists the entry with its caps and what it served', async () => {
  const capped = scenario('max-age-86400-capped');
  await run(capped);
  const [first, second] = await probe.waitFor(tabId, `/s/${capped.name}/`, 2);
  expect(first?.transaction.verdict.preflight).toBe('sent');
  expect(second?.transaction.verdict.preflight).toBe('cache-hit');
  const panel = await openPanel();

  await option(panel, 'cache hit').click();
  const timeline = panel.getByRole('region', { name: 'Negotiation timeline' });
  const hit = timeline.getByRole('listitem').filter({ hasText: 'Cache hit' });
  await expect(hit).toContainText('served from the cache');
  await expect(hit).toContainText(/Entry stored at \d\d:\d\d:\d\d\.\d{3}, expires at \d\d:\d\d:\d\d\.\d{3} \(expires in 1 h 59 min \d+ s\)/);
  await expect(timeline.getByRole('listitem')).toHaveCount(2);

  await option(panel, 'allowed').click();
  await expect(timeline.getByRole('listitem').first()).toContainText('Preflight');
  await expect(timeline.getByRole('listitem').first()).toContainText('204');

  await panel.getByRole('tab', { name: 'Preflight cache' }).click();
  const entry = panel
    .getByRole('region', { name: 'Preflight cache' })
    .getByRole('row')
    .filter({ hasText: `/s/${capped.name}/` });
  await expect(entry).toContainText('86400 sent; 7200 s, capped by Chromium');
  await expect(entry).toContainText('Firefox would keep it 86400 s');
  await expect(entry).toContainText('Safari (WebKit) would keep it 600 s');
  await expect(entry).toContainText(`#${second?.seq} PUT`);
  await expect(entry).toContainText(/expires in 1 h 59 min/);
  await panel.screenshot({ path: 'test-results/panel-cache-view.png' });
});

test('every blocked lab request shows in the panel with the CorsError and failing header of its verdict', async () => {
  test.setTimeout(120_000);
  await page.goto(`${lab.pageOrigin}/?run=all`);
  await page.locator('body[data-lab-done="true"]').waitFor({ state: 'attached', timeout: 90_000 });
  tabId = await probe.tabIdOf(`${lab.pageOrigin}/?run=all`);
  await expect.poll(() => probe.inFlightCount(tabId), { timeout: 30_000 }).toBe(0);
  const items = await probe.transactions(tabId);
  const panel = await openPanel();
  await expect(panel.getByRole('toolbar', { name: 'Transactions' })).toContainText(`${items.length} requests`);

  const blockedItems = items.filter((item) => corsErrorOf(item.transaction.verdict) !== null);
  expect(blockedItems.length).toBeGreaterThan(50);
  await panel.getByLabel('Blocked only').check();
  const list = panel.getByRole('listbox', { name: 'CORS transactions' });
  const details = panel.getByRole('region', { name: 'Transaction details' });
  const byScenario = new Map<string, typeof blockedItems>();
  for (const item of blockedItems) {
    const name = /\/s\/([^/]+)\//.exec(item.transaction.request.url)?.[1] ?? '';
    byScenario.set(name, [...(byScenario.get(name) ?? []), item]);
  }
  for (const [name, group] of byScenario) {
    await panel.getByLabel('Filter by URL').fill(`/s/${name}/`);
    const rows = list.getByRole('option');
    await expect(rows).toHaveCount(group.length);
    for (const [index, item] of group.entries()) {
      const { failure } = item.transaction.verdict;
      const corsError = corsErrorOf(item.transaction.verdict);
      await expect(rows.nth(index)).toContainText(corsError as string);
      await rows.nth(index).click();
      await expect(details.locator('.cors-error')).toHaveText(corsError as string);
      if (failure?.header) await expect(details.getByRole('definition').first()).toHaveText(failure.header);
    }
  }
});

test('an allowed request still shows what its CORS policy risks: an echoed origin with credentials, no Vary: Origin', async () => {
  await run(scenario('credentials-allowed'));
  const [item] = await probe.waitFor(tabId, '/s/credentials-allowed/', 1);
  expect(item?.transaction.verdict.outcome).toBe('allowed');
  const panel = await openPanel();
  await option(panel, 'credentials-allowed').click();
  const warnings = panel.getByRole('region', { name: 'Security warnings' }).getByRole('listitem');
  await expect(warnings).toHaveCount(2);
  await expect(warnings.first()).toContainText(`Response: The response allows ${lab.pageOrigin} with credentials`);
  await expect(warnings.nth(1)).toContainText('Add Vary: Origin');
  // An echoed origin without credentials still lacks Vary: Origin; * without credentials raises nothing.
  await run(scenario('simple-get-allowed'));
  await option(panel, 'simple-get-allowed').click();
  await expect(panel.getByRole('region', { name: 'Security warnings' }).getByRole('listitem')).toHaveText([/Add Vary: Origin/]);
  await run(scenario('wildcard-without-credentials'));
  await option(panel, 'wildcard-without-credentials').click();
  await expect(panel.getByRole('region', { name: 'Transaction details' })).toContainText('Allowed');
  await expect(panel.getByRole('region', { name: 'Security warnings' })).toHaveCount(0);
});

test('evidence first in the panel: an opaque page says why it is "null", a failure no capture explains is blocked with its possible causes, and a fix offers credentials only as a second option', async () => {
  await run(scenario('sandboxed-iframe-page-origin'));
  await run(scenario('lna-target-address-space-public'));
  await run(scenario('preflight-missing-allow-origin'));
  await probe.waitFor(tabId, '/s/preflight-missing-allow-origin/', 1);
  const panel = await openPanel();
  const details = panel.getByRole('region', { name: 'Transaction details' });

  // A sandboxed iframe: origin "null", and the root cause first.
  const opaque = option(panel, 'sandboxed-iframe-page-origin');
  await expect(opaque).toContainText('AllowOriginMismatch');
  await expect(opaque).toContainText('null');
  await opaque.click();
  await expect(details).toContainText("The page's origin is opaque, so its requests say Origin: null");
  await panel.screenshot({ path: 'test-results/panel-opaque-origin.png' });

  // fetch()'s targetAddressSpace is in no capture: blocked, the reason unseen, the candidates named.
  const hidden = option(panel, 'lna-target-address-space-public');
  await expect(hidden).toContainText('blocked (why?)');
  await expect(hidden).toContainText('reason not visible');
  await hidden.click();
  await expect(details).toContainText('Blocked: the browser failed this request (net::ERR_FAILED), and the reason is not visible to CORS Lens');
  await expect(details).toContainText('InvalidLocalNetworkAccess');
  await expect(details).toContainText('Confirm with Chromium');
  await panel.getByLabel('Blocked only').check();
  await expect(hidden).toBeVisible();
  await panel.screenshot({ path: 'test-results/panel-reason-unseen.png' });
  await panel.getByLabel('Blocked only').uncheck();

  // A refused preflight: the request never went out, so its credentials are unknown.
  await option(panel, 'preflight-missing-allow-origin').click();
  const change = details.getByRole('region', { name: 'Verified server change' });
  await expect(change.getByLabel('Header lines to send', { exact: true })).not.toContainText('Access-Control-Allow-Credentials');
  await expect(change).toContainText('If the page sends cookies or HTTP authentication');
  await expect(change.getByLabel('Header lines to send if the page sends credentials')).toContainText('Access-Control-Allow-Credentials: true');
  await change.screenshot({ path: 'test-results/panel-fix-credentials-option.png' });
});
