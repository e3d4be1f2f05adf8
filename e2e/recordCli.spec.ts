import { expect, test } from '@playwright/test';
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { Trace } from '../src/core/trace/trace.ts';
import { SCENARIOS } from './lab/scenarios/index.ts';
import type { Scenario } from './lab/scenario.ts';
import { startLab, type Lab } from './lab/server.ts';
import { resolveExpectation } from './support/scenarioRunner.ts';
import { agrees, describe, type CliVerdict, type Essentials } from './support/verdictComparison.ts';

const run = promisify(execFile);

/** What the lab page shows once it has run what its URL asked for: the page's own word, so a slow start is waited for. */
const LAB_DONE = ['--wait-for', 'body[data-lab-done]'];

interface Printed extends CliVerdict {
  candidates?: string[];
  explanation: string;
}

/** `cors-lens record` as a user runs it: a child process, headless, no display. */
function cli(args: string[]) {
  return run(process.execPath, ['bin/cors-lens.js', ...args], { env: { ...process.env, DISPLAY: '' }, maxBuffer: 64 * 1024 * 1024 });
}

/** Chromium's verdicts for a scenario (its declaration, which the oracle holds against Chromium), in the record's shape. */
function declared(scenario: Scenario, lab: Lab): Essentials[] {
  return scenario.requests.flatMap((request, index) => {
    if (request.mode === 'no-cors') return [];
    const expectation = resolveExpectation(scenario.expect[index]!, lab);
    return [
      {
        corsError: expectation.corsError,
        failedParameter: expectation.corsError ? (expectation.failedParameter ?? '') : null,
        preflight: expectation.preflight,
      },
    ];
  });
}

/**
 * What `cors-lens record` printed for each scenario, against Chromium's
 * verdicts. Where the capture cannot tell which header Chromium names first,
 * Chromium's must be among the candidates; where webRequest cannot tell at
 * all, the record must say so ("undetermined", naming Chromium's error).
 */
function recordDisagreements(scenarios: readonly Scenario[], printed: readonly Printed[], lab: Lab): string[] {
  const problems: string[] = [];
  for (const scenario of scenarios) {
    const expected = declared(scenario, lab);
    const recorded = printed
      .filter((request) => request.url.includes(`/s/${scenario.name}/`))
      .map((request, index) => {
        const theirs = expected[index]?.failedParameter ?? null;
        return request.candidates && theirs !== null && request.candidates.includes(theirs) ? { ...request, failedParameter: theirs } : request;
      });
    const hidden = scenario.judgedAsDeclared !== undefined || scenario.webRequestCannotTell !== undefined;
    // Parallel requests settle in any order: each recorded one takes an agreeing verdict of Chromium's.
    const left = [...expected];
    const matched = recorded.every((ours, index) => {
      if (!scenario.parallel) return left[index] !== undefined && agrees(ours, left[index], hidden);
      const at = left.findIndex((theirs) => agrees(ours, theirs, hidden));
      if (at >= 0) left.splice(at, 1);
      return at >= 0;
    });
    if (!matched || recorded.length !== expected.length)
      problems.push(`${scenario.name}: recorded ${JSON.stringify(recorded.map(describe))}, Chromium ${JSON.stringify(expected.map(describe))}`);
  }
  return problems;
}

test("cors-lens record: the extension's verdict for every lab scenario equals Chromium's, and its HAR explains the same", async () => {
  test.setTimeout(180_000);
  const lab = await startLab(SCENARIOS);
  const scratch = await mkdtemp(join(tmpdir(), 'cors-lens-record-'));
  try {
    // What the lab page runs itself (the public pages need the lab's Chromium flags; the renderer refuses some requests before any capture).
    const scenarios = SCENARIOS.filter((scenario) => !scenario.from && !scenario.rejectedInRenderer);
    const url = `${lab.pageOrigin}/?run=all`;
    const traceFile = join(scratch, 'trace.json');
    const harFile = join(scratch, 'trace.har');
    const { stdout } = await cli(['record', url, '--json', '--out', traceFile, '--har', harFile, '--timeout-ms', '120000', ...LAB_DONE, '--headless']);
    const printed = JSON.parse(stdout) as Printed[];

    expect(recordDisagreements(scenarios, printed, lab)).toEqual([]);
    expect(scenarios.length).toBeGreaterThan(90);
    for (const request of printed) expect(request.explanation.length).toBeGreaterThan(0);

    // The trace file: versioned, secrets redacted by default, the same transactions.
    const trace = JSON.parse(await readFile(traceFile, 'utf8')) as Trace;
    expect(trace).toMatchObject({ format: 'cors-lens-trace', version: 1, secrets: 'redacted', page: { url } });
    expect(trace.transactions.length).toBe(printed.length);

    // The HAR file, explained offline, says what the record said.
    const explained = JSON.parse((await cli(['explain', harFile, '--json'])).stdout) as Printed[];
    const essentials = (list: Printed[]) =>
      list.map(({ url: address, method, blocked, corsError, failedParameter, preflight }) => ({
        address,
        method,
        blocked,
        corsError,
        failedParameter,
        preflight,
      }));
    expect(essentials(explained)).toEqual(essentials(printed));
    // So does the trace file, re-explained by the engine (its verdicts are not read).
    const fromTrace = JSON.parse((await cli(['explain', traceFile, '--json'])).stdout) as Printed[];
    expect(essentials(fromTrace)).toEqual(essentials(printed));
  } finally {
    await rm(scratch, { recursive: true, force: true });
    await lab.close();
  }
});

test("cors-lens record of a page opened from a file: its requests say Origin: null, and each verdict equals Chromium's", async () => {
  const lab = await startLab(SCENARIOS);
  try {
    const scenarios = SCENARIOS.filter((scenario) => scenario.from === 'file-page');
    const url = `${lab.pageUrls['file-page']}?lab=${encodeURIComponent(lab.pageOrigin)}&run=all`;
    const printed = JSON.parse((await cli(['record', url, '--json', '--timeout-ms', '60000', ...LAB_DONE, '--headless'])).stdout) as Printed[];
    expect(recordDisagreements(scenarios, printed, lab)).toEqual([]);
    expect(scenarios.length).toBeGreaterThan(5);
  } finally {
    await lab.close();
  }
});

test('cors-lens record says in one line when the page cannot be opened', async () => {
  const lab = await startLab([]);
  const closed = lab.pageOrigin;
  await lab.close();
  const failure = await cli(['record', `${closed}/`, '--headless']).then(
    () => null,
    // execFile rejects with the exit code and the output on the error.
    (error: unknown) => error as { code: number; stderr: string },
  );
  expect(failure?.code).toBe(1);
  expect(failure?.stderr).toMatch(/^cors-lens: cannot open http:\/\/127\.0\.0\.1:\d+\/: net::ERR_CONNECTION_REFUSED/);
  expect(failure?.stderr.trimEnd().split('\n')).toHaveLength(1);
});

test('cors-lens record --wait-for: a selector that never matches is said, and what was captured is still explained; one the browser cannot parse is refused', async () => {
  const lab = await startLab(SCENARIOS.filter((scenario) => scenario.name === 'missing-allow-origin'));
  try {
    const url = `${lab.pageOrigin}/?run=missing-allow-origin`;
    // The lab page marks itself done once the request settled; #never is never shown.
    const { stdout, stderr } = await cli(['record', url, '--json', '--wait-for', '#never', '--timeout-ms', '5000', '--headless']);
    expect(stderr).toBe('cors-lens: nothing matched --wait-for #never within 5000 ms; recorded what was captured by then\n');
    expect(JSON.parse(stdout)).toEqual([expect.objectContaining({ url: lab.scenarioUrl('missing-allow-origin'), corsError: 'MissingAllowOriginHeader' })]);
    const refused = await cli(['record', url, '--wait-for', 'body[[', '--headless']).then(
      () => null,
      // execFile rejects with the exit code and the output on the error.
      (error: unknown) => error as { code: number; stderr: string },
    );
    expect(refused?.code).toBe(1);
    expect(refused?.stderr).toMatch(/^cors-lens: --wait-for: [^\n]*"body\[\["/);
  } finally {
    await lab.close();
  }
});

// The same command in Firefox ESR with dist-firefox/: a few scenarios whose
// Firefox reasons the Firefox oracle holds against Firefox itself.
test('cors-lens record --browser firefox: verdicts as Firefox judges them, each with its reason', async () => {
  test.setTimeout(120_000);
  const lab = await startLab(SCENARIOS);
  const scratch = await mkdtemp(join(tmpdir(), 'cors-lens-record-firefox-'));
  try {
    const names = ['missing-allow-origin', 'put-method-not-allowed', 'allow-origin-two-values', 'redirect-second-preflight-fails', 'put-preflight-allowed'];
    const harFile = join(scratch, 'firefox.har');
    const { stdout } = await cli(['record', `${lab.pageOrigin}/?run=${names.join(',')}`, '--browser', 'firefox', '--json', '--har', harFile, ...LAB_DONE]);
    const printed = JSON.parse(stdout) as (Printed & { firefoxReason: string | null })[];
    const byScenario = (name: string) =>
      printed.filter((request) => request.url.includes(`/s/${name}/`)).map(({ firefoxReason, preflight }) => ({ firefoxReason, preflight }));
    expect(byScenario('missing-allow-origin')).toEqual([{ firefoxReason: 'CORSMissingAllowOrigin', preflight: 'not-needed' }]);
    expect(byScenario('put-method-not-allowed')).toEqual([{ firefoxReason: 'CORSMethodNotFound', preflight: 'sent' }]);
    expect(byScenario('allow-origin-two-values')).toEqual([{ firefoxReason: 'CORSAllowOriginNotMatchingOrigin', preflight: 'not-needed' }]);
    // Allowed in Firefox, blocked in Chromium: judged with Firefox's rules.
    expect(byScenario('redirect-second-preflight-fails')).toEqual([{ firefoxReason: null, preflight: 'sent' }]);
    expect(byScenario('put-preflight-allowed')).toEqual([{ firefoxReason: null, preflight: 'sent' }]);
    const har = JSON.parse(await readFile(harFile, 'utf8')) as { log: { browser?: { name: string } } };
    expect(har.log.browser?.name).toBe('Firefox');
  } finally {
    await rm(scratch, { recursive: true, force: true });
    await lab.close();
  }
});
