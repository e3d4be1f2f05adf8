import { expect, test, type Page } from '@playwright/test';
import { playSimulation } from '../src/core/simulator/playSimulation.ts';
import { SIMULATION_PRESETS } from '../src/core/simulator/presets.ts';
import { answer } from '../src/core/simulator/serverAnswer.ts';
import type { BodyKind, Simulation } from '../src/core/simulator/simulation.ts';
import type { LabRequest, ResponsePlan, Scenario } from './lab/scenario.ts';
import { SCENARIOS } from './lab/scenarios/index.ts';
import { startLab, type Lab } from './lab/server.ts';
import { openExtensionProbe } from './support/extensionProbe.ts';
import { launchLabBrowser, type LabBrowser } from './support/labBrowser.ts';
import { corsErrorOf, failedParameterOf } from '../src/core/cors/verdictFacts.ts';
import { runInLabPage } from './support/labScenario.ts';

// The simulator teaches what Chromium does: each preset, moved onto the lab's
// origins, is served by the lab exactly as the simulator's server answers,
// and real Chromium must reach the simulator's verdict (CorsError, failed
// parameter, preflight sent or served from its cache). Then the UI: one
// preset through the clock, a shared link, a broken link, and "what if" on a
// captured transaction.

let lab: Lab;
let browser: LabBrowser;

test.beforeEach(async () => {
  lab = await startLab(SCENARIOS);
  browser = await launchLabBrowser({ args: lab.chromiumArgs });
});

test.afterEach(async () => {
  await browser.close();
  await lab.close();
});

const LAB_BODIES: Readonly<Record<BodyKind, Pick<LabRequest, 'bodyKind' | 'blobType' | 'body'>>> = {
  none: {},
  text: { bodyKind: 'text', body: 'simulated' },
  'url-search-params': { bodyKind: 'urlencoded', body: 'a=1' },
  'form-data': { bodyKind: 'formdata', body: 'simulated' },
  'json-blob': { bodyKind: 'blob', blobType: 'application/json', body: '{}' },
};

/** The preset on the lab's origins, and the lab scenario that answers as its server does. */
function onTheLab(id: string, simulation: Simulation, sends: number): { simulation: Simulation; scenario: Scenario } {
  const name = `simulated-${id}`;
  const moved: Simulation = {
    ...simulation,
    request: { ...simulation.request, pageOrigin: lab.pageOrigin, url: `${lab.apiOrigin}/s/${name}/` },
    sends: Array.from({ length: sends }, (_, index) => index),
  };
  const plan = (preflight: boolean): ResponsePlan => {
    const { status, headers } = answer(moved.server, { hop: 0, origin: lab.pageOrigin, preflight });
    return { status, headers: headers.map(({ name: header, value }) => [header, value] as const) };
  };
  const { request } = moved;
  const labRequest: LabRequest = {
    method: request.method,
    headers: request.headers.map(({ name: header, value }) => [header, value] as const),
    mode: request.mode,
    credentials: request.credentials,
    redirect: request.redirect,
    ...LAB_BODIES[request.body],
  };
  return {
    simulation: moved,
    scenario: {
      name,
      title: `The simulator's preset ${id}`,
      routes: { '/': { preflight: plan(true), actual: plan(false) } },
      requests: Array.from({ length: sends }, () => labRequest),
      expect: [],
    },
  };
}

test('every preset: real Chromium decides what the simulator teaches, a second send included', async () => {
  const page = await browser.context.newPage();
  await page.goto(`${lab.pageOrigin}/`);
  const cdp = await browser.context.newCDPSession(page);
  const urls = new Map<string, string>();
  const failures = new Map<string, { corsError: string; failedParameter: string }>();
  cdp.on('Network.requestWillBeSent', (event) => urls.set(event.requestId, event.request.url));
  cdp.on('Network.loadingFailed', (event) => {
    if (event.corsErrorStatus) failures.set(urls.get(event.requestId) ?? '', event.corsErrorStatus);
  });
  await cdp.send('Network.enable');

  const disagreements: string[] = [];
  for (const preset of SIMULATION_PRESETS) {
    const { simulation, scenario } = onTheLab(preset.id, preset.simulation, 2);
    lab.addScenario(scenario);
    const taught = playSimulation(simulation).sends;
    for (let send = 0; send < taught.length; send++) {
      failures.clear();
      const before = lab.counts(scenario.name).options;
      const [outcome] = await runInLabPage(page, lab, scenario.name, [scenario.requests[send]!]);
      // loadingFailed may trail the page's rejection: a blocked request is settled once CDP reports it.
      if (outcome?.outcome !== 'ok') await expect.poll(() => failures.size, { message: `${preset.id}: CDP's loadingFailed` }).toBeGreaterThan(0);
      const chromium = failures.get(simulation.request.url) ?? null;
      const optionsSent = lab.counts(scenario.name).options - before;
      const { verdict } = taught[send]!;
      const says = { corsError: corsErrorOf(verdict), failedParameter: failedParameterOf(verdict), preflightSent: verdict.preflight === 'sent' };
      const saw = { corsError: chromium?.corsError ?? null, failedParameter: chromium ? chromium.failedParameter : null, preflightSent: optionsSent > 0 };
      if (JSON.stringify(says) !== JSON.stringify(saw))
        disagreements.push(`${preset.id} send ${send + 1}: simulator ${JSON.stringify(says)}, Chromium ${JSON.stringify(saw)}`);
    }
  }
  expect(disagreements).toEqual([]);
});

async function openSimulator(fragment = ''): Promise<Page> {
  const page = await browser.context.newPage();
  await page.goto(`chrome-extension://${browser.extensionId}/src/panel/learn.html${fragment}`);
  return page;
}

const verdictOf = (page: Page) => page.getByRole('status', { name: 'Verdict' });
const sends = (page: Page) => page.getByRole('list', { name: 'Sends' }).getByRole('button');

test('the simulator page: a preset, the clock serving and expiring the cache entry, and a shared link that reopens it all', async () => {
  const page = await openSimulator();
  await expect(page.getByRole('heading', { name: 'Preflight simulator' })).toBeVisible();
  await expect(verdictOf(page)).toHaveText('Allowed');

  await page.getByLabel('Preset').selectOption({ label: 'DELETE with X-Requested-With and Max-Age 86400' });
  const steps = page.getByRole('list', { name: 'Negotiation steps' });
  // One rule at a time, then all of them.
  await page.getByRole('button', { name: 'Step through' }).click();
  await expect(steps.getByRole('listitem')).toHaveCount(1);
  await expect(steps).toContainText('Is it a CORS request?');
  await page.getByRole('button', { name: 'Next step' }).click();
  await page.getByRole('button', { name: 'Next step' }).click();
  await expect(steps.getByRole('listitem')).toHaveCount(3);
  await expect(page.getByRole('group', { name: 'Step through' })).toContainText('Step 3 of');
  await expect(steps.getByRole('listitem').last()).toContainText('The preflight cache has no usable entry');
  await page.getByRole('button', { name: 'Show all' }).click();
  await expect(steps).toContainText('Access-Control-Request-Headers: x-requested-with');
  await expect(steps).toContainText('Chromium keeps it 7200 s (Max-Age 86400 capped by Chromium)');
  await expect(steps).toContainText('Firefox would keep it 86400 s.');
  await expect(page.getByRole('region', { name: 'Preflight cache at the clock' })).toContainText('expires at t = 7200 s (in 7200 s)');

  await page.getByRole('button', { name: 'Send again' }).click();
  await expect(sends(page).nth(1)).toHaveText('Send 2 at t = 0 s: allowed, preflight served from the cache');
  await expect(steps).toContainText('The preflight cache has an entry');
  await expect(steps).not.toContainText('OPTIONS /items/1');

  await page.getByRole('button', { name: '+2 h' }).click();
  await expect(page.getByText('Clock: t = 7200 s')).toBeVisible();
  await expect(page.getByRole('region', { name: 'Preflight cache at the clock' })).toContainText('No live entry');
  await page.getByRole('button', { name: 'Send again' }).click();
  await expect(sends(page).nth(2)).toHaveText('Send 3 at t = 7200 s: allowed, preflight sent');
  await expect(steps).toContainText('The entry for this origin and URL has expired');
  await page.screenshot({ path: 'test-results/simulator-page.png', fullPage: true });

  // The address is the link: opened afresh, it shows the same three sends.
  const link = await page.getByLabel('Link to this simulation').inputValue();
  expect(link).toBe(page.url());
  const reopened = await browser.context.newPage();
  await reopened.goto(link);
  await expect(sends(reopened)).toHaveText([
    'Send 1 at t = 0 s: allowed, preflight sent',
    'Send 2 at t = 0 s: allowed, preflight served from the cache',
    'Send 3 at t = 7200 s: allowed, preflight sent',
  ]);
  await expect(reopened.getByText('Clock: t = 7200 s')).toBeVisible();

  // A blocked preset highlights the failing check with Chromium's code.
  await reopened.getByLabel('Preset').selectOption({ label: 'Object store: PUT with x-oss-test, preflight answered 403' });
  await expect(verdictOf(reopened)).toHaveText('Blocked: PreflightMissingAllowOriginHeader');
  const failing = reopened.locator('.sim-step[aria-current="step"]');
  await expect(failing).toContainText('Access-Control-Allow-Origin allows the Origin');
  await expect(failing).toContainText('PreflightMissingAllowOriginHeader');
  // The verified fix, as the panel gives it for a captured request.
  const fix = reopened.getByRole('region', { name: 'Verified server change' });
  await expect(fix).toContainText('Access-Control-Allow-Origin: https://app.example');
  await fix.getByLabel('Server').selectOption({ label: 'Object store CORS rule (S3 XML)' });
  await expect(fix).toContainText('<AllowedOrigin>https://app.example</AllowedOrigin>');
  await reopened.screenshot({ path: 'test-results/simulator-blocked.png', fullPage: true });
});

test('a broken or hostile link says what is wrong and opens the first lesson; markup in it stays text', async () => {
  const broken = await openSimulator('#simulation=%7B%22version%22%3A1%7D');
  await expect(broken.getByRole('alert')).toContainText("The link's simulation is not one CORS Lens can open: simulation");
  await expect(verdictOf(broken)).toHaveText('Allowed');

  const payload = '<img src=x onerror="document.title=\'pwned\'">';
  const simple = SIMULATION_PRESETS.find((preset) => preset.id === 'simple-get')!.simulation;
  const hostile = { ...simple, server: { ...simple.server, allowOrigin: { kind: 'exact', value: payload } } };
  const page = await openSimulator(`#simulation=${encodeURIComponent(JSON.stringify({ version: 1, simulation: hostile }))}`);
  await expect(page.getByRole('list', { name: 'Negotiation steps' })).toContainText(`Access-Control-Allow-Origin: ${payload}`);
  await expect(verdictOf(page)).toHaveText(`Blocked: MultipleAllowOriginValues (failed parameter ${payload})`);
  expect(await page.title()).toBe('CORS Lens: preflight simulator');
});

test('"Open in simulator" on a captured blocked request: edit the server\'s answer until it passes, and see which lines changed', async () => {
  const page = await browser.context.newPage();
  await page.goto(`${lab.pageOrigin}/`);
  const probe = await openExtensionProbe(browser.context, browser.extensionId);
  const tabId = await probe.tabIdOf(`${lab.pageOrigin}/`);
  const scenario = SCENARIOS.find((each) => each.name === 'put-no-allow-methods') as Scenario;
  const other = SCENARIOS.find((each) => each.name === 'put-method-not-allowed') as Scenario;
  for (const each of [scenario, other]) {
    await runInLabPage(page, lab, each.name, each.requests);
  }
  const [captured] = await probe.waitFor(tabId, `/s/${scenario.name}/`, 1);
  await probe.waitFor(tabId, `/s/${other.name}/`, 1);
  const panel = await browser.context.newPage();
  await panel.goto(`chrome-extension://${browser.extensionId}/src/panel/panel.html?tabId=${tabId}`);
  await panel.getByRole('option').filter({ hasText: scenario.name }).click();
  await panel.getByRole('button', { name: 'Open in simulator' }).click();

  await expect(panel.getByRole('tab', { name: 'Learn' })).toHaveAttribute('aria-selected', 'true');
  await expect(verdictOf(panel)).toHaveText(
    `Blocked: ${corsErrorOf(captured!.transaction.verdict) ?? ''} (failed parameter ${failedParameterOf(captured!.transaction.verdict) ?? ''})`,
  );
  const lines = panel.getByLabel('Preflight answer: header lines');
  await lines.fill(`${await lines.inputValue()}\nAccess-Control-Allow-Methods: ${captured?.transaction.request.method ?? ''}`);
  // The PUT never went out: its answer starts bare, and now it is the one that fails.
  await expect(verdictOf(panel)).toHaveText('Blocked: MissingAllowOriginHeader');
  await expect(panel.getByRole('list', { name: 'What the capture could not show' })).toContainText('never got an answer to the request');
  await panel.getByLabel('Response: header lines').fill(`Access-Control-Allow-Origin: ${lab.pageOrigin}`);
  await expect(verdictOf(panel)).toHaveText('Allowed');
  const changed = panel.getByRole('region', { name: 'Changed lines' });
  await expect(changed.getByRole('listitem')).toHaveText([
    `+ Access-Control-Allow-Methods: ${captured?.transaction.request.method ?? ''} (preflight answer)`,
    `+ Access-Control-Allow-Origin: ${lab.pageOrigin} (response)`,
  ]);
  await panel.screenshot({ path: 'test-results/simulator-what-if.png', fullPage: true });

  // Another transaction opened afterwards starts from its own answers, not from the edits above.
  await panel.getByRole('tab', { name: 'Requests' }).click();
  await panel.getByRole('option').filter({ hasText: other.name }).click();
  await panel.getByRole('button', { name: 'Open in simulator' }).click();
  await expect(verdictOf(panel)).toHaveText('Blocked: MethodDisallowedByPreflightResponse (failed parameter PUT)');
  await expect(panel.getByLabel('Preflight answer: header lines')).toHaveValue(/Access-Control-Allow-Methods: GET, POST/);
  await expect(panel.getByLabel('Response: header lines')).toHaveValue('');
  await expect(panel.getByRole('region', { name: 'Changed lines' })).toContainText('No line changed yet.');
  // A preset replaces it: the notes about the capture go with it.
  await panel.getByLabel('Preset').selectOption({ label: 'Simple GET: no preflight' });
  await expect(panel.getByRole('list', { name: 'What the capture could not show' })).toHaveCount(0);
});
