import { expect, test } from '@playwright/test';
import type { ServerChange } from '../src/core/explain/serverChange.ts';
import { verifiedFix } from '../src/core/explain/verifiedFix.ts';
import type { HeaderLine, ResponsePlan, Route, Scenario } from './lab/scenario.ts';
import { SCENARIOS } from './lab/scenarios/index.ts';
import { startLab } from './lab/server.ts';
import { openExtensionProbe } from './support/extensionProbe.ts';
import { launchLabBrowser } from './support/labBrowser.ts';
import { runInLabPage } from './support/labScenario.ts';

// Chromium is the judge of the fixes too: for every blocked lab request, the
// server change CORS Lens proposes (verified by its engine) is served by a
// variant of the scenario, and real Chromium must then allow every request.

// Headers whose values are lists: the fixes of several requests to one route add up.
const LIST_HEADERS = new Set(['access-control-allow-methods', 'access-control-allow-headers', 'access-control-expose-headers']);

/**
 * The response plan with the change's header lines in place of any of the
 * same name (list headers already patched for another request of the route
 * are joined); a fixed preflight answers 2xx.
 */
function patched(plan: ResponsePlan | undefined, lines: ServerChange['lines'], kind: 'preflight' | 'actual', earlier: ReadonlySet<string>): ResponsePlan {
  const items = (value: string): string[] => value.split(',').map((item) => item.trim());
  let headers: HeaderLine[] = [...(plan?.headers ?? [])];
  for (const line of lines) {
    const name = line.name.toLowerCase();
    const isList = LIST_HEADERS.has(name);
    const previous = isList && earlier.has(name) ? items(headers.find(([each]) => each.toLowerCase() === name)?.[1] ?? '') : [];
    const value = isList ? [...new Set([...previous, ...items(line.value)])].filter(Boolean).join(', ') : line.value;
    headers = [...headers.filter(([each]) => each.toLowerCase() !== name), [line.name, value]];
  }
  const status = kind === 'preflight' ? (plan && plan.status >= 200 && plan.status < 300 ? plan.status : 204) : (plan?.status ?? 200);
  return { ...plan, status, headers };
}

/** The scenario as the fixed server would answer it: each change applied to the route of the URL it is for. */
function fixedVariant(scenario: Scenario, changes: readonly ServerChange[]): Scenario {
  const routes: Record<string, Route> = { ...scenario.routes };
  const patchedNames = new Map<string, { preflight: Set<string>; actual: Set<string> }>();
  for (const change of changes) {
    const url = new URL(change.url);
    const path = url.pathname.slice(`/s/${scenario.name}`.length) || '/';
    const key = routes[path + url.search] ? path + url.search : path;
    const route: Route = routes[key] ?? {};
    const earlier = patchedNames.get(key) ?? { preflight: new Set<string>(), actual: new Set<string>() };
    const kind = change.target === 'preflight response' ? 'preflight' : 'actual';
    routes[key] =
      kind === 'preflight'
        ? { ...route, preflight: patched(route.preflight, change.lines, kind, earlier.preflight) }
        : { ...route, actual: patched(route.actual, change.lines, kind, earlier.actual) };
    for (const line of change.lines) earlier[kind].add(line.name.toLowerCase());
    patchedNames.set(key, earlier);
  }
  return { ...scenario, name: `${scenario.name}-fixed`, routes };
}

test('every server fix CORS Lens proposes for a blocked lab request makes real Chromium allow it', async () => {
  test.setTimeout(240_000);
  const lab = await startLab(SCENARIOS);
  const browser = await launchLabBrowser({ args: lab.chromiumArgs });
  try {
    const page = await browser.context.newPage();
    // Opened first: the extension records while someone looks.
    const probe = await openExtensionProbe(browser.context, browser.extensionId);
    await page.goto(`${lab.pageOrigin}/?run=all`);
    await page.locator('body[data-lab-done="true"]').waitFor({ state: 'attached', timeout: 120_000 });
    const tabId = await probe.tabIdOf(`${lab.pageOrigin}/?run=all`);
    await expect.poll(() => probe.inFlightCount(tabId), { timeout: 30_000 }).toBe(0);
    const items = await probe.transactions(tabId);

    const checked: string[] = [];
    const pageSide: string[] = [];
    const problems: string[] = [];
    for (const scenario of SCENARIOS) {
      // Not here: scenarios of other pages or never sent, and lowercase methods other than the six
      // Chromium normalises (Node's HTTP server answers "patch" with its own 400, before any route).
      if (scenario.from || scenario.rejectedInRenderer || scenario.requests.some((request) => request.url || request.method !== request.method.toUpperCase()))
        continue;
      const blocked = items.filter((item) => item.transaction.request.url.includes(`/s/${scenario.name}/`) && item.transaction.verdict.outcome === 'blocked');
      if (blocked.length === 0) continue;
      const fixes = blocked.map((item) => ({ item, fix: verifiedFix(item.transaction) }));
      if (fixes.some(({ fix }) => fix === null)) {
        pageSide.push(scenario.name);
        continue;
      }
      // Where the capture cannot show credentials, the lab knows: the option for what the page really sends.
      const credentialed = scenario.requests.some((request) => request.credentials === 'include');
      const changes = fixes.flatMap(({ fix }) => (credentialed ? (fix?.withCredentials ?? fix) : fix)?.changes ?? []);
      const variant = fixedVariant(scenario, changes);
      lab.addScenario(variant);
      const outcomes = await runInLabPage(page, lab, variant.name, variant.requests, { parallel: variant.parallel ?? false });
      checked.push(scenario.name);
      if (outcomes.some((outcome) => outcome.outcome !== 'ok')) problems.push(`${scenario.name}: ${JSON.stringify(outcomes)} with ${JSON.stringify(changes)}`);
    }
    expect(problems).toEqual([]);
    expect(checked.length).toBeGreaterThan(40);
    console.log(`fixes checked in Chromium: ${checked.length} scenarios; left to the page (no server fix): ${pageSide.length} (${pageSide.join(', ')})`);
  } finally {
    await browser.close();
    await lab.close();
  }
});
