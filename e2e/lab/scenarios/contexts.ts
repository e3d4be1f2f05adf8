import type { Scenario } from '../scenario.ts';
import { allowOrigin, allowed, blocked, preflightAnswer, preflightEcho, respond, root } from './plan.ts';

/**
 * Requests made from elsewhere than the page's main frame: a dedicated
 * worker (webRequest reports it in the page's frame), an iframe of the same
 * origin (another frame id), an iframe of another site (another origin, and
 * another renderer process).
 */
export const contextScenarios: Scenario[] = [
  {
    name: 'worker-preflighted-put',
    title: 'A dedicated worker of the page makes a preflighted PUT; the server allows it',
    routes: root({ preflight: preflightEcho(), actual: allowOrigin() }),
    requests: [{ method: 'PUT', context: 'worker', headers: [['X-Job', '7']] }],
    expect: [allowed('sent')],
  },
  {
    name: 'worker-preflight-refused',
    title: 'A dedicated worker sends a DELETE the preflight does not allow',
    routes: root({ preflight: preflightAnswer([['Access-Control-Allow-Methods', 'GET, POST']]), actual: allowOrigin() }),
    requests: [{ method: 'DELETE', context: 'worker' }],
    expect: [blocked('MethodDisallowedByPreflightResponse', 'DELETE', 'sent')],
    firefox: { consoleNotSeen: "Firefox logs a worker's CORS reasons in the worker's console, which WebDriver BiDi does not pass on to the driver here" },
  },
  {
    name: 'worker-then-page-cache',
    title: "The worker's preflight result serves the page's same request from the preflight cache",
    routes: root({ preflight: preflightEcho([['Access-Control-Max-Age', '600']]), actual: allowOrigin() }),
    requests: [
      { method: 'PUT', context: 'worker', headers: [['X-Job', '1']] },
      { method: 'PUT', headers: [['X-Job', '2']] },
    ],
    expect: [allowed('sent'), allowed('cache-hit')],
  },
  {
    name: 'iframe-preflighted-put',
    title: 'A same-origin iframe makes a preflighted PUT; the server allows it',
    routes: root({ preflight: preflightEcho(), actual: allowOrigin() }),
    requests: [{ method: 'PUT', context: 'iframe', headers: [['X-Frame-Req', '1']] }],
    expect: [allowed('sent')],
  },
  {
    name: 'cross-origin-iframe-preflighted-put',
    title: 'An iframe from another site makes a preflighted PUT with its own origin; the server allows that origin',
    routes: root({ preflight: preflightEcho(), actual: allowOrigin() }),
    requests: [{ method: 'PUT', context: 'cross-origin-iframe', headers: [['X-Frame-Req', '1']] }],
    expect: [allowed('sent')],
  },
  {
    name: 'cross-origin-iframe-origin-mismatch',
    title: "An iframe from another site gets the top page's origin in Access-Control-Allow-Origin: not its own",
    routes: root({ actual: respond([['Access-Control-Allow-Origin', '{page}']]) }),
    requests: [{ method: 'GET', context: 'cross-origin-iframe' }],
    expect: [blocked('AllowOriginMismatch', '{page}')],
  },
  {
    name: 'page-iframe-worker-same-url',
    // Max-Age 0: each request needs its own preflight, whatever the timing.
    title: 'The page, an iframe and a worker each send the same preflighted PUT to one URL at once: each paired with its own preflight',
    routes: root({ preflight: preflightEcho([['Access-Control-Max-Age', '0']]), actual: allowOrigin() }),
    parallel: true,
    requests: [
      { method: 'PUT', headers: [['X-Same', 'page']] },
      { method: 'PUT', context: 'iframe', headers: [['X-Same', 'iframe']] },
      { method: 'PUT', context: 'worker', headers: [['X-Same', 'worker']] },
      { method: 'PUT', context: 'cross-origin-iframe', headers: [['X-Same', 'other-site']] },
    ],
    expect: [allowed('sent'), allowed('sent'), allowed('sent'), allowed('sent')],
  },
];
