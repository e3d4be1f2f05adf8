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

const run = promisify(execFile);

interface Printed {
  url: string;
  method: string;
  blocked: boolean;
  corsError: string | null;
  failedParameter: string | null;
  candidates?: string[];
  preflight: string;
  explanation: string;
}

/** `cors-lens record` as a user runs it: a child process, headless, no display. */
function cli(args: string[]) {
  return run(process.execPath, ['bin/cors-lens.js', ...args], { env: { ...process.env, DISPLAY: '' }, maxBuffer: 64 * 1024 * 1024 });
}

// What the extension's webRequest capture can judge from the lab page: every
// scenario the lab page runs, but those refused inside the renderer (never on
// the network), those whose verdict depends on a declaration no capture shows,
// and those webRequest cannot tell (the oracle checks they say "undetermined").
const judgeable = (scenario: Scenario) => !scenario.from && !scenario.rejectedInRenderer && !scenario.judgedAsDeclared && !scenario.webRequestCannotTell;

function describe(verdict: Essentials): string {
  return `${verdict.corsError ?? 'not blocked'} ${JSON.stringify(verdict.failedParameter)} preflight ${verdict.preflight}`;
}

type Essentials = Pick<Printed, 'corsError' | 'failedParameter' | 'preflight'>;

/** Chromium's verdicts for a scenario (its declaration, which the oracle holds against Chromium), in the record's shape. */
function declared(scenario: Scenario, lab: Lab): Essentials[] {
  return scenario.requests.flatMap((request, index) => {
    if (request.mode === 'no-cors') return [];
    const expectation = resolveExpectation(scenario.expect[index]!, lab);
    return [{ corsError: expectation.corsError, failedParameter: expectation.corsError ? (expectation.failedParameter ?? '') : null, preflight: expectation.preflight }];
  });
}

test('cors-lens record: the extension\'s verdict for every lab scenario it can judge equals Chromium\'s, and its HAR explains the same', async () => {
  test.setTimeout(180_000);
  const lab = await startLab(SCENARIOS);
  const scratch = await mkdtemp(join(tmpdir(), 'cors-lens-record-'));
  try {
    const scenarios = SCENARIOS.filter(judgeable);
    const url = `${lab.pageOrigin}/?run=all`;
    const traceFile = join(scratch, 'trace.json');
    const harFile = join(scratch, 'trace.har');
    const { stdout } = await cli(['record', url, '--json', '--out', traceFile, '--har', harFile, '--timeout-ms', '120000', '--headless']);
    const printed = JSON.parse(stdout) as Printed[];

    // Each scenario's requests, as recorded, against Chromium's verdicts.
    const problems: string[] = [];
    for (const scenario of scenarios) {
      const recorded = printed.filter((request) => request.url.includes(`/s/${scenario.name}/`));
      const expected = declared(scenario, lab);
      const chromium = expected.map(describe);
      // Where the capture cannot tell which header Chromium names first, Chromium's must be among the candidates.
      const resolved = recorded.map((request, index) => {
        const theirs = expected[index]?.failedParameter ?? null;
        return describe(request.candidates && theirs !== null && request.candidates.includes(theirs) ? { ...request, failedParameter: theirs } : request);
      });
      const [ours, theirs] = scenario.parallel ? [[...resolved].sort(), [...chromium].sort()] : [resolved, chromium];
      if (JSON.stringify(ours) !== JSON.stringify(theirs)) problems.push(`${scenario.name}: recorded ${JSON.stringify(ours)}, Chromium ${JSON.stringify(theirs)}`);
    }
    expect(problems).toEqual([]);
    expect(scenarios.length).toBeGreaterThan(90);
    for (const request of printed) expect(request.explanation.length).toBeGreaterThan(0);

    // The trace file: versioned, secrets redacted by default, the same transactions.
    const trace = JSON.parse(await readFile(traceFile, 'utf8')) as Trace;
    expect(trace).toMatchObject({ format: 'cors-lens-trace', version: 1, secrets: 'redacted', page: { url } });
    expect(trace.transactions.length).toBe(printed.length);

    // The HAR file, explained offline, says what the record said.
    const explained = JSON.parse((await cli(['explain', harFile, '--json'])).stdout) as Printed[];
    const essentials = (list: Printed[]) => list.map(({ url: address, method, blocked, corsError, failedParameter, preflight }) => ({ address, method, blocked, corsError, failedParameter, preflight }));
    expect(essentials(explained)).toEqual(essentials(printed));
    // So does the trace file, re-explained by the engine (its verdicts are not read).
    const fromTrace = JSON.parse((await cli(['explain', traceFile, '--json'])).stdout) as Printed[];
    expect(essentials(fromTrace)).toEqual(essentials(printed));
  } finally {
    await rm(scratch, { recursive: true, force: true });
    await lab.close();
  }
});

test('cors-lens record says in one line when the page cannot be opened', async () => {
  const lab = await startLab([]);
  const closed = lab.pageOrigin;
  await lab.close();
  const failure = await cli(['record', `${closed}/`, '--headless']).then(
    () => null,
    (error: { code: number; stderr: string }) => error,
  );
  expect(failure?.code).toBe(1);
  expect(failure?.stderr).toMatch(/^cors-lens: cannot open http:\/\/127\.0\.0\.1:\d+\/: net::ERR_CONNECTION_REFUSED/);
  expect(failure?.stderr.trimEnd().split('\n')).toHaveLength(1);
});
