import type { Scenario } from '../scenario.ts';
import { allowOrigin, allowed, preflightAnswer, root } from './plan.ts';

/**
 * Scenarios for the extension's lifecycle tests (worker restarts,
 * navigation, floods), not for the oracle's sweep: they need the test to act
 * while requests are in flight.
 */
export const lifecycleScenarios: Scenario[] = [
  {
    name: 'held-preflight',
    title: 'A PUT whose preflight answer waits for the test (the worker is stopped meanwhile)',
    routes: root({ preflight: { ...preflightAnswer([['Access-Control-Allow-Methods', 'PUT']]), hold: true }, actual: allowOrigin() }),
    requests: [{ method: 'PUT' }],
    expect: [allowed('sent')],
  },
  {
    name: 'held-response',
    title: 'A GET whose answer waits for the test (the page navigates meanwhile)',
    routes: root({ actual: { ...allowOrigin(), hold: true } }),
    requests: [{ method: 'GET' }],
    expect: [allowed()],
  },
  {
    name: 'cached-preflight',
    title: 'A PUT whose preflight is cached for 10 minutes (the second is served from the cache, recorded or not)',
    routes: root({
      preflight: preflightAnswer([
        ['Access-Control-Allow-Methods', 'PUT'],
        ['Access-Control-Max-Age', '600'],
      ]),
      actual: allowOrigin(),
    }),
    requests: [{ method: 'PUT' }],
    expect: [allowed('sent')],
  },
  {
    name: 'flood',
    title: 'Many simple GETs, allowed',
    routes: root({ actual: allowOrigin() }),
    requests: [{ method: 'GET' }],
    expect: [allowed()],
  },
];
