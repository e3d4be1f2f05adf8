import { expect, test } from '@playwright/test';
import { execFile } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import { promisify } from 'node:util';
import { SCENARIOS } from './lab/scenarios/index.ts';
import { startLab, type Lab } from './lab/server.ts';
import { launchLabBrowser, type LabBrowser } from './support/labBrowser.ts';
import { openLabPages } from './support/labPages.ts';
import { runScenario, type ScenarioResult } from './support/scenarioRunner.ts';
import { cdpToHar } from './support/cdpToHar.ts';
import { openExtensionProbe } from './support/extensionProbe.ts';
import { watchExtensionNetwork } from './support/extensionNetworkWatch.ts';
import { disagreements, extensionDisagreements, harDisagreements, type CliVerdict } from './support/verdictComparison.ts';

const HAR_FILE = 'test-results/lab.har';

// Chromium is the oracle: for every lab scenario, what Chromium reports
// (Network.loadingFailed.corsErrorStatus, its preflight links, the server's
// count of OPTIONS) must match the scenario's declaration, and the engine's
// verdict on the same CDP capture must match Chromium's.
test('every lab scenario: the engine agrees with Chromium', async () => {
  test.setTimeout(300_000);
  const lab: Lab = await startLab(SCENARIOS);
  const browser: LabBrowser = await launchLabBrowser({ args: lab.chromiumArgs });
  try {
    const extensionNetwork = await watchExtensionNetwork(browser.context, browser.extensionId);
    const pages = openLabPages(browser.context, lab);
    const probe = await openExtensionProbe(browser.context, browser.extensionId);
    const results: ScenarioResult[] = [];
    for (const scenario of SCENARIOS) {
      await test.step(scenario.name, async () => {
        try {
          const result = await runScenario(pages, lab, scenario, scenario.rejectedInRenderer ? undefined : probe);
          results.push(result);
          expect.soft(disagreements(result), scenario.title).toEqual([]);
          expect.soft(extensionDisagreements(result), `${scenario.title} (the extension's capture)`).toEqual([]);
        } catch (error) {
          expect.soft(String(error), `${scenario.name} could not run`).toBe('');
        }
      });
    }

    // What a user of `npm start` sees: the lab page with each scenario's outcome.
    const labPage = (await pages.get('page')).page;
    await labPage.screenshot({ path: 'test-results/lab-page.png' });

    await test.step('cors-lens explain on the HAR of this capture agrees with Chromium', async () => {
      const version = browser.context.browser()?.version() ?? 'unknown';
      await mkdir('test-results', { recursive: true });
      const sources = pages.opened().map(({ url, recorder }) => ({ pageUrl: url, records: recorder.records }));
      await writeFile(HAR_FILE, JSON.stringify(cdpToHar(sources, version), null, 2));
      const { stdout } = await promisify(execFile)(process.execPath, ['bin/cors-lens.js', 'explain', HAR_FILE, '--json'], { maxBuffer: 64 * 1024 * 1024 });
      const cli = JSON.parse(stdout) as CliVerdict[];
      expect(harDisagreements(results, cli)).toEqual([]);
    });

    await test.step('the extension made no network request of its own', () => {
      expect(extensionNetwork.outgoing()).toEqual([]);
    });
  } finally {
    await browser.close();
    await lab.close();
  }
});
