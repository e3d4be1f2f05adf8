import { expect, test, type Locator, type Page } from '@playwright/test';
import type { LabRequest, Scenario } from './lab/scenario.ts';
import { SCENARIOS } from './lab/scenarios/index.ts';
import { blocked, respond, root } from './lab/scenarios/plan.ts';
import type { Lab } from './lab/server.ts';
import type { ExtensionProbe } from './support/extensionProbe.ts';
import type { LabBrowser } from './support/labBrowser.ts';
import { openLabTab, type LabTab } from './support/labTab.ts';
import { runInLabPage } from './support/labScenario.ts';

// The negotiation drawn as a sequence diagram (issue 23), in the panel as a
// page and in the simulator, at the narrow width a docked DevTools has
// (420 px), light and dark. Screenshots go to test-results/ to be looked at.

// Tall enough that a whole diagram fits in the details pane for its screenshot.
const NARROW = { width: 420, height: 1900 };
const PAYLOAD = '<img src=x onerror="document.title=\'pwned\'">';
const LONG = `https://${'very-long-sub-domain.'.repeat(12)}example`;
const HOSTILE: Scenario = {
  name: 'diagram-hostile-values',
  title: 'Markup, a long value and control characters in the headers the diagram draws',
  routes: root({
    actual: respond([
      ['Access-Control-Allow-Origin', PAYLOAD],
      ['Access-Control-Expose-Headers', LONG],
      ['Access-Control-Allow-Credentials', 'tab\there \u0085 end'],
    ]),
  }),
  requests: [{ method: 'GET' }],
  expect: [blocked('MultipleAllowOriginValues', PAYLOAD)],
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

async function openPanel(theme: 'light' | 'dark'): Promise<Page> {
  const panel = await browser.context.newPage();
  await panel.setViewportSize(NARROW);
  await panel.goto(`chrome-extension://${browser.extensionId}/src/panel/panel.html?tabId=${tabId}&theme=${theme}`);
  return panel;
}

const arrowsOf = (scope: Page | Locator): Locator => scope.getByRole('list', { name: 'The negotiation, message by message' }).getByRole('listitem');

/** Opens the transaction whose row holds `text` (the last such row) and returns its diagram, checked to be drawn full width. */
async function diagramOf(panel: Page, text: string): Promise<Locator> {
  await panel.getByRole('option').filter({ hasText: text }).last().click();
  const diagram = panel.getByRole('region', { name: 'Transaction details' }).locator('details.seq');
  await expect(diagram).toHaveAttribute('open', '');
  // At 420 px the list sits above the details: the drawing has the panel's whole width.
  const box = await diagram.locator('svg').boundingBox();
  expect(box?.width).toBeGreaterThanOrEqual(380);
  expect(box?.width).toBeLessThanOrEqual(420);
  return diagram;
}

test('the panel draws a blocked preflight, a cache hit and a redirect, each arrow a list item in order; light and dark at 420 px', async () => {
  for (const name of ['preflight-missing-allow-origin', 'max-age-600', 'redirect-preflight-per-hop']) await run(scenario(name));
  await probe.waitFor(tabId, '/s/', 4);
  for (const theme of ['light', 'dark'] as const) {
    const panel = await openPanel(theme);

    const blockedPreflight = await diagramOf(panel, 'preflight-missing-allow-origin');
    await expect(arrowsOf(blockedPreflight)).toHaveCount(4);
    await expect(arrowsOf(blockedPreflight).nth(1)).toHaveAccessibleName(
      /^Browser to server: Preflight: OPTIONS \/s\/preflight-missing-allow-origin\/\. Origin: http:\/\/127\.0\.0\.1:\d+; Access-Control-Request-Method: PUT\.$/,
    );
    await expect(arrowsOf(blockedPreflight).nth(2)).toHaveAccessibleName(
      /Failed check: PreflightMissingAllowOriginHeader\. Access-Control-Allow-Origin: the server sent \(absent\), the browser needed http:\/\/127\.0\.0\.1:\d+\. Firefox: CORSMissingAllowOrigin\.$/,
    );
    await expect(arrowsOf(blockedPreflight).nth(3)).toHaveAccessibleName(/^Browser to page: TypeError: Failed to fetch\./);
    await expect(blockedPreflight.locator('.marked')).toHaveCount(1);
    await expect(blockedPreflight.locator('.marked')).toContainText('✕ PreflightMissingAllowOriginHeader');
    await expect(blockedPreflight.locator('.marked')).toContainText('Firefox: CORSMissingAllowOrigin');
    await blockedPreflight.screenshot({ path: `test-results/diagram-blocked-preflight-${theme}.png` });

    const cacheHit = await diagramOf(panel, 'cache hit');
    await expect(arrowsOf(cacheHit)).toHaveCount(5);
    await expect(arrowsOf(cacheHit).nth(1)).toHaveAccessibleName(
      /^Browser to its preflight cache: Cache hit: no preflight\. Stored: \d\d:\d\d:\d\d\.\d{3}; Expires: \d\d:\d\d:\d\d\.\d{3}; Methods: PUT;/,
    );
    await expect(cacheHit.locator('.seq-preflight')).toHaveCount(0);
    await cacheHit.screenshot({ path: `test-results/diagram-cache-hit-${theme}.png` });

    const redirect = await diagramOf(panel, 'redirect-preflight-per-hop');
    await expect(arrowsOf(redirect)).toHaveCount(12);
    await expect(redirect.locator('.seq-redirect .seq-title')).toContainText('Redirect: 307 to http://127.0.0.1:');
    await expect(arrowsOf(redirect).nth(6)).toHaveAccessibleName(
      /Origin: null; Access-Control-Request-Method: PUT; A redirect to another origin tainted the request/,
    );
    await redirect.screenshot({ path: `test-results/diagram-redirect-${theme}.png` });
    await panel.close();
  }
});

test('keyboard and hover: arrows move the focus along the list; a cut value shows whole', async () => {
  await run(scenario('redirect-preflight-per-hop'));
  await probe.waitFor(tabId, '/s/redirect-preflight-per-hop/', 1);
  const panel = await openPanel('light');
  const diagram = await diagramOf(panel, 'redirect-preflight-per-hop');
  const arrows = arrowsOf(diagram);
  await arrows.first().focus();
  await panel.keyboard.press('ArrowDown');
  await expect(arrows.nth(1)).toBeFocused();
  await panel.keyboard.press('End');
  await expect(arrows.last()).toBeFocused();
  // One tab stop for the whole list: Tab leaves it.
  await expect(arrows.and(panel.locator('[tabindex="0"]'))).toHaveCount(1);

  // The redirect's title is cut at 420 px: focus shows it whole.
  const redirect = diagram.locator('.seq-redirect');
  await expect(redirect.locator('.seq-title')).toContainText('…');
  await redirect.focus();
  const whole = diagram.locator('.seq-whole');
  await expect(whole).toContainText(`Redirect: 307 to ${lab.pageOrigin}/s/redirect-preflight-per-hop/back`);
  await panel.screenshot({ path: 'test-results/diagram-whole-on-focus.png' });
  await redirect.blur();
  await expect(whole).toHaveCount(0);
  await redirect.hover();
  await expect(whole).toContainText(`Location: ${lab.pageOrigin}/s/redirect-preflight-per-hop/back`);
});

test('hostile header values are drawn as text: markup stays text, long values are cut, control characters show', async () => {
  await run(HOSTILE);
  await probe.waitFor(tabId, `/s/${HOSTILE.name}/`, 1);
  const panel = await openPanel('dark');
  const diagram = await diagramOf(panel, HOSTILE.name);
  const answer = diagram.locator('.seq-answer');
  // Cut to the width, whole in the arrow's name and on focus.
  await expect(answer).toContainText('Access-Control-Allow-Origin: <img src=x onerror=');
  await expect(arrowsOf(diagram).nth(2)).toHaveAccessibleName(new RegExp(`Access-Control-Allow-Origin: ${PAYLOAD.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')};`));
  await expect(answer).toContainText('Access-Control-Allow-Credentials: tab\\u0009here');
  await expect(arrowsOf(diagram).nth(2)).toHaveAccessibleName(new RegExp(`Access-Control-Expose-Headers: ${LONG.replaceAll('.', '\\.')}`));
  await expect(answer).not.toContainText(LONG);
  await answer.focus();
  await expect(diagram.locator('.seq-whole')).toContainText(LONG);
  await expect(diagram.locator('.seq-whole')).toContainText(`Access-Control-Allow-Origin: ${PAYLOAD}`);
  await expect(diagram.locator('.seq-whole')).toContainText('Access-Control-Allow-Credentials: tab\\u0009here \\u0085 end');
  expect(await diagram.locator('img, script, foreignObject').count()).toBe(0);
  expect(await panel.title()).toBe('CORS');
  await diagram.screenshot({ path: 'test-results/diagram-hostile-dark.png' });
});

test('the simulator draws the negotiation step by step, and a second send draws the cache hit', async () => {
  for (const scheme of ['light', 'dark'] as const) {
    const simulator = await browser.context.newPage();
    await simulator.emulateMedia({ colorScheme: scheme });
    await simulator.setViewportSize(NARROW);
    await simulator.goto(`chrome-extension://${browser.extensionId}/src/panel/learn.html`);
    await simulator.getByLabel('Preset').selectOption({ label: 'DELETE with X-Requested-With and Max-Age 86400' });
    const diagram = simulator.locator('details.seq');
    const arrows = arrowsOf(simulator);
    await expect(arrows).toHaveCount(7);

    await simulator.getByRole('button', { name: 'Step through' }).click();
    await expect(arrows).toHaveCount(1);
    await expect(arrows.first()).toHaveAccessibleName('Page to browser: fetch(): DELETE /items/1. X-Requested-With: XMLHttpRequest.');
    for (const count of [1, 1, 2, 3, 3]) {
      await simulator.getByRole('button', { name: 'Next step' }).click();
      await expect(arrows).toHaveCount(count);
    }
    await expect(arrows.nth(2)).toHaveAccessibleName(/^Server to browser: Preflight answer: 204\./);
    await simulator.getByRole('button', { name: 'Show all' }).click();
    await expect(arrows.nth(3)).toHaveAccessibleName(
      'Browser to its preflight cache: Result cached for 7200 s. Chromium: kept 7200 s (Access-Control-Max-Age: 86400, capped); Firefox: kept 86400 s (Access-Control-Max-Age: 86400); Expires: t = 7200 s.',
    );

    await simulator.getByRole('button', { name: 'Send again' }).click();
    await expect(diagram).toContainText('Send 2 at t = 0 s');
    await expect(arrows).toHaveCount(5);
    await expect(arrows.nth(1)).toHaveAccessibleName(/^Browser to its preflight cache: Cache hit: no preflight\. Stored: t = 0 s; Expires: t = 7200 s;/);
    await expect(diagram.locator('.seq-preflight')).toHaveCount(0);
    await diagram.screenshot({ path: `test-results/diagram-simulator-cache-hit-${scheme}.png` });

    // Past Chromium's 2 hours, the next send preflights again and says why.
    await simulator.getByRole('button', { name: '+2 h' }).click();
    await simulator.getByRole('button', { name: 'Send again' }).click();
    await expect(diagram).toContainText('Send 3 at t = 7200 s');
    await expect(arrows.nth(1)).toHaveAccessibleName(/The cache entry for this URL has expired\.$/);
    await simulator.close();
  }
});
