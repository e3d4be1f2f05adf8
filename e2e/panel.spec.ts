import { expect, test } from '@playwright/test';
import { SCENARIOS } from './lab/scenarios/index.ts';
import { startLab } from './lab/server.ts';
import { openExtensionProbe } from './support/extensionProbe.ts';
import { corsPanel, labTabWithDevtools, showDevtoolsToPlaywright } from './support/devtoolsPanel.ts';
import { launchLabBrowser } from './support/labBrowser.ts';
import { runInLabPage } from './support/labScenario.ts';

showDevtoolsToPlaywright();

test("the CORS panel in DevTools lists the tab's transactions, explains the debugging banner, and its switch turns Confirm with Chromium on and off", async () => {
  const lab = await startLab(SCENARIOS);
  const browser = await launchLabBrowser({ args: [...lab.chromiumArgs, '--auto-open-devtools-for-tabs'] });
  try {
    const { context, extensionId } = browser;
    const { page, devtools } = await labTabWithDevtools(context, lab.pageOrigin);
    const panel = await corsPanel(devtools, extensionId);

    // DevTools' default theme reaches the panel through the devtools page.
    await expect.poll(() => panel.evaluate(() => document.documentElement.dataset.theme)).toBe('light');
    await expect(panel.getByRole('heading', { name: 'Confirm with Chromium' })).toBeVisible();
    await expect(panel.getByText('started debugging this browser')).toBeVisible();
    const toggle = panel.getByRole('switch', { name: 'Confirm with Chromium' });
    await expect(toggle).not.toBeChecked();
    // The switch shows what the worker says: checked once it has attached.
    await toggle.click();
    await expect(toggle).toBeChecked();
    await expect(panel.getByRole('status')).toContainText('requests started from then on are confirmed');
    await devtools.screenshot({ path: 'test-results/panel-confirm-on.png' });

    // The worker agrees, and confirms what the page does from now on.
    const probe = await openExtensionProbe(context, extensionId);
    const tabId = await probe.tabIdOf(`${lab.pageOrigin}/`);
    expect(await probe.confirmMode(tabId)).toMatchObject({ on: true, problem: null });
    const scenario = SCENARIOS.find((each) => each.name === 'preflight-passes-actual-blocked')!;
    await runInLabPage(page, lab, scenario.name, scenario.requests);
    const [item] = await probe.waitForConfirmed(tabId, `/s/${scenario.name}/`, 1);
    expect(item?.confirmation).toMatchObject({ status: 'confirmed', chromium: { corsError: 'MissingAllowOriginHeader', preflightSent: true } });

    // The panel lists the tab's transaction as it happened.
    const row = panel
      .getByRole('listbox', { name: 'CORS transactions' })
      .getByRole('option')
      .filter({ hasText: `/s/${scenario.name}/` });
    await expect(row).toContainText('MissingAllowOriginHeader');

    await toggle.click();
    await expect(toggle).not.toBeChecked();
    expect(await probe.confirmMode(tabId)).toMatchObject({ on: false });

    await row.click();
    await expect(panel.getByRole('region', { name: 'Transaction details' })).toContainText('Confirmed by Chromium');
    await devtools.screenshot({ path: 'test-results/panel-in-devtools.png' });

    // "What if", inside DevTools: the transaction opens in the Learn tab with the server's real answers.
    await panel.getByRole('button', { name: 'Open in simulator' }).click();
    await expect(panel.getByRole('status', { name: 'Verdict' })).toHaveText('Blocked: MissingAllowOriginHeader');
    await devtools.screenshot({ path: 'test-results/panel-learn-in-devtools.png' });
  } finally {
    await browser.close();
    await lab.close();
  }
});
