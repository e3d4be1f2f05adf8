// CORS Lens page-load benchmark (part of `npm run bench`): what the
// extension costs a page. A lab page makes 1,000 cross-origin requests as it
// loads (7 in 10 simple GETs, 3 in 10 preflighted PUTs, each PUT to its own
// URL); the time from navigation start until the last one settled is
// measured in six Chromiums, open side by side:
//  - without any extension;
//  - with an extension that holds the webRequest permission and never
//    listens: Chromium proxies every request while such an extension is
//    loaded (WebRequestAPI::MayHaveProxies), listener or not;
//  - with an extension whose webRequest listeners (the same as CORS Lens's,
//    for every tab) do nothing: Chromium's webRequest machinery by itself;
//  - with CORS Lens and no CORS panel ever opened (the worker keeps no listener);
//  - with CORS Lens, in a tab opened after a panel had recorded and closed
//    (whose listeners Chromium must have let go);
//  - with CORS Lens and the CORS panel (its page, panel.html?tabId=) recording
//    the tab.
// They take turns, one load each per round, the order turning every round,
// so that a slow moment of the machine (it is shared) hits all alike; each
// ratio is the median of the rounds' ratios, and the medians' ratio is
// printed beside it. Goals (issue 21): no panel open, at most 1.02x the
// load without the extension; the panel recording, at most 1.10x the no-op
// listeners'. A benchmark, not a test: it exits 0 whatever the figures.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { CHROMIUM_ARGS, CHROMIUM_PATH, launchWithExtension, type BrowserWithExtension } from '../src/cli/record/launchWithExtension.ts';
import { startLab } from '../e2e/lab/server.ts';
import type { Scenario } from '../e2e/lab/scenario.ts';
import { allowOrigin, allowed, preflightEcho } from '../e2e/lab/scenarios/plan.ts';
import { fmt, medianOf as median, table } from './measure.ts';

const NOOP_EXTENSION = fileURLToPath(new URL('./noop-extension/', import.meta.url));
const PERMISSION_ONLY_EXTENSION = fileURLToPath(new URL('./permission-only-extension/', import.meta.url));

const REQUESTS = 1_000;
const ROUNDS = Number(process.env.PAGE_LOAD_ROUNDS ?? 8);
const IDLE_GOAL = 1.02;
const RECORDING_GOAL = 1.1;

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
      await rm(profile, { recursive: true, force: true, maxRetries: 5, retryDelay: 100 });
    },
  };
}

const lab = await startLab([benchScenario]);
const url = `${lab.pageOrigin}/lab/load.html?n=${REQUESTS}&api=${encodeURIComponent(lab.apiOrigin)}`;

/** ms from navigation start to the last request settled. */
async function load(page: Page): Promise<number> {
  await page.goto(url);
  const result = await page.waitForFunction(() => (globalThis as { loadResult?: { ms: number; failed: number } }).loadResult, undefined, { timeout: 120_000 });
  const { ms, failed } = (await result.jsonValue()) as { ms: number; failed: number };
  if (failed > 0) throw new Error(`${failed} of ${REQUESTS} requests failed: the benchmark page is broken`);
  return ms;
}

/** The listener sets CORS Lens's worker has registered (its corsLensListenerSets hook). */
async function listenerSetCount(context: BrowserContext): Promise<number> {
  const worker = context.serviceWorkers().at(-1) ?? (await context.waitForEvent('serviceworker'));
  return worker.evaluate(() => ((globalThis as { corsLensListenerSets?: () => unknown[] }).corsLensListenerSets?.() ?? []).length);
}

/** Resolves once the worker has this many listener sets: it removes the one it starts with once restored, a panel's once it closed. */
async function untilListenerSets(context: BrowserContext, count: number): Promise<void> {
  for (let tries = 0; (await listenerSetCount(context)) !== count; tries++) {
    if (tries > 400) throw new Error(`the worker still has listener sets other than ${count}`);
    await new Promise((next) => setTimeout(next, 50));
  }
}

/** Opens the CORS panel on the tab showing `page` (as the e2e tests do); resolves once it records the tab. */
async function openPanel(browser: BrowserWithExtension, page: Page): Promise<Page> {
  const worker = browser.context.serviceWorkers().at(-1) ?? (await browser.context.waitForEvent('serviceworker'));
  const tabId = await worker.evaluate(async (shown) => (await chrome.tabs.query({})).find((tab) => tab.url === shown)?.id, page.url());
  const panel = await browser.context.newPage();
  await panel.goto(`chrome-extension://${browser.extensionId}/src/panel/panel.html?tabId=${tabId}`);
  await panel.getByText(/^Recording this tab since/).waitFor();
  return panel;
}

interface Subject {
  readonly name: string;
  readonly page: Page;
  readonly times: number[];
  close(): Promise<void>;
}

/** Each browser with the tab its loads are timed in, after a warm-up load there. */
async function subjects(): Promise<Subject[]> {
  const opened: Subject[] = [];
  const add = async (name: string, browser: Launched, prepare: (first: Page) => Promise<Page> = (first) => Promise.resolve(first)): Promise<void> => {
    const first = browser.context.pages()[0] ?? (await browser.context.newPage());
    await load(first);
    const page = await prepare(first);
    await load(page);
    opened.push({ name, page, times: [], close: () => browser.close() });
  };
  await add('Chromium, no extension', await plainChromium());
  await add('Chromium, an extension holding webRequest, no listener', await plainChromium(PERMISSION_ONLY_EXTENSION));
  await add('Chromium, webRequest listeners doing nothing (every tab)', await plainChromium(NOOP_EXTENSION));
  const never = await launchWithExtension({ headless: true });
  await untilListenerSets(never.context, 0);
  await add('CORS Lens, no panel ever opened', never);
  const after = await launchWithExtension({ headless: true });
  await add('CORS Lens, a tab opened after the panel closed', after, async (first) => {
    await (await openPanel(after, first)).close();
    await untilListenerSets(after.context, 0);
    return after.context.newPage();
  });
  const recording = await launchWithExtension({ headless: true });
  await add('CORS Lens, the CORS panel recording the tab', recording, async (first) => {
    await openPanel(recording, first);
    return first;
  });
  return opened;
}

console.log(
  `\nCORS Lens page-load benchmark: a page making ${fmt(REQUESTS)} cross-origin requests (700 simple GETs, 300 preflighted PUTs), in six Chromiums side by side taking turns, ${ROUNDS} rounds after a warm-up`,
);
const all = await subjects();
try {
  for (let round = 0; round < ROUNDS; round++) {
    for (let turn = 0; turn < all.length; turn++) {
      const subject = all[(round + turn) % all.length] as Subject;
      subject.times.push(await load(subject.page));
    }
  }
} finally {
  for (const subject of all) await subject.close();
  await lab.close();
}

const [none, permissionOnly, noop, never, after, recording] = all as [Subject, Subject, Subject, Subject, Subject, Subject];
console.log(
  table(
    ['page load (navigation start to last request settled)', 'loads', 'median ms', 'min ms', 'max ms'],
    all.map(({ name, times }) => [name, String(times.length), fmt(median(times)), fmt(Math.min(...times)), fmt(Math.max(...times))]),
  ),
);
/** The median of the rounds' ratios (a paired figure), and the medians' ratio. */
const ratio = (a: Subject, b: Subject): { paired: number; medians: number } => ({
  paired: median(a.times.map((time, round) => time / (b.times[round] ?? NaN))),
  medians: median(a.times) / median(b.times),
});
const report = (what: string, figure: { paired: number; medians: number }, goal?: number): void =>
  console.log(
    `${what}: ${fmt(figure.paired)}x (medians: ${fmt(figure.medians)}x)${goal === undefined ? '' : `; goal <= ${goal}x: ${figure.paired <= goal ? 'met' : 'NOT met'}`}`,
  );
report('no panel ever opened / no extension', ratio(never, none), IDLE_GOAL);
report('a tab opened after the panel closed / no extension', ratio(after, none), IDLE_GOAL);
report("the panel recording / no-op listeners (CORS Lens's own share)", ratio(recording, noop), RECORDING_GOAL);
report("watch: no panel ever opened / the webRequest permission alone (CORS Lens's own idle share)", ratio(never, permissionOnly));
report("watch: the webRequest permission alone / no extension (Chromium's proxy, whoever holds the permission)", ratio(permissionOnly, none));
report("watch: no-op listeners / no extension (Chromium's webRequest machinery by itself)", ratio(noop, none));
report('watch: the panel recording / no extension', ratio(recording, none));
