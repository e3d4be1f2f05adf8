import type { Scenario } from '../scenario.ts';
import { allowOrigin, allowed, blocked, preflightEcho, respond } from './plan.ts';

/**
 * Requests that start on the page's own origin and that a redirect sends
 * elsewhere: CORS applies from the hop that leaves the origin on, and a
 * chain that crosses origins twice is tainted (its Origin becomes "null").
 * Judged by every hop, never by the first URL.
 */
export const leavingPageOriginScenarios: Scenario[] = [
  {
    name: 'same-origin-redirected-to-api',
    title: "A request to the page's own origin is redirected to the API, which allows the page",
    routes: {
      '/': { actual: respond([['Location', '{base}/moved']], 302) },
      '/moved': { actual: allowOrigin() },
    },
    requests: [{ method: 'GET', target: 'page' }],
    expect: [allowed()],
  },
  {
    name: 'same-origin-redirected-to-api-blocked',
    title: "A request to the page's own origin is redirected to the API, which sends no Access-Control-Allow-Origin",
    routes: {
      '/': { actual: respond([['Location', '{base}/moved']], 302) },
      '/moved': { actual: respond() },
    },
    requests: [{ method: 'GET', target: 'page' }],
    expect: [blocked('MissingAllowOriginHeader')],
  },
  {
    name: 'same-origin-redirected-with-credentials',
    title: "A request to the page's own origin is redirected to an API URL that holds a user name and password",
    routes: {
      '/': { actual: respond([['Location', 'http://user:secret@{apiHost}/s/same-origin-redirected-with-credentials/moved']], 302) },
      '/moved': { actual: allowOrigin() },
    },
    requests: [{ method: 'GET', target: 'page' }],
    expect: [blocked('RedirectContainsCredentials')],
  },
  {
    name: 'same-origin-redirected-put-preflighted',
    title: "A PUT to the page's own origin (no preflight) is redirected (307) to the API: the API is preflighted",
    routes: {
      '/': { actual: respond([['Location', '{base}/moved']], 307) },
      '/moved': { preflight: preflightEcho(), actual: allowOrigin() },
    },
    requests: [{ method: 'PUT', target: 'page', headers: [['X-Moved', '1']] }],
    expect: [allowed('sent')],
  },
  {
    name: 'same-origin-redirected-twice-tainted',
    title: 'Page origin, then the API, then a third origin: the chain crossed origins twice, so the last hop says Origin: null',
    routes: {
      '/': { actual: respond([['Location', '{base}/second']], 302) },
      '/second': {
        actual: respond(
          [
            ['Location', '{frameBase}/third'],
            ['Access-Control-Allow-Origin', '{origin}'],
          ],
          302,
        ),
      },
      '/third': { actual: respond([['Access-Control-Allow-Origin', 'null']]) },
    },
    requests: [{ method: 'GET', target: 'page' }],
    expect: [allowed()],
  },
  {
    name: 'same-origin-redirected-twice-tainted-blocked',
    title: 'Crossed origins twice: the last hop allows the page\'s origin, but the request\'s origin is now "null"',
    routes: {
      '/': { actual: respond([['Location', '{base}/second']], 302) },
      '/second': {
        actual: respond(
          [
            ['Location', '{frameBase}/third'],
            ['Access-Control-Allow-Origin', '{origin}'],
          ],
          302,
        ),
      },
      '/third': { actual: respond([['Access-Control-Allow-Origin', '{page}']]) },
    },
    requests: [{ method: 'GET', target: 'page' }],
    expect: [blocked('AllowOriginMismatch', '{page}')],
  },
  {
    name: 'same-origin-redirected-away-and-back',
    title: "Page origin, the API, then the page's origin again: tainted, so even the page's own origin must answer Access-Control-Allow-Origin: null",
    routes: {
      '/': { actual: respond([['Location', '{base}/second']], 302) },
      '/second': {
        actual: respond(
          [
            ['Location', '{pageBase}/back'],
            ['Access-Control-Allow-Origin', '{origin}'],
          ],
          302,
        ),
      },
      '/back': { actual: respond([['Access-Control-Allow-Origin', '{page}']]) },
    },
    requests: [{ method: 'GET', target: 'page' }],
    expect: [blocked('AllowOriginMismatch', '{page}')],
  },
];
