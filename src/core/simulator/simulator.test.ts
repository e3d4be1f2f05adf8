import { describe, expect, it } from 'vitest';
import { importCapture } from '../trace/importCapture.ts';
import { verifiedFix } from '../explain/verifiedFix.ts';
import { playSimulation } from './playSimulation.ts';
import { presetById, presetOf, SIMULATION_PRESETS } from './presets.ts';
import { readSimulationFragment, simulationFragment } from './simulationLink.ts';
import type { Simulation } from './simulation.ts';
import { simulationSteps } from './simulationSteps.ts';
import { simulationTrace, simulationTransactions } from './simulationTrace.ts';
import { corsErrorOf, failedParameterOf } from '../cors/verdictFacts.ts';
import type { Verdict } from '../cors/verdict.ts';

function preset(id: string): Simulation {
  const found = presetById(id);
  if (!found) throw new Error(`no preset ${id}`);
  return found.simulation;
}

function verdictOf(simulation: Simulation, send = 0) {
  const { verdict } = playSimulation(simulation).sends[send]!;
  return { outcome: verdict.outcome, corsError: corsErrorOf(verdict), failedParameter: failedParameterOf(verdict), preflight: verdict.preflight };
}

describe('the presets teach what the engine decides', () => {
  it.each([
    ['object-store-403', { outcome: 'blocked', corsError: 'PreflightMissingAllowOriginHeader', failedParameter: '', preflight: 'sent' }],
    ['delete-x-requested-with-max-age', { outcome: 'allowed', corsError: null, failedParameter: null, preflight: 'sent' }],
    ['messaging-json-post', { outcome: 'blocked', corsError: 'HeaderDisallowedByPreflightResponse', failedParameter: 'content-type', preflight: 'sent' }],
    ['delete-with-credentials', { outcome: 'blocked', corsError: 'PreflightInvalidAllowCredentials', failedParameter: '', preflight: 'sent' }],
    ['put-with-dnt', { outcome: 'allowed', corsError: null, failedParameter: null, preflight: 'sent' }],
    ['allow-origin-without-scheme', { outcome: 'blocked', corsError: 'InvalidAllowOriginValue', failedParameter: 'example.com', preflight: 'not-needed' }],
    ['allow-origin-null', { outcome: 'blocked', corsError: 'AllowOriginMismatch', failedParameter: 'null', preflight: 'not-needed' }],
    ['wildcard-with-credentials', { outcome: 'blocked', corsError: 'WildcardOriginNotAllowed', failedParameter: '', preflight: 'not-needed' }],
    ['simple-get', { outcome: 'allowed', corsError: null, failedParameter: null, preflight: 'not-needed' }],
  ])('%s', (id, expected) => {
    expect(verdictOf(preset(id))).toEqual(expected);
  });

  it('has one preset per id, each with a source and a lesson', () => {
    expect(new Set(SIMULATION_PRESETS.map((each) => each.id)).size).toBe(SIMULATION_PRESETS.length);
    for (const each of SIMULATION_PRESETS) expect(each.source.title.length * each.lesson.length).toBeGreaterThan(0);
  });
});

describe('simulationSteps', () => {
  it.each(SIMULATION_PRESETS.map((each) => [each.id, each.simulation] as const))('%s: the step list agrees with the verdict', (_id, simulation) => {
    const send = playSimulation(simulation).sends[0]!;
    const steps = simulationSteps(send);
    const failed = steps.filter((step) => step.status === 'failed');
    const result = steps[steps.length - 1]!;
    if (send.verdict.outcome === 'blocked') {
      // The failing check, then the result: both name Chromium's code.
      expect(failed.map((step) => step.corsError)).toEqual([corsErrorOf(send.verdict), corsErrorOf(send.verdict)]);
      expect(failed[0]!.failedParameter).toBe(failedParameterOf(send.verdict));
      expect(steps.slice(steps.indexOf(failed[0]!) + 1, -1).every((step) => step.status === 'not-reached')).toBe(true);
    } else {
      expect(failed).toEqual([]);
      expect(result.title).toMatch(/^Allowed/);
    }
    expect(steps.some((step) => step.id === 'hop1.preflight-request')).toBe(send.verdict.preflight === 'sent');
    expect(new Set(steps.map((step) => step.id)).size).toBe(steps.length);
    for (const step of steps) expect(step.rule.url).toMatch(/^https:\/\//);
  });

  it('shows the preflight Chromium sends, header line by line', () => {
    const steps = simulationSteps(playSimulation(preset('object-store-403')).sends[0]!);
    expect(steps.find((step) => step.id === 'hop1.preflight-request')?.lines).toEqual([
      'OPTIONS /uploads/photo.jpg HTTP/1.1',
      'Host: bucket.oss.example',
      'Accept: */*',
      'Access-Control-Request-Method: PUT',
      'Access-Control-Request-Headers: x-oss-test',
      'Origin: https://app.example',
      'Sec-Fetch-Mode: cors',
    ]);
    expect(steps.find((step) => step.status === 'failed')).toMatchObject({ id: 'hop1.preflight.allow-origin', corsError: 'PreflightMissingAllowOriginHeader' });
    // The status check comes after the origin check in Chromium: not reached.
    expect(steps.find((step) => step.id === 'hop1.preflight.ok-status')?.status).toBe('not-reached');
  });

  it("caps Max-Age 86400 at Chromium's 7200 s and shows Firefox's and Safari's lifetimes beside it", () => {
    const stored = simulationSteps(playSimulation(preset('delete-x-requested-with-max-age')).sends[0]!).find((step) => step.id === 'hop1.cache-store');
    expect(stored?.details.join(' ')).toMatch(/Chromium keeps it 7200 s \(Max-Age 86400 capped by Chromium\): from t = 0 s to t = 7200 s/);
    expect(stored?.details).toEqual(expect.arrayContaining(['Firefox would keep it 86400 s.', 'Safari would keep it 600 s.']));
  });

  it('says fetch() drops a forbidden header the page tried to set', () => {
    const steps = simulationSteps(playSimulation(preset('put-with-dnt')).sends[0]!);
    expect(steps.find((step) => step.id === 'forbidden-headers')?.details[0]).toMatch(/^DNT: forbidden request header/);
    // Content-Type: text/plain is safelisted and DNT is gone: the PUT is preflighted for its method alone.
    expect(steps.find((step) => step.id === 'hop1.preflight-request')?.lines?.filter((line) => line.startsWith('Access-Control-Request-'))).toEqual([
      'Access-Control-Request-Method: PUT',
    ]);
  });

  it('follows a redirect: the next URL has its own steps, with the Origin tainted to "null"', () => {
    const base = preset('simple-get');
    const simulation: Simulation = {
      ...base,
      server: {
        ...(base.server as Extract<Simulation['server'], { kind: 'policy' }>),
        allowOrigin: { kind: 'echo' },
        redirect: { status: 302, location: 'https://cdn.example/items/1' },
      },
    };
    const send = playSimulation(simulation).sends[0]!;
    expect(send.verdict.outcome).toBe('allowed');
    const steps = simulationSteps(send);
    expect(steps.map((step) => step.id)).toEqual(
      expect.arrayContaining(['hop1.redirect.allow-origin', 'hop2.tainted', 'hop2.request', 'hop2.response.allow-origin']),
    );
    expect(steps.find((step) => step.id === 'hop2.request')?.lines).toContain('Origin: null');
  });
});

describe('the clock and "send again"', () => {
  const maxAge = preset('delete-x-requested-with-max-age');

  it('serves a second send from the cache, then preflights again once the entry expires', () => {
    const run = playSimulation({ ...maxAge, sends: [0, 60, 7199, 7200, 7260], clock: 7260 });
    expect(run.sends.map((send) => send.verdict.preflight)).toEqual(['sent', 'cache-hit', 'cache-hit', 'sent', 'cache-hit']);
    expect(run.cache).toHaveLength(1);
    expect(run.cache[0]).toMatchObject({ storedAt: 7_200_000, expiresAt: 14_400_000 });
    const hit = simulationSteps(run.sends[1]!).find((step) => step.id === 'hop1.cache-lookup');
    expect(hit).toMatchObject({ status: 'passed' });
    expect(hit?.details[0]).toMatch(/Stored at t = 0 s, alive until t = 7200 s/);
    expect(simulationSteps(run.sends[3]!).find((step) => step.id === 'hop1.cache-lookup')?.details[0]).toMatch(/expired/);
  });

  it('shows no live entry once the clock passes its expiry', () => {
    expect(playSimulation({ ...maxAge, sends: [0], clock: 7200 }).cache).toEqual([]);
    expect(playSimulation({ ...maxAge, sends: [0], clock: 7199 }).cache).toHaveLength(1);
  });

  it('never caches a failed preflight: each send preflights again', () => {
    const run = playSimulation({ ...preset('messaging-json-post'), sends: [0, 1, 2] });
    expect(run.sends.map((send) => send.verdict.preflight)).toEqual(['sent', 'sent', 'sent']);
  });
});

describe('simulationTrace', () => {
  const runs = [
    ...SIMULATION_PRESETS.map((each) => [each.id, each.simulation] as const),
    ['max-age, sent four times', { ...preset('delete-x-requested-with-max-age'), sends: [0, 60, 7200, 7260] }] as const,
  ];

  it.each(runs)("%s: paired again from its events, every send gets the simulator's verdict", (_id, simulation) => {
    const run = playSimulation(simulation);
    const transactions = simulationTransactions(run);
    const summary = (verdict: Pick<Verdict, 'outcome' | 'failure' | 'preflight'>) => [
      verdict.outcome,
      corsErrorOf(verdict),
      failedParameterOf(verdict),
      verdict.preflight,
    ];
    expect(transactions.map((transaction) => summary(transaction.verdict))).toEqual(run.sends.map((send) => summary(send.verdict)));
  });

  it('imports back through the file importer with the same verdicts', () => {
    const run = playSimulation({ ...preset('delete-x-requested-with-max-age'), sends: [0, 60, 7200] });
    const imported = importCapture(JSON.stringify(simulationTrace(run, Date.UTC(2026, 10, 23))));
    expect(imported.kind).toBe('trace');
    expect(imported.transactions.map((transaction) => transaction.verdict.preflight)).toEqual(['sent', 'cache-hit', 'sent']);
  });
});

describe('presetOf', () => {
  it('recognises a preset after a trip through its link, and not once edited', () => {
    const preset = SIMULATION_PRESETS[2]!;
    const reading = readSimulationFragment(simulationFragment(preset.simulation));
    if (!reading.ok) throw new Error('the link did not read');
    expect(presetOf({ ...reading.simulation, sends: [0, 5], clock: 5 })?.id).toBe(preset.id);
    expect(presetOf({ ...reading.simulation, request: { ...reading.simulation.request, method: 'PATCH' } })).toBeUndefined();
  });
});

describe('the simulator proposes only what the composed request needs', () => {
  const fixOf = (id: string) => {
    const preset = SIMULATION_PRESETS.find((each) => each.id === id);
    const [transaction] = simulationTransactions(playSimulation(preset!.simulation));
    return verifiedFix(transaction!);
  };

  it('no Access-Control-Allow-Credentials for a request that sends no credentials (the object store preset, credentials "same-origin")', () => {
    const fix = fixOf('object-store-403');
    expect(fix).toMatchObject({ credentials: 'omitted', withCredentials: null, verdict: { outcome: 'allowed' } });
    expect(fix?.changes.flatMap((change) => change.lines.map((line) => line.name))).not.toContain('Access-Control-Allow-Credentials');
  });

  it('Access-Control-Allow-Credentials: true where the composed request includes them', () => {
    const fix = fixOf('delete-with-credentials');
    expect(fix).toMatchObject({ credentials: 'included', withCredentials: null });
    expect(fix?.changes.flatMap((change) => change.lines)).toContainEqual({ name: 'Access-Control-Allow-Credentials', value: 'true' });
  });
});
