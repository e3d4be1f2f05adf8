import type { Page } from '@playwright/test';
import type { Scenario } from '../lab/scenario.ts';
import { startLab, type Lab } from '../lab/server.ts';
import { openExtensionProbe, type ExtensionProbe } from './extensionProbe.ts';
import { launchLabBrowser, type LabBrowser } from './labBrowser.ts';

/** A lab serving these scenarios, Chromium with the built extension, and the lab page open in a tab the extension knows. */
export interface LabTab {
  readonly lab: Lab;
  readonly browser: LabBrowser;
  readonly page: Page;
  readonly probe: ExtensionProbe;
  readonly tabId: number;
  close(): Promise<void>;
}

export async function openLabTab(scenarios: readonly Scenario[]): Promise<LabTab> {
  const lab = await startLab(scenarios);
  const browser = await launchLabBrowser({ args: lab.chromiumArgs });
  const page = await browser.context.newPage();
  await page.goto(`${lab.pageOrigin}/`);
  const probe = await openExtensionProbe(browser.context, browser.extensionId);
  const tabId = await probe.tabIdOf(`${lab.pageOrigin}/`);
  return {
    lab,
    browser,
    page,
    probe,
    tabId,
    close: async () => {
      await browser.close();
      await lab.close();
    },
  };
}
