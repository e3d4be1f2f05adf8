import { describe, expect, it } from 'vitest';
import type { Verdict } from '../cors/verdict.ts';
import { corsErrorOf, failedParameterOf } from '../cors/verdictFacts.ts';
import { preflightedPut } from '../explain/testTransactions.ts';
import { playSimulation } from './playSimulation.ts';
import { SIMULATION_PRESETS } from './presets.ts';
import type { ServerAnswers } from './simulation.ts';
import { simulationTransactions } from './simulationTrace.ts';
import { answerChanges, whatIfFromTransaction } from './whatIf.ts';

const summary = (verdict: Pick<Verdict, 'outcome' | 'failure'>) => [verdict.outcome, corsErrorOf(verdict), failedParameterOf(verdict)];

describe('whatIfFromTransaction', () => {
  it.each(SIMULATION_PRESETS.map((preset) => [preset.id, preset.simulation] as const))(
    '%s: the captured transaction, replayed, gets its own verdict',
    (_id, simulation) => {
      const [transaction] = simulationTransactions(playSimulation(simulation));
      const { simulation: whatIf } = whatIfFromTransaction(transaction!);
      expect(summary(playSimulation(whatIf).sends[0]!.verdict)).toEqual(summary(transaction!.verdict));
    },
  );

  it("stands in for what the capture lacks, and says so: the PUT's own headers, and the answer to a request never sent", () => {
    const transaction = preflightedPut('x-custom', 403, [['Access-Control-Allow-Origin', 'http://app.test']]);
    const { simulation, notes } = whatIfFromTransaction(transaction);
    expect(simulation.request.headers).toEqual([{ name: 'x-custom', value: '' }]);
    expect(simulation.server.hops[0]).toEqual({
      preflight: { status: 403, headers: [{ name: 'Access-Control-Allow-Origin', value: 'http://app.test' }] },
      response: { status: 200, headers: [] },
    });
    expect(notes).toEqual([
      expect.stringMatching(/never got an answer to the request: it starts as a bare 200/),
      expect.stringMatching(/x-custom come from the preflight's Access-Control-Request-Headers/),
      expect.stringMatching(/credentials went along: "same-origin" is assumed/),
    ]);
    expect(summary(playSimulation(simulation).sends[0]!.verdict)).toEqual(summary(transaction.verdict));
  });

  it('leaves out the headers the browser set on the wire, and says so', () => {
    const [transaction] = simulationTransactions(playSimulation(SIMULATION_PRESETS.find((preset) => preset.id === 'delete-with-credentials')!.simulation));
    const wire = {
      ...transaction!,
      request: {
        ...transaction!.request,
        headers: [
          ...transaction!.request.headers,
          { name: 'User-Agent', value: 'Chromium' },
          { name: 'Sec-Fetch-Mode', value: 'cors' },
          { name: 'X-Custom', value: '1' },
        ],
      },
    };
    const { simulation, notes } = whatIfFromTransaction(wire);
    expect(simulation.request.headers.map((header) => header.name)).toEqual(['X-Custom']);
    expect(notes).toContainEqual(expect.stringMatching(/^2 headers the browser sets itself/));
  });

  it('turns green once the edited answers allow the request, and names exactly the lines that changed', () => {
    const transaction = preflightedPut('x-custom', 403, [['Access-Control-Allow-Origin', 'http://app.test']]);
    const { simulation } = whatIfFromTransaction(transaction);
    const before = simulation.server;
    const after: ServerAnswers = {
      kind: 'answers',
      hops: [
        {
          preflight: {
            status: 204,
            headers: [
              { name: 'access-control-allow-origin', value: 'http://app.test' },
              { name: 'Access-Control-Allow-Methods', value: 'PUT' },
              { name: 'Access-Control-Allow-Headers', value: 'x-custom' },
            ],
          },
          response: { status: 200, headers: [{ name: 'Access-Control-Allow-Origin', value: 'http://app.test' }] },
        },
      ],
    };
    expect(playSimulation({ ...simulation, server: after }).sends[0]!.verdict.outcome).toBe('allowed');
    expect(answerChanges(before, after)).toEqual([
      { hop: 1, answer: 'preflight', change: 'removed', line: 'HTTP/1.1 403' },
      { hop: 1, answer: 'preflight', change: 'added', line: 'HTTP/1.1 204' },
      { hop: 1, answer: 'preflight', change: 'added', line: 'Access-Control-Allow-Methods: PUT' },
      { hop: 1, answer: 'preflight', change: 'added', line: 'Access-Control-Allow-Headers: x-custom' },
      { hop: 1, answer: 'response', change: 'added', line: 'Access-Control-Allow-Origin: http://app.test' },
    ]);
  });

  it('sees no change when nothing changed', () => {
    const { simulation } = whatIfFromTransaction(preflightedPut('x-custom', 403, []));
    expect(answerChanges(simulation.server, simulation.server)).toEqual([]);
  });
});
