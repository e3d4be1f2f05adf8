import type { Scenario } from '../scenario.ts';
import { firefoxBlocked } from '../firefoxExpectations.ts';
import { allowOrigin, allowed, blocked, preflightAnswer, preflightEcho, respond, root } from './plan.ts';

/** Why a request is preflighted, and every check Chromium runs on the preflight's answer, in its order. */
export const preflightScenarios: Scenario[] = [
  {
    name: 'put-preflight-allowed',
    title: 'PUT, preflight allows the method',
    routes: root({ preflight: preflightAnswer([['Access-Control-Allow-Methods', 'PUT']]), actual: allowOrigin() }),
    requests: [{ method: 'PUT', body: 'x' }],
    expect: [allowed('sent')],
  },
  {
    name: 'put-method-not-allowed',
    title: 'PUT, preflight allows only GET and POST',
    routes: root({ preflight: preflightAnswer([['Access-Control-Allow-Methods', 'GET, POST']]), actual: allowOrigin() }),
    requests: [{ method: 'PUT' }],
    expect: [blocked('MethodDisallowedByPreflightResponse', 'PUT', 'sent')],
  },
  {
    name: 'put-no-allow-methods',
    title: 'PUT, preflight without Access-Control-Allow-Methods',
    routes: root({ preflight: preflightAnswer(), actual: allowOrigin() }),
    requests: [{ method: 'PUT' }],
    expect: [blocked('MethodDisallowedByPreflightResponse', 'PUT', 'sent')],
  },
  {
    name: 'patch-lowercase-method',
    title: "fetch(url, {method: 'patch'}) is sent as 'patch' and PATCH does not allow it",
    routes: root({ preflight: preflightAnswer([['Access-Control-Allow-Methods', 'PATCH']]), actual: allowOrigin() }),
    requests: [{ method: 'patch' }],
    expect: [blocked('MethodDisallowedByPreflightResponse', 'patch', 'sent')],
  },
  {
    name: 'patch-lowercase-method-allowed',
    title: "'patch' passes a preflight that allows 'patch'; the server's HTTP parser then answers 400 without CORS headers",
    routes: root({ preflight: preflightAnswer([['Access-Control-Allow-Methods', 'patch']]), actual: allowOrigin() }),
    requests: [{ method: 'patch' }],
    expect: [blocked('MissingAllowOriginHeader', '', 'sent')],
  },
  {
    name: 'delete-lowercase-normalized',
    title: "fetch(url, {method: 'delete'}) is normalised to DELETE",
    routes: root({ preflight: preflightAnswer([['Access-Control-Allow-Methods', 'DELETE']]), actual: allowOrigin() }),
    requests: [{ method: 'delete' }],
    expect: [allowed('sent')],
  },
  {
    name: 'post-lowercase-simple',
    title: "fetch(url, {method: 'post'}) is a simple POST: no preflight",
    routes: root({ actual: allowOrigin() }),
    requests: [{ method: 'post', body: 'x' }],
    expect: [allowed()],
  },
  {
    name: 'method-wildcard',
    title: 'Access-Control-Allow-Methods: * allows PUT without credentials',
    routes: root({ preflight: preflightAnswer([['Access-Control-Allow-Methods', '*']]), actual: allowOrigin() }),
    requests: [{ method: 'PUT' }],
    expect: [allowed('sent')],
  },
  {
    name: 'method-wildcard-with-credentials',
    title: 'Access-Control-Allow-Methods: * is only a literal "*" when credentials are included',
    routes: root({
      preflight: preflightAnswer([
        ['Access-Control-Allow-Methods', '*'],
        ['Access-Control-Allow-Credentials', 'true'],
      ]),
      actual: allowOrigin([['Access-Control-Allow-Credentials', 'true']]),
    }),
    requests: [{ method: 'PUT', credentials: 'include' }],
    expect: [blocked('MethodDisallowedByPreflightResponse', 'PUT', 'sent')],
  },
  {
    name: 'allow-methods-invalid',
    title: 'Access-Control-Allow-Methods: "PUT DELETE" (a space is not a separator)',
    routes: root({ preflight: preflightAnswer([['Access-Control-Allow-Methods', 'PUT DELETE']]), actual: allowOrigin() }),
    requests: [{ method: 'PUT' }],
    expect: [blocked('InvalidAllowMethodsPreflightResponse', '', 'sent')],
  },
  {
    name: 'allow-headers-invalid',
    title: 'Access-Control-Allow-Headers: "x-a; x-b" (a semicolon is not a separator)',
    routes: root({
      preflight: preflightAnswer([
        ['Access-Control-Allow-Methods', 'PUT'],
        ['Access-Control-Allow-Headers', 'x-a; x-b'],
      ]),
      actual: allowOrigin(),
    }),
    requests: [{ method: 'PUT', headers: [['X-A', '1']] }],
    expect: [blocked('InvalidAllowHeadersPreflightResponse', '', 'sent')],
  },
  {
    name: 'invalid-methods-before-invalid-headers',
    title: 'Both lists malformed: the methods are parsed first',
    routes: root({
      preflight: preflightAnswer([
        ['Access-Control-Allow-Methods', '"PUT"'],
        ['Access-Control-Allow-Headers', 'x a'],
      ]),
      actual: allowOrigin(),
    }),
    requests: [{ method: 'PUT', headers: [['X-A', '1']] }],
    expect: [blocked('InvalidAllowMethodsPreflightResponse', '', 'sent')],
  },
  {
    name: 'custom-header-not-allowed',
    title: 'A custom header the preflight does not list',
    routes: root({ preflight: preflightAnswer([['Access-Control-Allow-Headers', 'x-other']]), actual: allowOrigin() }),
    requests: [{ method: 'GET', headers: [['X-Custom', 'value']] }],
    expect: [blocked('HeaderDisallowedByPreflightResponse', 'x-custom', 'sent')],
  },
  {
    name: 'custom-header-allowed-case-insensitive',
    title: 'Access-Control-Allow-Headers matches names case-insensitively',
    routes: root({ preflight: preflightAnswer([['Access-Control-Allow-Headers', 'X-CUSTOM']]), actual: allowOrigin() }),
    requests: [{ method: 'GET', headers: [['x-custom', 'value']] }],
    expect: [allowed('sent')],
  },
  {
    name: 'method-checked-before-headers',
    title: 'Neither the method nor the header allowed: the method is reported',
    routes: root({
      preflight: preflightAnswer([
        ['Access-Control-Allow-Methods', 'GET'],
        ['Access-Control-Allow-Headers', 'x-other'],
      ]),
      actual: allowOrigin(),
    }),
    requests: [{ method: 'PUT', headers: [['X-Custom', '1']] }],
    expect: [blocked('MethodDisallowedByPreflightResponse', 'PUT', 'sent')],
  },
  {
    name: 'first-disallowed-header-reported',
    title: 'Three disallowed headers: Chromium names the first in its own header order',
    routes: root({ preflight: preflightAnswer([['Access-Control-Allow-Methods', 'PUT']]), actual: allowOrigin() }),
    requests: [
      {
        method: 'PUT',
        headers: [
          ['X-Zeta', '1'],
          ['X-Alpha', '1'],
          ['X-Mid', '1'],
        ],
      },
    ],
    expect: [blocked('HeaderDisallowedByPreflightResponse', 'x-zeta', 'sent')],
    firefox: {
      differs: 'Firefox names the first missing header in sorted order (x-alpha); Chromium names the first in its own header order (x-zeta)',
      expect: [firefoxBlocked('CORSMissingAllowHeaderFromPreflight', 'sent', 'x-alpha')],
    },
  },
  {
    name: 'headers-wildcard',
    title: 'Access-Control-Allow-Headers: * allows any header without credentials',
    routes: root({ preflight: preflightAnswer([['Access-Control-Allow-Headers', '*']]), actual: allowOrigin() }),
    requests: [
      {
        method: 'GET',
        headers: [
          ['X-Custom', '1'],
          ['X-Trace-Id', 'abc'],
        ],
      },
    ],
    expect: [allowed('sent')],
  },
  {
    name: 'authorization-covered-by-wildcard',
    title: 'Authorization under Access-Control-Allow-Headers: * (Chromium allows it, with a deprecation warning)',
    routes: root({ preflight: preflightAnswer([['Access-Control-Allow-Headers', '*']]), actual: allowOrigin() }),
    requests: [{ method: 'GET', headers: [['Authorization', 'Bearer token']] }],
    expect: [allowed('sent')],
  },
  {
    name: 'headers-wildcard-with-credentials',
    title: 'Access-Control-Allow-Headers: * with credentials is a literal "*"',
    routes: root({
      preflight: preflightAnswer([
        ['Access-Control-Allow-Headers', '*'],
        ['Access-Control-Allow-Credentials', 'true'],
      ]),
      actual: allowOrigin([['Access-Control-Allow-Credentials', 'true']]),
    }),
    requests: [{ method: 'GET', headers: [['Authorization', 'Bearer token']], credentials: 'include' }],
    expect: [blocked('HeaderDisallowedByPreflightResponse', 'authorization', 'sent')],
  },
  {
    name: 'preflight-missing-allow-origin',
    title: 'The preflight answer lacks Access-Control-Allow-Origin',
    routes: root({ preflight: respond([['Access-Control-Allow-Methods', 'PUT']], 204), actual: allowOrigin() }),
    requests: [{ method: 'PUT' }],
    expect: [blocked('PreflightMissingAllowOriginHeader', '', 'sent')],
  },
  {
    name: 'preflight-404-without-cors-headers',
    title: 'A router that does not handle OPTIONS: 404 without CORS headers',
    routes: root({ preflight: respond([], 404), actual: allowOrigin() }),
    requests: [{ method: 'PUT' }],
    expect: [blocked('PreflightMissingAllowOriginHeader', '', 'sent')],
  },
  {
    name: 'preflight-401-from-auth-middleware',
    title: 'Authentication middleware answers the preflight 401, without CORS headers',
    routes: root({ preflight: respond([['WWW-Authenticate', 'Bearer']], 401), actual: allowOrigin() }),
    requests: [{ method: 'GET', headers: [['Authorization', 'Bearer token']] }],
    expect: [blocked('PreflightMissingAllowOriginHeader', '', 'sent')],
  },
  {
    name: 'preflight-404-with-cors-headers',
    title: 'A 404 preflight answer that does carry the CORS headers: the status fails',
    routes: root({ preflight: preflightAnswer([['Access-Control-Allow-Methods', 'PUT']], 404), actual: allowOrigin() }),
    requests: [{ method: 'PUT' }],
    expect: [blocked('PreflightInvalidStatus', '', 'sent')],
  },
  {
    name: 'preflight-405-with-cors-headers',
    title: 'A 405 Method Not Allowed for OPTIONS, with the CORS headers',
    routes: root({
      preflight: preflightAnswer(
        [
          ['Access-Control-Allow-Methods', 'DELETE'],
          ['Allow', 'GET, DELETE'],
        ],
        405,
      ),
      actual: allowOrigin(),
    }),
    requests: [{ method: 'DELETE' }],
    expect: [blocked('PreflightInvalidStatus', '', 'sent')],
  },
  {
    name: 'preflight-200-allowed',
    title: 'A 200 (not 204) preflight answer is fine',
    routes: root({ preflight: preflightAnswer([['Access-Control-Allow-Methods', 'PUT']], 200), actual: allowOrigin() }),
    requests: [{ method: 'PUT' }],
    expect: [allowed('sent')],
  },
  {
    name: 'preflight-redirect',
    title: 'The preflight is answered with a redirect',
    routes: root({
      preflight: respond(
        [
          ['Location', '{base}/elsewhere'],
          ['Access-Control-Allow-Origin', '{origin}'],
        ],
        302,
      ),
      actual: allowOrigin(),
    }),
    requests: [{ method: 'PUT' }],
    expect: [blocked('PreflightDisallowedRedirect', '', 'sent')],
    firefox: { expect: [firefoxBlocked('CORSExternalRedirectNotAllowed', 'sent')] },
  },
  {
    name: 'preflight-wildcard-with-credentials',
    title: 'Preflight answers Access-Control-Allow-Origin: * for a credentialed PUT',
    routes: root({
      preflight: respond(
        [
          ['Access-Control-Allow-Origin', '*'],
          ['Access-Control-Allow-Methods', 'PUT'],
        ],
        204,
      ),
      actual: allowOrigin(),
    }),
    requests: [{ method: 'PUT', credentials: 'include' }],
    expect: [blocked('PreflightWildcardOriginNotAllowed', '', 'sent')],
  },
  {
    name: 'preflight-allow-origin-twice',
    title: 'Preflight carries Access-Control-Allow-Origin twice',
    routes: root({
      preflight: respond(
        [
          ['Access-Control-Allow-Origin', '{origin}'],
          ['Access-Control-Allow-Origin', '{origin}'],
          ['Access-Control-Allow-Methods', 'PUT'],
        ],
        204,
      ),
      actual: allowOrigin(),
    }),
    requests: [{ method: 'PUT' }],
    expect: [blocked('PreflightMultipleAllowOriginValues', '{origin}, {origin}', 'sent')],
  },
  {
    name: 'preflight-allow-origin-invalid',
    title: 'Preflight answers Access-Control-Allow-Origin: *.example.com',
    routes: root({
      preflight: respond(
        [
          ['Access-Control-Allow-Origin', '*.example.com'],
          ['Access-Control-Allow-Methods', 'PUT'],
        ],
        204,
      ),
      actual: allowOrigin(),
    }),
    requests: [{ method: 'PUT' }],
    expect: [blocked('PreflightInvalidAllowOriginValue', '*.example.com', 'sent')],
  },
  {
    name: 'preflight-allow-origin-mismatch',
    title: 'Preflight allows another origin',
    routes: root({
      preflight: respond(
        [
          ['Access-Control-Allow-Origin', 'https://app.example'],
          ['Access-Control-Allow-Methods', 'PUT'],
        ],
        204,
      ),
      actual: allowOrigin(),
    }),
    requests: [{ method: 'PUT' }],
    expect: [blocked('PreflightAllowOriginMismatch', 'https://app.example', 'sent')],
  },
  {
    name: 'preflight-missing-allow-credentials',
    title: 'Credentialed PUT, preflight without Access-Control-Allow-Credentials',
    routes: root({
      preflight: preflightAnswer([['Access-Control-Allow-Methods', 'PUT']]),
      actual: allowOrigin([['Access-Control-Allow-Credentials', 'true']]),
    }),
    requests: [{ method: 'PUT', credentials: 'include' }],
    expect: [blocked('PreflightInvalidAllowCredentials', '', 'sent')],
  },
  {
    name: 'preflight-origin-before-status',
    title: 'Preflight 500 with a wrong origin: the origin check runs before the status check',
    routes: root({ preflight: respond([['Access-Control-Allow-Origin', 'https://app.example']], 500), actual: allowOrigin() }),
    requests: [{ method: 'PUT' }],
    expect: [blocked('PreflightAllowOriginMismatch', 'https://app.example', 'sent')],
  },
  {
    name: 'preflight-passes-actual-blocked',
    title: 'The preflight passes but the actual response lacks Access-Control-Allow-Origin',
    routes: root({ preflight: preflightAnswer([['Access-Control-Allow-Methods', 'PUT']]), actual: respond() }),
    requests: [{ method: 'PUT' }],
    expect: [blocked('MissingAllowOriginHeader', '', 'sent')],
  },
  {
    name: 'concurrent-preflights-same-url',
    title: 'Six preflighted PUTs to one URL at once, each with its own header',
    routes: root({ preflight: preflightEcho(), actual: allowOrigin() }),
    parallel: true,
    requests: ['a', 'b', 'c', 'd', 'e', 'f'].map((id) => ({ method: 'PUT', headers: [[`X-Req-${id}`, id]] as const })),
    expect: Array.from({ length: 6 }, () => allowed('sent')),
  },
  {
    name: 'concurrent-mixed',
    // Each request names its own header, so no preflight result can serve
    // another request from the cache, however the requests interleave.
    title: 'Preflighted PUTs to two paths at once, each with its own header: one path allows them, the other does not',
    routes: {
      '/ok': { preflight: preflightEcho(), actual: allowOrigin() },
      '/no': { preflight: preflightAnswer([['Access-Control-Allow-Methods', 'GET']]), actual: allowOrigin() },
    },
    parallel: true,
    requests: Array.from({ length: 24 }, (_, index) => ({
      method: 'PUT',
      path: index % 2 === 0 ? '/ok' : '/no',
      headers: [[`X-Req-${index}`, String(index)]] as const,
    })),
    expect: Array.from({ length: 24 }, (_, index) =>
      index % 2 === 0 ? allowed('sent') : { corsError: 'MethodDisallowedByPreflightResponse' as const, failedParameter: 'PUT', preflight: 'sent' as const },
    ),
  },
];
