import { expect, test } from '@playwright/test';
import { mkdir } from 'node:fs/promises';
import { FIRST_SIMULATION } from '../src/core/simulator/presets.ts';
import type { ServerPolicy } from '../src/core/simulator/simulation.ts';
import { simulationFragment } from '../src/core/simulator/simulationLink.ts';
import { SCENARIOS } from './lab/scenarios/index.ts';
import { startLab } from './lab/server.ts';
import { launchFirefoxWithExtension } from '../src/cli/record/launchFirefox.ts';
import { watchFirefoxConsole } from './support/firefoxConsole.ts';
import { openFirefoxExtensionPage } from './support/firefoxExtensionPage.ts';
import { firefoxDisagreements, runScenarioInFirefox } from './support/firefoxScenarioRunner.ts';

// Firefox is the oracle too: every lab scenario Firefox can run is run in
// Firefox ESR (puppeteer-core over WebDriver BiDi) with the built
// extension (dist-firefox/). Firefox's own verdict (its console reason per
// request, what the page's script saw, the server's count of OPTIONS) must
// equal the scenario's Firefox declaration, and the extension's capture
// must agree with Firefox, request by request. One browser for the sweep.
test('every lab scenario Firefox can run: Firefox does what is declared, and the extension agrees with it', async () => {
  test.setTimeout(240_000);
  const lab = await startLab(SCENARIOS);
  const firefox = await launchFirefoxWithExtension({ headless: true });
  try {
    const { page, recorder } = firefox;
    const console = watchFirefoxConsole(page, '/s/');
    const labUrl = `${lab.pageOrigin}/`;
    await page.goto(labUrl);
    await page.waitForSelector('body[data-lab-ready="true"]');
    const tabId = await recorder.call('tabIdOf', labUrl);
    const sweep = async (from: 'page' | 'file-page', pageTabId: number): Promise<void> => {
      for (const scenario of SCENARIOS) {
        if ((scenario.from ?? 'page') !== from || scenario.firefox?.cannotRun) continue;
        await test.step(scenario.name, async () => {
          try {
            const result = await runScenarioInFirefox(page, lab, console, recorder, pageTabId, scenario);
            expect.soft(firefoxDisagreements(result), scenario.title).toEqual([]);
          } catch (error) {
            expect.soft(String(error), `${scenario.name} could not run in Firefox`).toBe('');
          }
        });
      }
    };
    // Chromium's public pages (Local Network Access) are not opened in Firefox (see docs/how-we-know.md).
    await sweep('page', tabId);
    // The beginner's page opened from a file: (Origin: null), in the same tab,
    // whose log is kept for the panel's step below.
    await recorder.call('setPreserveLog', tabId, true);
    const fileUrl = lab.pageUrls['file-page'];
    await page.goto(fileUrl);
    await page.waitForSelector('body[data-lab-ready="true"]');
    await sweep('file-page', await recorder.call('tabIdOf', fileUrl));

    // What a Firefox user sees: the panel page on the lab tab's capture, in
    // Firefox's DevTools look, light and dark, a blocked request selected.
    await test.step('the panel in Firefox, light and dark', async () => {
      await mkdir('test-results', { recursive: true });
      for (const theme of ['light', 'dark'] as const) {
        const panel = await openFirefoxExtensionPage(firefox, `src/panel/panel.html?tabId=${tabId}&theme=${theme}`);
        // Found as a user finds it: the list is virtualised, and the row may be below its fold.
        await (await panel.waitForSelector('input[aria-label="Filter by URL"]'))?.type('/s/preflight-missing-allow-origin/');
        const row = await panel.waitForSelector('[role="option"][aria-label*="/s/preflight-missing-allow-origin/"]');
        await row?.click();
        const reason = await panel.waitForSelector('.firefox-reason');
        expect(await reason?.evaluate((element) => element.textContent)).toContain('CORSMissingAllowOrigin');
        // Firefox has no debugger API: no "Confirm with Chromium" anywhere.
        expect(await panel.$$eval('.confirm-mode', (found) => found.length)).toBe(0);
        await panel.screenshot({ path: `test-results/firefox-panel-${theme}.png` });
        await panel.close();
      }
    });

    // The simulator in Firefox, playing a lesson the oracle showed:
    // Access-Control-Max-Age: soon is cached 5 s by Chromium, not at all by Firefox.
    await test.step('the simulator plays as Chromium and as Firefox, side by side', async () => {
      const lesson = simulationFragment({
        ...FIRST_SIMULATION,
        request: { ...FIRST_SIMULATION.request, method: 'PUT' },
        server: { ...(FIRST_SIMULATION.server as ServerPolicy), kind: 'policy', allowMethods: 'PUT', maxAge: 'soon' },
        sends: [0, 1],
        clock: 1,
      });
      const learn = await openFirefoxExtensionPage(firefox, `src/panel/learn.html#${lesson}`);
      const note = await learn.waitForSelector('.sim-browsers [role="note"]');
      expect(await note?.evaluate((element) => element.textContent)).toBe('They would decide differently. Preflight: cache-hit in Chromium, sent in Firefox.');
      await learn.screenshot({ path: 'test-results/firefox-simulator.png' });
      await learn.close();
    });
  } finally {
    await firefox.close();
    await lab.close();
  }
});
