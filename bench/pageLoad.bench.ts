// CORS Lens page-load benchmark (part of `npm run bench`): how much the
// extension slows a page down. A lab page makes 1,000 cross-origin requests
// as it loads (7 in 10 simple GETs, 3 in 10 preflighted PUTs, each PUT to its
// own URL); the time from navigation start until the last one settled is
// measured in Chromium without any extension, with an extension whose
// webRequest listeners (the same as CORS Lens's) do nothing, and with CORS
// Lens, alternating browsers so a slow moment of the machine hits all alike.
// The ratio of the medians, CORS Lens over none, is the figure (the goal is
// at most 1.03); the no-op extension shows what Chromium's webRequest
// machinery costs by itself, whoever listens.
// A benchmark, not a test: it exits 0 whatever the figures.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type BrowserContext } from 'playwright-core';
import { CHROMIUM_ARGS, CHROMIUM_PATH, launchWithExtension } from '../src/cli/record/launchWithExtension.ts';
import { startLab } from '../e2e/lab/server.ts';
import type { Scenario } from '../e2e/lab/scenario.ts';
import { allowOrigin, allowed, preflightEcho } from '../e2e/lab/scenarios/plan.ts';
import { fmt, medianOf as median, table } from './measure.ts';

const NOOP_EXTENSION = fileURLToPath(new URL('./noop-extension/', import.meta.url));

const REQUESTS = 1_000;
const LAUNCHES = 3;
const LOADS_PER_LAUNCH = 2;
const GOAL_RATIO = 1.03;

const benchScenario: Scenario = {
  name: 'bench-load',
  title: 'The page-load benchmark: simple GETs and preflighted PUTs',
  routes: { '/': { actual: allowOrigin() }, '/put': { preflight: preflightEcho(), actual: allowOrigin() } },
  requests: [],
  expect: [allowed()],
};

interface Launched {
  readonly context: BrowserContext;
  close(): Promise<void>;
}

/** Chromium without an extension, or with the one in `extension` (its service worker running). */
async function plainChromium(extension?: string): Promise<Launched> {
  const profile = await mkdtemp(join(tmpdir(), 'cors-lens-bench-'));
  const args = [...CHROMIUM_ARGS, ...(extension ? [`--disable-extensions-except=${extension}`, `--load-extension=${extension}`] : [])];
  const context = await chromium.launchPersistentContext(profile, { executablePath: CHROMIUM_PATH, headless: true, viewport: null, args });
  if (extension) await (context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'))).evaluate(() => true);
  return {
    context,
    close: async () => {
      await context.close();
      await rm(profile, { recursive: true, force: true });
    },
  };
}

const lab = await startLab([benchScenario]);
const url = `${lab.pageOrigin}/lab/load.html?n=${REQUESTS}&api=${encodeURIComponent(lab.apiOrigin)}`;

/** One browser: a warm-up load, then timed loads; ms from navigation start to the last request settled. */
async function loads(launch: () => Promise<Launched>): Promise<number[]> {
  const browser = await launch();
  try {
    const page = browser.context.pages()[0] ?? (await browser.context.newPage());
    const times: number[] = [];
    for (let load = 0; load <= LOADS_PER_LAUNCH; load++) {
      await page.goto(url);
      const result = await page.waitForFunction(() => (globalThis as { loadResult?: { ms: number; failed: number } }).loadResult, undefined, { timeout: 120_000 });
      const { ms, failed } = (await result.jsonValue()) as { ms: number; failed: number };
      if (failed > 0) throw new Error(`${failed} of ${REQUESTS} requests failed: the benchmark page is broken`);
      if (load > 0) times.push(ms);
    }
    return times;
  } finally {
    await browser.close();
  }
}

console.log(`\nCORS Lens page-load benchmark: a page making ${fmt(REQUESTS)} cross-origin requests (700 simple GETs, 300 preflighted PUTs), ${LAUNCHES} browsers of each kind alternating, ${LOADS_PER_LAUNCH} timed loads each after a warm-up`);
const withoutTimes: number[] = [];
const noopTimes: number[] = [];
const withTimes: number[] = [];
for (let round = 0; round < LAUNCHES; round++) {
  withoutTimes.push(...(await loads(() => plainChromium())));
  noopTimes.push(...(await loads(() => plainChromium(NOOP_EXTENSION))));
  withTimes.push(...(await loads(() => launchWithExtension({ headless: true }))));
}
await lab.close();

const rows = [
  ['Chromium, no extension', withoutTimes],
  ['Chromium, webRequest listeners doing nothing', noopTimes],
  ['Chromium with CORS Lens', withTimes],
] as const;
console.log(table(['page load (navigation start to last request settled)', 'loads', 'median ms', 'min ms', 'max ms'], rows.map(([name, times]) => [name, String(times.length), fmt(median(times)), fmt(Math.min(...times)), fmt(Math.max(...times))])));
const ratio = median(withTimes) / median(withoutTimes);
console.log(`CORS Lens / no extension (medians): ${fmt(ratio)}x; min over min: ${fmt(Math.min(...withTimes) / Math.min(...withoutTimes))}x`);
console.log(`no-op listeners / no extension (Chromium's webRequest cost by itself): ${fmt(median(noopTimes) / median(withoutTimes))}x`);
console.log(`CORS Lens / no-op listeners (CORS Lens's own share): ${fmt(median(withTimes) / median(noopTimes))}x`);
console.log(`goal <= ${GOAL_RATIO}x: ${ratio <= GOAL_RATIO ? 'met' : 'NOT met'}`);
