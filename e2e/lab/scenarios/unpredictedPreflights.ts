import type { Scenario } from '../scenario.ts';
import { firefoxAllowed } from '../firefoxExpectations.ts';
import { allowOrigin, allowed, blocked, preflightEcho, respond, root } from './plan.ts';

/**
 * Preflights the method and headers do not call for: an XMLHttpRequest with
 * a listener on its upload sets the Fetch Standard's use-CORS-preflight
 * flag. What was observed wins: the preflight was sent.
 */
export const unpredictedPreflightScenarios: Scenario[] = [
  {
    name: 'xhr-upload-listener-preflighted',
    title: 'A text/plain POST by XMLHttpRequest with an upload listener is preflighted although it is simple',
    routes: root({ preflight: preflightEcho(), actual: allowOrigin() }),
    requests: [{ method: 'POST', via: 'xhr', uploadListener: true, body: 'hello' }],
    expect: [allowed('sent')],
  },
  {
    name: 'xhr-upload-listener-preflight-refused',
    title: 'The same POST, and the server does not answer preflights with Access-Control-Allow-Origin',
    routes: root({ preflight: respond([], 204), actual: allowOrigin() }),
    requests: [{ method: 'POST', via: 'xhr', uploadListener: true, body: 'hello' }],
    expect: [blocked('PreflightMissingAllowOriginHeader', '', 'sent')],
  },
  {
    name: 'xhr-upload-listener-get',
    title: 'A GET by XMLHttpRequest with an upload listener is not preflighted: it has no body to upload',
    routes: root({ preflight: preflightEcho(), actual: allowOrigin() }),
    requests: [{ method: 'GET', via: 'xhr', uploadListener: true }],
    expect: [allowed()],
    firefox: {
      differs: 'Firefox preflights an XMLHttpRequest with an upload listener even without a body to upload',
      expect: [firefoxAllowed('sent')],
    },
  },
];
