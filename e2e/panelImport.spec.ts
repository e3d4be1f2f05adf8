import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test, type Page } from '@playwright/test';
import { SCENARIOS } from './lab/scenarios/index.ts';
import { startLab, type Lab } from './lab/server.ts';
import { openExtensionProbe } from './support/extensionProbe.ts';
import { launchLabBrowser, type LabBrowser } from './support/labBrowser.ts';
import { smallGetsHar } from './support/smallGetsHar.ts';

// Export from the panel after a lab run, import into a fresh browser profile:
// the same transactions, judged the same, clearly marked as imported.

const NAMES = ['simple-get-allowed', 'preflight-missing-allow-origin', 'preflight-passes-actual-blocked', 'max-age-600', 'allow-origin-other-origin'];

let lab: Lab;
let scratch: string;
const browsers: LabBrowser[] = [];

test.beforeEach(async () => {
  lab = await startLab(SCENARIOS);
  scratch = await mkdtemp(join(tmpdir(), 'cors-lens-import-'));
});

test.afterEach(async () => {
  for (const browser of browsers.splice(0)) await browser.close();
  await lab.close();
  await rm(scratch, { recursive: true, force: true });
});

async function panelFor(browser: LabBrowser, tabId: number): Promise<Page> {
  const panel = await browser.context.newPage();
  await panel.goto(`chrome-extension://${browser.extensionId}/src/panel/panel.html?tabId=${tabId}`);
  return panel;
}

/** A browser of its own (a fresh profile) and its panel, on a tab with no CORS traffic: only imports will show. */
async function panelInFreshProfile(): Promise<Page> {
  const browser = await launchLabBrowser({ args: lab.chromiumArgs });
  browsers.push(browser);
  const page = await browser.context.newPage();
  const probe = await openExtensionProbe(browser.context, browser.extensionId);
  await page.goto(`${lab.pageOrigin}/lab/frame.html`);
  return panelFor(browser, await probe.tabIdOf(`${lab.pageOrigin}/lab/frame.html`));
}

/** What a row says (its accessible name: request, verdict, preflight), for every row of a list. */
const rowNames = (panel: Page) =>
  panel
    .getByRole('listbox', { name: 'CORS transactions' })
    .getByRole('option')
    .evaluateAll((rows) => rows.map((row) => row.getAttribute('aria-label')));

test('a trace and a HAR exported from the panel import into a fresh profile with the same verdicts', async () => {
  const source = await launchLabBrowser({ args: lab.chromiumArgs });
  browsers.push(source);
  const page = await source.context.newPage();
  // Opened first: the extension records while someone looks.
  const probe = await openExtensionProbe(source.context, source.extensionId);
  await page.goto(`${lab.pageOrigin}/?run=${NAMES.join(',')}`);
  await page.locator('body[data-lab-done="true"]').waitFor({ state: 'attached' });
  const tabId = await probe.tabIdOf(`${lab.pageOrigin}/?run=`);
  await expect.poll(() => probe.inFlightCount(tabId)).toBe(0);
  const panel = await panelFor(source, tabId);
  const list = panel.getByRole('listbox', { name: 'CORS transactions' });
  await expect(list.getByRole('option')).toHaveCount((await probe.transactions(tabId)).length);
  const live = await rowNames(panel);
  expect(live.length).toBeGreaterThanOrEqual(6);

  await panel.getByRole('button', { name: 'Export…' }).click();
  const dialog = panel.getByRole('dialog', { name: 'Export' });
  await expect(dialog.getByRole('checkbox', { name: /Include secrets/ })).not.toBeChecked();
  const saved: Record<string, string> = {};
  for (const [button, name] of [
    ['Save trace (JSON)', 'trace.json'],
    ['Save HAR', 'capture.har'],
  ] as const) {
    const download = panel.waitForEvent('download');
    await dialog.getByRole('button', { name: button }).click();
    const file = join(scratch, name);
    await (await download).saveAs(file);
    saved[name] = file;
    await expect(dialog.getByRole('status')).toContainText('Saved cors-lens-');
  }

  const other = await panelInFreshProfile();
  for (const name of ['trace.json', 'capture.har']) {
    await other.getByLabel('Import a HAR file or CORS Lens trace').setInputFiles(saved[name] as string);
    await expect(other.getByRole('tab', { name: new RegExp(`^Imported: ${name.replace('.', '\\.')}`) })).toHaveAttribute('aria-selected', 'true');
    await expect(other.getByRole('region', { name: `Imported file ${name}, read-only` })).toBeVisible();
    await expect(other.getByRole('listbox', { name: 'CORS transactions' }).getByRole('option')).toHaveCount(live.length);
    expect(await rowNames(other)).toEqual(live);
  }
  await other.screenshot({ path: 'test-results/panel-imported.png' });

  // The imported HAR exports as a CORS Lens trace with its pairing kept, and imports back the same.
  await other.getByRole('tab', { name: /^Imported: capture\.har/ }).click();
  await other.getByRole('button', { name: 'Export…' }).click();
  const exportImported = other.getByRole('dialog', { name: 'Export' });
  await expect(exportImported.getByRole('heading')).toHaveText('Export the imported capture.har, as CORS Lens judged it');
  const converted = other.waitForEvent('download');
  await exportImported.getByRole('button', { name: 'Save trace (JSON)' }).click();
  saved['converted.trace.json'] = join(scratch, 'converted.trace.json');
  await (await converted).saveAs(saved['converted.trace.json']);
  await exportImported.getByRole('button', { name: 'Close' }).click();
  await other.getByLabel('Import a HAR file or CORS Lens trace').setInputFiles(saved['converted.trace.json']);
  await expect(other.getByRole('tab', { name: /^Imported: converted\.trace\.json/ })).toHaveAttribute('aria-selected', 'true');
  expect(await rowNames(other)).toEqual(live);

  // A file dropped on the panel imports the same way.
  const harText = await readFile(saved['capture.har'] as string, 'utf8');
  const dropped = await other.evaluateHandle((text) => {
    const transfer = new DataTransfer();
    transfer.items.add(new File([text], 'dropped.har', { type: 'application/json' }));
    return transfer;
  }, harText);
  await other.locator('.panel').dispatchEvent('drop', { dataTransfer: dropped });
  await expect(other.getByRole('tab', { name: /^Imported: dropped\.har/ })).toHaveAttribute('aria-selected', 'true');
  expect(await rowNames(other)).toEqual(live);
  await other.getByRole('button', { name: 'Close dropped.har' }).click();
  await expect(other.getByRole('tab', { name: /^Imported:/ })).toHaveCount(0);
});

test('a bad file gets a message naming it and what is wrong, and the panel keeps what it showed', async () => {
  const browser = await launchLabBrowser({ args: lab.chromiumArgs });
  browsers.push(browser);
  const page = await browser.context.newPage();
  const probe = await openExtensionProbe(browser.context, browser.extensionId);
  await page.goto(`${lab.pageOrigin}/?run=simple-get-allowed`);
  await page.locator('body[data-lab-done="true"]').waitFor({ state: 'attached' });
  const tabId = await probe.tabIdOf(`${lab.pageOrigin}/?run=`);
  await probe.waitFor(tabId, '/s/simple-get-allowed/', 1);
  const panel = await panelFor(browser, tabId);
  const list = panel.getByRole('listbox', { name: 'CORS transactions' });
  await expect(list.getByRole('option')).toHaveCount(1);

  const cases: [string, string, RegExp][] = [
    ['notes.har', 'these are not JSON', /^Could not import notes\.har: not JSON: .* at line 1, column 1/],
    ['cut.har', '{"log": {"version": "1.2", "entries": [', /^Could not import cut\.har: not JSON: the file ends before the JSON does/],
    ['other.json', '{"hello": "world"}', /^Could not import other\.json: not a HAR file/],
    ['future.trace.json', JSON.stringify({ format: 'cors-lens-trace', version: 9 }), /^Could not import future\.trace\.json: trace version 9 is not supported/],
    [
      'fields.har',
      JSON.stringify({
        log: { version: '1.2', entries: [{ startedDateTime: 'x', request: { method: 'GET', url: 5, headers: [] }, response: { status: 200, headers: [] } }] },
      }),
      /log\.entries\[0\]\.request\.url/,
    ],
  ];
  for (const [name, text, message] of cases) {
    const file = join(scratch, name);
    await writeFile(file, text);
    await panel.getByLabel('Import a HAR file or CORS Lens trace').setInputFiles(file);
    await expect(panel.getByRole('alert')).toHaveText(message);
    await expect(list.getByRole('option')).toHaveCount(1);
    await expect(panel.getByRole('tab', { name: /^Imported:/ })).toHaveCount(0);
  }
});

test('HAR files from Chrome DevTools, Firefox and Playwright import in the panel and are judged again', async () => {
  const panel = await panelInFreshProfile();
  const fixtures = fileURLToPath(new URL('../test/fixtures/har/', import.meta.url));
  const cases: [string, RegExp, string][] = [
    ['chrome-devtools-2025-preflights-ok-custom-headers-mobile-emulation.har', /^Imported: chrome-devtools-2025.*\.har/, 'preflight sent'],
    ['firefox111-devtools-cross-origin-get-acao-http3.har', /^Imported: firefox111.*\(Firefox 111/, 'allowed, preflight not-needed'],
    ['playwright1.39-firefox118-cross-origin-json-post-no-preflight-recorded.har', /^Imported: playwright1\.39.*\.har/, 'preflight not-recorded'],
  ];
  for (const [name, tab, row] of cases) {
    await panel.getByLabel('Import a HAR file or CORS Lens trace').setInputFiles(join(fixtures, name));
    await expect(panel.getByRole('tab', { name: tab })).toHaveAttribute('aria-selected', 'true');
    const options = panel.getByRole('listbox', { name: 'CORS transactions' }).getByRole('option');
    await expect(options.first()).toBeVisible();
    expect((await rowNames(panel)).some((label) => label?.includes(row))).toBe(true);
  }
});

test('50,000 imported transactions: the list stays virtualised, a filter answers, End reaches the last', async () => {
  test.setTimeout(120_000);
  const file = join(scratch, 'fifty-thousand.har');
  await writeFile(file, smallGetsHar(50_000));

  const panel = await panelInFreshProfile();
  await panel.getByLabel('Import a HAR file or CORS Lens trace').setInputFiles(file);
  await expect(panel.getByRole('toolbar', { name: 'Transactions' })).toContainText('50000 requests', { timeout: 60_000 });
  const list = panel.getByRole('listbox', { name: 'CORS transactions' });
  expect(await list.getByRole('option').count()).toBeLessThan(100);
  await list.focus();
  await list.press('End');
  await expect(list.getByRole('option', { selected: true })).toContainText('/items/49999');
  await list.press('Home');
  await expect(list.getByRole('option', { selected: true })).toContainText('/items/0 ');
  await panel.getByLabel('Blocked only').check();
  await expect(panel.getByRole('toolbar', { name: 'Transactions' })).toContainText('5000 of 50000 requests');
});
