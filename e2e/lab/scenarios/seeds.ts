import type { Scenario } from '../scenario.ts';
import { firefoxAllowed } from '../firefoxExpectations.ts';
import { allowOrigin, allowed, blocked, preflightAnswer, preflightEcho, respond, root } from './plan.ts';

/**
 * Cases developers keep meeting, each named after where it comes from. The
 * server side reproduces what those servers answer.
 */
export const seedScenarios: Scenario[] = [
  {
    name: 'seed-object-store-put-x-oss-test-403',
    title: 'PUT with x-oss-test to an object store whose CORS rule does not allow the header: the preflight gets 403 without CORS headers',
    source: 'object-store CORS rules (Alibaba Cloud OSS style: "AccessForbidden, CORSResponse: This CORS request is not allowed")',
    routes: root({ preflight: respond([['Content-Type', 'application/xml']], 403), actual: allowOrigin() }),
    requests: [{ method: 'PUT', body: 'object', headers: [['x-oss-test', 'test']] }],
    expect: [blocked('PreflightMissingAllowOriginHeader', '', 'sent')],
  },
  {
    name: 'seed-delete-x-requested-with-max-age-86400',
    title: 'DELETE with X-Requested-With and Access-Control-Max-Age: 86400, twice: the second is served from the cache (capped at 2 hours in Chromium)',
    source: 'jQuery-era APIs that send X-Requested-With and ask for a day of preflight caching',
    routes: root({
      preflight: preflightAnswer([
        ['Access-Control-Allow-Methods', 'GET, POST, DELETE'],
        ['Access-Control-Allow-Headers', 'X-Requested-With'],
        ['Access-Control-Max-Age', '86400'],
      ]),
      actual: allowOrigin(),
    }),
    requests: [
      { method: 'DELETE', headers: [['X-Requested-With', 'XMLHttpRequest']] },
      { method: 'DELETE', headers: [['X-Requested-With', 'XMLHttpRequest']] },
    ],
    expect: [allowed('sent'), allowed('cache-hit')],
  },
  {
    name: 'seed-messaging-post-json',
    title: 'A messaging API POST with Content-Type: application/json to a server whose preflight does not allow Content-Type',
    source: 'chat/messaging web clients posting JSON to an API on another origin',
    routes: root({ preflight: preflightAnswer([['Access-Control-Allow-Methods', 'POST']]), actual: allowOrigin() }),
    requests: [{ method: 'POST', body: '{"text":"hi"}', headers: [['Content-Type', 'application/json']] }],
    expect: [blocked('HeaderDisallowedByPreflightResponse', 'content-type', 'sent')],
  },
  {
    name: 'seed-delete-with-credentials',
    title: 'DELETE with credentials, answered with the exact origin and Access-Control-Allow-Credentials: true on both responses',
    source: 'session-cookie APIs (fetch with credentials: "include")',
    routes: root({
      preflight: preflightAnswer([
        ['Access-Control-Allow-Methods', 'DELETE'],
        ['Access-Control-Allow-Credentials', 'true'],
      ]),
      actual: allowOrigin([['Access-Control-Allow-Credentials', 'true']]),
    }),
    requests: [{ method: 'DELETE', credentials: 'include' }],
    expect: [allowed('sent')],
  },
  {
    name: 'seed-put-with-dnt',
    title: 'PUT with a DNT header: DNT is a forbidden header, dropped by the browser, and only the method is preflighted',
    source: 'analytics clients that copy navigator.doNotTrack into a DNT header',
    routes: root({ preflight: preflightAnswer([['Access-Control-Allow-Methods', 'PUT']]), actual: allowOrigin() }),
    requests: [{ method: 'PUT', body: 'x', headers: [['DNT', '1']] }],
    expect: [allowed('sent')],
  },
  {
    name: 'seed-allow-origin-without-scheme',
    title: 'Access-Control-Allow-Origin: example.com, written without a scheme',
    source: 'server configurations that list a bare host name as the allowed origin',
    routes: root({ actual: respond([['Access-Control-Allow-Origin', 'example.com']]) }),
    requests: [{ method: 'GET' }],
    expect: [blocked('InvalidAllowOriginValue', 'example.com')],
  },
];

/** Requests Chromium refuses inside the renderer, before the network: seen only as Audits CORS issues. */
export const rendererScenarios: Scenario[] = [
  {
    name: 'fetch-ftp-scheme',
    title: 'fetch() to an ftp: URL: CORS requests need http: or https:',
    routes: {},
    requests: [{ method: 'GET', url: 'ftp://localhost/cors-lens-lab' }],
    expect: [blocked('CorsDisabledScheme', 'ftp')],
    rejectedInRenderer: true,
    firefox: {
      webRequestCannotTell: 'Firefox refuses it before any request is made',
    },
  },
  {
    name: 'same-origin-mode-cross-origin',
    title: "mode: 'same-origin' to another origin is refused before anything is sent",
    routes: root({ actual: allowOrigin() }),
    requests: [{ method: 'GET', mode: 'same-origin' }],
    expect: [blocked('DisallowedByMode')],
    rejectedInRenderer: true,
    firefox: {
      differs: 'Firefox refuses it with a security error, not a CORS reason',
      expect: [{ reason: null, outcome: 'error', preflight: 'not-needed' }],
      webRequestCannotTell: 'Firefox refuses it before any request is made',
    },
  },
  {
    name: 'no-cors-redirect-manual',
    title: "mode: 'no-cors' with redirect: 'manual' is refused before anything is sent",
    routes: root({ actual: allowOrigin() }),
    requests: [{ method: 'GET', mode: 'no-cors', redirect: 'manual' }],
    expect: [blocked('NoCorsRedirectModeNotFollow')],
    rejectedInRenderer: true,
    firefox: {
      expect: [{ reason: null, outcome: 'error', preflight: 'not-needed' }],
    },
  },
];

/**
 * Local Network Access (Chromium 156): pages Chromium counts as public (see
 * the lab's --ip-address-space-overrides) calling the loopback API.
 */
export const localNetworkScenarios: Scenario[] = [
  {
    name: 'lna-public-page-to-loopback',
    title: 'A public page (a secure context) calls the loopback API: the local network permission is needed and not granted',
    from: 'public-page',
    routes: root({ actual: allowOrigin() }),
    requests: [{ method: 'GET' }],
    expect: [blocked('LocalNetworkAccessPermissionDenied')],
    devToolsHarCannotTell: "the page's address space (public, by a Chromium flag) is in no HAR",
    firefox: { cannotRun: "Chromium's Local Network Access, on pages Chromium-only flags make public" },
  },
  {
    name: 'lna-public-page-preflighted',
    title: 'A public page sends a PUT to the loopback API: even the preflight is stopped at the connection',
    from: 'public-page',
    routes: root({ preflight: preflightAnswer([['Access-Control-Allow-Methods', 'PUT']]), actual: allowOrigin() }),
    requests: [{ method: 'PUT' }],
    expect: [blocked('LocalNetworkAccessPermissionDenied', '', 'sent')],
    expectedOptions: 0,
    webRequestCannotTell: 'webRequest reports the refused preflight as net::ERR_FAILED, not as a Local Network Access block',
    firefox: { cannotRun: "Chromium's Local Network Access, on pages Chromium-only flags make public" },
  },
  {
    name: 'lna-insecure-public-page',
    title: 'A public page that is not a secure context (plain http on a host name) calls the loopback API',
    from: 'insecure-public-page',
    routes: root({ actual: allowOrigin() }),
    requests: [{ method: 'GET' }],
    expect: [blocked('InsecureLocalNetwork')],
    devToolsHarCannotTell: "the page's address space (public, by a Chromium flag) is in no HAR",
    firefox: { cannotRun: "Chromium's Local Network Access, on pages Chromium-only flags make public" },
  },
  {
    name: 'lna-target-address-space-mismatch',
    title: "fetch(url, {targetAddressSpace: 'local'}) to a server on loopback",
    routes: root({ actual: allowOrigin() }),
    requests: [{ method: 'GET', targetAddressSpace: 'local' }],
    expect: [blocked('InvalidLocalNetworkAccess')],
    judgedAsDeclared: 'the targetAddressSpace option is not visible in CDP, webRequest or HAR',
    webRequestCannotTell: 'the targetAddressSpace option is not visible to webRequest, and the refusal is reported as net::ERR_FAILED',
    firefox: {
      differs: "Firefox ignores fetch()'s targetAddressSpace (a Chromium option): allowed",
      expect: [firefoxAllowed()],
    },
  },
  {
    name: 'lna-target-address-space-public',
    title: "fetch(url, {targetAddressSpace: 'public'}) to a server on loopback",
    routes: root({ actual: allowOrigin() }),
    requests: [{ method: 'GET', targetAddressSpace: 'public' }],
    expect: [blocked('InvalidLocalNetworkAccess')],
    judgedAsDeclared: 'the targetAddressSpace option is not visible in CDP, webRequest or HAR',
    webRequestCannotTell: 'the targetAddressSpace option is not visible to webRequest, and the refusal is reported as net::ERR_FAILED',
    firefox: {
      differs: "Firefox ignores fetch()'s targetAddressSpace (a Chromium option): allowed",
      expect: [firefoxAllowed()],
    },
  },
  {
    name: 'lna-target-address-space-preflighted',
    title: "A preflighted PUT with targetAddressSpace: 'public' to a server on loopback: the preflight passes, the PUT is refused at the connection",
    // Credentials allowed too: a refused request whose preflight passes only
    // without them is read as a credentialed one (see decideVerdict).
    routes: root({ preflight: preflightEcho([['Access-Control-Allow-Credentials', 'true']]), actual: allowOrigin() }),
    requests: [{ method: 'PUT', headers: [['X-Lna', '1']], targetAddressSpace: 'public' }],
    expect: [blocked('InvalidLocalNetworkAccess', '', 'sent')],
    judgedAsDeclared: 'the targetAddressSpace option is not visible in CDP, webRequest or HAR',
    webRequestCannotTell: 'the targetAddressSpace option is not visible to webRequest, and the refusal is reported as net::ERR_FAILED',
    firefox: {
      differs: "Firefox ignores fetch()'s targetAddressSpace (a Chromium option): the preflight passes and the PUT is allowed",
      expect: [firefoxAllowed('sent')],
    },
  },
  {
    name: 'lna-target-address-space-loopback',
    title: "fetch(url, {targetAddressSpace: 'loopback'}) to a server on loopback is fine",
    routes: root({ actual: allowOrigin() }),
    requests: [{ method: 'GET', targetAddressSpace: 'loopback' }],
    expect: [allowed()],
    judgedAsDeclared: 'the targetAddressSpace option is not visible in CDP, webRequest or HAR',
  },
];
