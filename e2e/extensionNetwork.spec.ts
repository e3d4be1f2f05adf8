import { expect, test } from '@playwright/test';
import { lifecycleScenarios } from './lab/scenarios/lifecycle.ts';
import { startLab } from './lab/server.ts';
import { openExtensionProbe } from './support/extensionProbe.ts';
import { watchExtensionNetwork } from './support/extensionNetworkWatch.ts';
import { launchLabBrowser } from './support/labBrowser.ts';

// The oracle's sweep asserts that the extension made no request of its own
// while it captured every scenario. These tests keep that assertion honest:
// the watch does see an extension's request, and the extension's content
// security policy refuses one from its worker before it leaves.

test('the network watch sees a request made from an extension page', async () => {
  const lab = await startLab(lifecycleScenarios);
  const browser = await launchLabBrowser({ args: lab.chromiumArgs });
  try {
    const watch = await watchExtensionNetwork(browser.context, browser.extensionId);
    const probe = await openExtensionProbe(browser.context, browser.extensionId);
    const url = lab.scenarioUrl('flood', '/?from=extension-page');
    await probe.page.evaluate(
      (src) =>
        new Promise<void>((resolve) => {
          const image = new Image();
          image.onload = image.onerror = () => resolve();
          image.src = src;
        }),
      url,
    );
    expect(lab.counts('flood').other).toBe(1);
    await expect.poll(() => watch.outgoing().map((request) => request.url)).toEqual([url]);
  } finally {
    await browser.close();
    await lab.close();
  }
});

test("the extension's worker cannot reach the network: its content security policy refuses", async () => {
  const lab = await startLab(lifecycleScenarios);
  const browser = await launchLabBrowser({ args: lab.chromiumArgs });
  try {
    const [worker] = browser.context.serviceWorkers();
    const outcome = await worker?.evaluate(
      (url) =>
        fetch(url).then(
          () => 'fetched',
          (error: unknown) => String(error),
        ),
      lab.scenarioUrl('flood', '/?from=worker'),
    );
    expect(outcome).toMatch(/TypeError/);
    expect(lab.counts('flood')).toEqual({ options: 0, other: 0 });
  } finally {
    await browser.close();
    await lab.close();
  }
});
