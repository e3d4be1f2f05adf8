import { expect, test } from '@playwright/test';
import type { SequencedTransaction } from '../src/core/protocol.ts';
import type { PageKind } from './lab/server.ts';
import { SCENARIOS } from './lab/scenarios/index.ts';
import type { Scenario } from './lab/scenario.ts';
import { startLab, type Lab } from './lab/server.ts';
import { openExtensionProbe } from './support/extensionProbe.ts';
import { launchLabBrowser } from './support/labBrowser.ts';
import { openLabPages } from './support/labPages.ts';
import { corsRequestCount, resolveExpectation, runScenario } from './support/scenarioRunner.ts';

function describe(verdict: { corsError: string | null; failedParameter: string | null; preflightSent: boolean }): string {
  return `${verdict.corsError ?? 'not blocked'} ${JSON.stringify(verdict.failedParameter)} preflight ${verdict.preflightSent ? 'sent' : 'not sent'}`;
}

/** The scenario's declaration (which the oracle holds against Chromium), for its CORS requests. */
function declared(scenario: Scenario, lab: Lab): string[] {
  return scenario.requests.flatMap((request, index) => {
    if (request.mode === 'no-cors') return [];
    const expectation = resolveExpectation(scenario.expect[index]!, lab);
    return [
      describe({
        corsError: expectation.corsError,
        failedParameter: expectation.corsError ? (expectation.failedParameter ?? '') : null,
        preflightSent: expectation.preflight === 'sent',
      }),
    ];
  });
}

function problemsOf(scenario: Scenario, lab: Lab, items: readonly SequencedTransaction[]): string[] {
  const problems: string[] = [];
  const wanted = scenario.webRequestCannotTell ? 'decided' : 'confirmed';
  for (const { transaction, confirmation } of items) {
    if (confirmation?.status !== wanted) {
      problems.push(
        `${transaction.request.method} ${transaction.request.url}: ${confirmation?.status ?? 'no confirmation'}, ${wanted} expected${confirmation?.differences.length ? ` (${confirmation.differences.join('; ')})` : ''}`,
      );
    }
  }
  const reported = items.map((item) => (item.confirmation?.chromium ? describe(item.confirmation.chromium) : 'no report'));
  const expected = declared(scenario, lab);
  const [ours, theirs] = scenario.parallel ? [[...reported].sort(), [...expected].sort()] : [reported, expected];
  if (JSON.stringify(ours) !== JSON.stringify(theirs))
    problems.push(`Chromium's reports as the extension read them: ${JSON.stringify(ours)}; the declaration: ${JSON.stringify(theirs)}`);
  return problems;
}

// "Confirm with Chromium" on: the extension attaches chrome.debugger to each
// lab tab and holds every transaction of its own capture against what
// Chromium reports. Every scenario must come out confirmed; those webRequest
// alone cannot decide come out decided by Chromium, as the scenario declares.
test('Confirm with Chromium: every lab scenario the extension captures comes out confirmed by Chromium', async () => {
  test.setTimeout(300_000);
  const lab = await startLab(SCENARIOS);
  const browser = await launchLabBrowser({ args: lab.chromiumArgs });
  try {
    const pages = openLabPages(browser.context, lab);
    const probe = await openExtensionProbe(browser.context, browser.extensionId);
    const confirming = new Map<PageKind, number>();
    let checked = 0;
    for (const scenario of SCENARIOS) {
      // Refused inside the renderer: no request, so nothing captured to confirm.
      if (scenario.rejectedInRenderer) continue;
      await test.step(scenario.name, async () => {
        const kind = scenario.from ?? 'page';
        let tabId = confirming.get(kind);
        if (tabId === undefined) {
          tabId = await probe.tabIdOf((await pages.get(kind)).url);
          expect(await probe.setConfirmMode(tabId, true)).toMatchObject({ tabId, on: true, problem: null });
          confirming.set(kind, tabId);
        }
        await runScenario(pages, lab, scenario);
        const items = await probe.waitForConfirmed(tabId, `/s/${scenario.name}/`, corsRequestCount(scenario));
        expect.soft(problemsOf(scenario, lab, items), scenario.title).toEqual([]);
        checked += items.length;
      });
    }
    expect(checked).toBeGreaterThan(150);
    // Turning it off detaches, and says so.
    const [tabId] = confirming.values();
    expect(await probe.setConfirmMode(tabId!, false)).toMatchObject({ on: false, problem: null });
  } finally {
    await browser.close();
    await lab.close();
  }
});
