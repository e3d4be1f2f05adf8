import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { playSimulation } from './playSimulation.ts';
import { SIMULATION_SCHEMA } from './simulationLink.ts';
import type { Simulation } from './simulation.ts';
import { simulationSteps } from './simulationSteps.ts';
import { simulationTrace } from './simulationTrace.ts';
import { corsErrorOf } from '../cors/verdictFacts.ts';

// Anything a link can hold: every string where the schema allows one.
const text = fc.oneof(
  fc.string({ maxLength: 30 }),
  fc.constantFrom(
    'https://api.example/x',
    'http://app.example',
    'null',
    '*',
    'ftp://x/',
    'https://api.example/x?a=1#f',
    '//x',
    'data:,x',
    'https://user:pw@api.example/',
  ),
);
const header = fc.record({
  name: fc.oneof(fc.string({ minLength: 1, maxLength: 12 }), fc.constantFrom('Content-Type', 'X-Custom', 'DNT', 'Range', 'Authorization')),
  value: text,
});
const status = fc.oneof(fc.constantFrom(200, 204, 301, 302, 307, 403, 500), fc.integer({ min: 100, max: 999 }));
const answer = fc.record({ status, headers: fc.array(header, { maxLength: 4 }) });
const simulation: fc.Arbitrary<Simulation> = fc.record({
  request: fc.record({
    pageOrigin: text,
    url: text,
    method: fc.oneof(fc.constantFrom('GET', 'PUT', 'delete', 'PATCH', 'OPTIONS'), fc.string({ minLength: 1, maxLength: 8 })),
    headers: fc.array(header, { maxLength: 4 }),
    body: fc.constantFrom('none', 'text', 'url-search-params', 'form-data', 'json-blob'),
    mode: fc.constantFrom('cors', 'no-cors', 'same-origin'),
    credentials: fc.constantFrom('omit', 'same-origin', 'include'),
    redirect: fc.constantFrom('follow', 'error', 'manual'),
  }),
  server: fc.oneof(
    fc.record({
      kind: fc.constant('policy' as const),
      allowOrigin: fc.oneof(
        fc.constantFrom({ kind: 'none' as const }, { kind: 'any' as const }, { kind: 'echo' as const }, { kind: 'null' as const }),
        fc.record({ kind: fc.constant('list' as const), origins: fc.array(text, { maxLength: 3 }) }),
        fc.record({ kind: fc.constant('exact' as const), value: text }),
      ),
      allowMethods: text,
      allowHeaders: text,
      exposeHeaders: text,
      allowCredentials: fc.boolean(),
      maxAge: fc.oneof(fc.constantFrom('', '0', '600', '86400', '-1', 'abc'), fc.string({ maxLength: 8 })),
      preflightStatus: status,
      responseStatus: status,
      redirect: fc.option(fc.record({ status, location: text }), { nil: null }),
    }),
    fc.record({ kind: fc.constant('answers' as const), hops: fc.array(fc.record({ preflight: answer, response: answer }), { minLength: 1, maxLength: 3 }) }),
  ),
  sends: fc.array(fc.integer({ min: 0, max: 100_000 }), { maxLength: 4 }),
  clock: fc.integer({ min: 0, max: 100_000 }),
});

describe('the simulator on any simulation a link can hold', () => {
  it('plays, lists its steps and exports a trace without throwing; every blocked send names its failing step', () => {
    fc.assert(
      fc.property(simulation, (generated) => {
        expect(SIMULATION_SCHEMA.safeParse(generated).success).toBe(true);
        const run = playSimulation(generated);
        expect(run.sends).toHaveLength(generated.sends.length);
        for (const send of run.sends) {
          const steps = simulationSteps(send);
          if (send.verdict.outcome === 'blocked') expect(steps.find((step) => step.status === 'failed')?.corsError).toBe(corsErrorOf(send.verdict));
        }
        expect((JSON.parse(JSON.stringify(simulationTrace(run, 0))) as { format: unknown }).format).toBe('cors-lens-trace');
      }),
      { numRuns: 400 },
    );
  });
});
