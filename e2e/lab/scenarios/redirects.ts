import type { Scenario } from '../scenario.ts';
import { firefoxAllowed, firefoxBlocked } from '../firefoxExpectations.ts';
import { allowOrigin, allowed, blocked, preflightAnswer, respond } from './plan.ts';

/** CORS across redirects: the check on each redirect, tainted origins, new preflights, credentials in URLs. */
export const redirectScenarios: Scenario[] = [
  {
    name: 'redirect-within-api',
    title: 'A 302 to another API path; both answers allow the origin',
    routes: {
      '/': {
        actual: respond(
          [
            ['Location', '{base}/moved'],
            ['Access-Control-Allow-Origin', '{origin}'],
          ],
          302,
        ),
      },
      '/moved': { actual: allowOrigin() },
    },
    requests: [{ method: 'GET' }],
    expect: [allowed()],
  },
  {
    name: 'redirect-without-allow-origin',
    title: 'The 302 itself lacks Access-Control-Allow-Origin',
    routes: {
      '/': { actual: respond([['Location', '{base}/moved']], 302) },
      '/moved': { actual: allowOrigin() },
    },
    requests: [{ method: 'GET' }],
    expect: [blocked('MissingAllowOriginHeader')],
  },
  {
    name: 'redirect-back-to-page-origin',
    title: 'A redirect back to the page\'s origin taints the request: the origin becomes "null"',
    routes: {
      '/': {
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
    requests: [{ method: 'GET' }],
    expect: [blocked('AllowOriginMismatch', '{page}')],
  },
  {
    name: 'redirect-back-allow-origin-null',
    title: 'After the tainting redirect, Access-Control-Allow-Origin: null is what passes',
    routes: {
      '/': {
        actual: respond(
          [
            ['Location', '{pageBase}/back'],
            ['Access-Control-Allow-Origin', '{origin}'],
          ],
          302,
        ),
      },
      '/back': { actual: respond([['Access-Control-Allow-Origin', 'null']]) },
    },
    requests: [{ method: 'GET' }],
    expect: [allowed()],
  },
  {
    name: 'redirect-preflight-per-hop',
    title: "A preflighted PUT redirected (307) back to the page's origin is preflighted again, with Origin: null",
    routes: {
      '/': {
        preflight: preflightAnswer([['Access-Control-Allow-Methods', 'PUT']]),
        actual: respond(
          [
            ['Location', '{pageBase}/back'],
            ['Access-Control-Allow-Origin', '{origin}'],
          ],
          307,
        ),
      },
      '/back': {
        preflight: respond(
          [
            ['Access-Control-Allow-Origin', 'null'],
            ['Access-Control-Allow-Methods', 'PUT'],
          ],
          204,
        ),
        actual: respond([['Access-Control-Allow-Origin', 'null']]),
      },
    },
    requests: [{ method: 'PUT' }],
    expect: [allowed('sent')],
    expectedOptions: 2,
  },
  {
    name: 'redirect-second-preflight-fails',
    title: "The second hop's preflight does not allow Origin: null",
    routes: {
      '/': {
        preflight: preflightAnswer([['Access-Control-Allow-Methods', 'PUT']]),
        actual: respond(
          [
            ['Location', '{pageBase}/back'],
            ['Access-Control-Allow-Origin', '{origin}'],
          ],
          307,
        ),
      },
      '/back': {
        preflight: respond(
          [
            ['Access-Control-Allow-Origin', '{page}'],
            ['Access-Control-Allow-Methods', 'PUT'],
          ],
          204,
        ),
        actual: respond([['Access-Control-Allow-Origin', 'null']]),
      },
    },
    requests: [{ method: 'PUT' }],
    expect: [blocked('PreflightAllowOriginMismatch', '{page}', 'sent')],
    expectedOptions: 2,
    firefox: {
      differs:
        "After the tainting redirect Firefox still sends the page's own origin in the second preflight's Origin, and does not check Access-Control-Allow-Origin on a preflight to the page's own origin: allowed",
      expect: [firefoxAllowed('sent')],
      expectedOptions: 2,
    },
  },
  {
    name: 'redirect-303-post-to-get',
    title: 'A 303 turns the POST into a GET',
    routes: {
      '/': {
        actual: respond(
          [
            ['Location', '{base}/result'],
            ['Access-Control-Allow-Origin', '{origin}'],
          ],
          303,
        ),
      },
      '/result': { actual: allowOrigin() },
    },
    requests: [{ method: 'POST', body: 'x' }],
    expect: [allowed()],
  },
  {
    name: 'redirect-contains-credentials',
    title: 'A redirect to a URL with a user name and password',
    routes: {
      '/': {
        actual: respond(
          [
            ['Location', 'http://user:secret@{apiHost}/s/redirect-contains-credentials/next'],
            ['Access-Control-Allow-Origin', '{origin}'],
          ],
          302,
        ),
      },
      '/next': { actual: allowOrigin() },
    },
    requests: [{ method: 'GET' }],
    expect: [blocked('RedirectContainsCredentials')],
    firefox: {
      differs: 'Firefox refuses the redirect with only its generic line, "CORS request did not succeed"',
      expect: [firefoxBlocked('CORSDidNotSucceed')],
    },
  },
  {
    name: 'redirect-to-ftp',
    title: 'A redirect to an ftp: URL: the network service refuses CORS to that scheme',
    routes: {
      '/': {
        actual: respond(
          [
            ['Location', 'ftp://localhost/cors-lens-lab'],
            ['Access-Control-Allow-Origin', '{origin}'],
          ],
          302,
        ),
      },
    },
    requests: [{ method: 'GET' }],
    expect: [blocked('CorsDisabledScheme')],
    firefox: {
      webRequestCannotTell: 'Firefox reports no end of the redirected request to webRequest: the transaction stays in flight',
    },
  },
  {
    name: 'redirect-manual-mode',
    title: "redirect: 'manual' stops at the redirect (an opaque-redirect response)",
    routes: {
      '/': {
        actual: respond(
          [
            ['Location', '{base}/moved'],
            ['Access-Control-Allow-Origin', '{origin}'],
          ],
          302,
        ),
      },
      '/moved': { actual: allowOrigin() },
    },
    requests: [{ method: 'GET', redirect: 'manual' }],
    expect: [allowed()],
    firefox: {
      webRequestCannotTell: 'Firefox reports the opaque redirect to webRequest without an end: the transaction stays incomplete',
    },
  },
  {
    name: 'same-origin-mode-redirected-cross-origin',
    title: "mode: 'same-origin' to the page's origin, redirected to the API: refused, but not as a CORS error",
    routes: {
      '/': { actual: respond([['Location', '{base}/moved']], 302) },
      '/moved': { actual: allowOrigin() },
    },
    requests: [{ method: 'GET', target: 'page', mode: 'same-origin' }],
    expect: [allowed()],
    firefox: {
      differs: 'Firefox fails the fetch (a security error, not a CORS reason) where Chromium hands the page the redirect target',
      expect: [{ reason: null, outcome: 'error', preflight: 'not-needed' }],
      webRequestCannotTell: 'Firefox refuses the cross-origin hop before webRequest sees it',
    },
  },
];
