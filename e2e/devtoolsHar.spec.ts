import { chromium, expect, test, type Page } from '@playwright/test';
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../src/cli/record/launchWithExtension.ts';
import { SCENARIOS } from './lab/scenarios/index.ts';
import { startLab } from './lab/server.ts';
import { devToolsOf, exportHarFromDevTools } from './support/devtoolsHarExport.ts';
import { openLabPages } from './support/labPages.ts';
import { runScenario, type ScenarioResult } from './support/scenarioRunner.ts';
import { disagreements, harDisagreements, type CliVerdict } from './support/verdictComparison.ts';

// DevTools windows are Pages only with this (see e2e/panel.spec.ts).
process.env.PW_CHROMIUM_ATTACH_TO_OTHER = '1';

const run = promisify(execFile);

// A HAR from a user's own Chrome DevTools is the file CORS Lens meets most,
// and no writer of ours made it: every lab scenario runs with DevTools open
// on its tab, the Network panel exports what it logged through DevTools' own
// HAR writer (sanitized, as "Export HAR" does by default, and with sensitive
// data), and `cors-lens explain` must agree with Chromium on both files,
// request by request.
test("Chrome DevTools' own HAR export of the lab, sanitized and with sensitive data: cors-lens explain agrees with Chromium", async () => {
  test.setTimeout(300_000);
  const lab = await startLab(SCENARIOS);
  const profile = await mkdtemp(join(tmpdir(), 'cors-lens-devtools-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM_PATH,
    headless: true,
    viewport: null,
    args: [...CHROMIUM_ARGS, '--auto-open-devtools-for-tabs', ...lab.chromiumArgs],
  });
  try {
    // Each lab page's DevTools window, found once the page is ready (its
    // scenarios run after that): each records its tab's traffic.
    const devtools = new Map<Page, Page>();
    const pages = openLabPages(context, lab, { onReady: async (tab) => void devtools.set(tab, await devToolsOf(context, tab)) });
    const results: ScenarioResult[] = [];
    for (const scenario of SCENARIOS) {
      if (scenario.rejectedInRenderer) continue;
      await test.step(scenario.name, async () => {
        const result = await runScenario(pages, lab, scenario);
        results.push(result);
        // Chromium must still do what each scenario declares, with DevTools open.
        expect
          .soft(
            disagreements(result).filter((problem) => problem.includes('Chromium did not')),
            scenario.title,
          )
          .toEqual([]);
      });
    }

    await mkdir('test-results', { recursive: true });
    for (const sanitize of [true, false]) {
      const verdicts: CliVerdict[] = [];
      for (const { kind, page } of pages.opened()) {
        const file = `test-results/devtools-${kind}${sanitize ? '' : '-with-sensitive-data'}.har`;
        await writeFile(file, await exportHarFromDevTools(devtools.get(page) as Page, sanitize));
        const { stdout } = await run(process.execPath, ['bin/cors-lens.js', 'explain', file, '--json'], { maxBuffer: 64 * 1024 * 1024 });
        verdicts.push(...(JSON.parse(stdout) as CliVerdict[]));
      }
      const source = `cors-lens explain on DevTools' HAR export${sanitize ? '' : ' with sensitive data'}`;
      expect
        .soft(
          harDisagreements(results, verdicts, source, (scenario) => scenario.devToolsHarCannotTell !== undefined),
          source,
        )
        .toEqual([]);
    }
  } finally {
    await context.close();
    await rm(profile, { recursive: true, force: true, maxRetries: 5, retryDelay: 100 });
    await lab.close();
  }
});
