import type { HeaderLine, LabRequest, Scenario } from '../scenario.ts';
import { firefoxAllowed } from '../firefoxExpectations.ts';
import { allowOrigin, allowed, preflightAnswer, preflightEcho, root } from './plan.ts';

const PUT: LabRequest = { method: 'PUT' };

/** Two PUTs in a row under a preflight that sends this Access-Control-Max-Age (or none). */
function maxAgePair(name: string, maxAge: string | null, secondHits: boolean, title: string, firefox?: Scenario['firefox']): Scenario {
  const extra: HeaderLine[] = [['Access-Control-Allow-Methods', 'PUT']];
  if (maxAge !== null) extra.push(['Access-Control-Max-Age', maxAge]);
  return {
    name,
    title,
    routes: root({ preflight: preflightAnswer(extra), actual: allowOrigin() }),
    requests: [PUT, PUT],
    expect: [allowed('sent'), allowed(secondHits ? 'cache-hit' : 'sent')],
    ...(firefox ? { firefox } : {}),
  };
}

/** Firefox caches a preflight only when Access-Control-Max-Age is absent or digits only. */
const FIREFOX_NOT_CACHED: Scenario['firefox'] = {
  differs: 'Firefox does not cache a preflight whose Access-Control-Max-Age holds anything but digits; Chromium falls back to 5 seconds',
  expect: [firefoxAllowed('sent'), firefoxAllowed('sent')],
};

/**
 * Chromium's preflight cache: Access-Control-Max-Age parsing, what an entry
 * covers, and what skips it. Each scenario uses its own URLs, so entries of
 * one scenario never serve another.
 */
export const preflightCacheScenarios: Scenario[] = [
  maxAgePair('max-age-absent', null, true, "No Access-Control-Max-Age: cached for Chromium's default 5 seconds"),
  maxAgePair('max-age-zero', '0', false, 'Access-Control-Max-Age: 0 means "do not cache"'),
  maxAgePair('max-age-600', '600', true, 'Access-Control-Max-Age: 600 serves the second request'),
  maxAgePair('max-age-86400-capped', '86400', true, 'Access-Control-Max-Age: 86400 is cached, capped at 7200 seconds by Chromium'),
  maxAgePair('max-age-garbage', 'soon', true, 'Access-Control-Max-Age: soon is not a number: the 5-second default applies', FIREFOX_NOT_CACHED),
  maxAgePair('max-age-fraction', '600.5', true, 'Access-Control-Max-Age: 600.5 is not an integer: the 5-second default applies', FIREFOX_NOT_CACHED),
  maxAgePair('max-age-negative', '-1', false, 'A negative Access-Control-Max-Age means "do not cache"'),
  maxAgePair('max-age-plus-zero', '+0', false, 'Access-Control-Max-Age: +0 parses as 0: not cached'),
  {
    name: 'cache-method-not-covered',
    title: 'PUT cached, then DELETE (not covered) replaces the entry, so the next PUT is preflighted again',
    routes: root({ preflight: preflightEcho([['Access-Control-Max-Age', '600']]), actual: allowOrigin() }),
    requests: [PUT, { method: 'DELETE' }, PUT],
    expect: [allowed('sent'), allowed('sent'), allowed('sent')],
    firefox: {
      differs:
        'Firefox keeps each allowed method of a URL apart (as the Fetch Standard does): the DELETE preflight adds to the PUT entry instead of replacing it, and the last PUT is served from the cache',
      expect: [firefoxAllowed('sent'), firefoxAllowed('sent'), firefoxAllowed('cache-hit')],
    },
  },
  {
    name: 'cache-header-not-covered',
    title: 'An entry for X-A does not cover a request with X-B',
    routes: root({ preflight: preflightEcho([['Access-Control-Max-Age', '600']]), actual: allowOrigin() }),
    requests: [
      { method: 'PUT', headers: [['X-A', '1']] },
      { method: 'PUT', headers: [['X-B', '1']] },
    ],
    expect: [allowed('sent'), allowed('sent')],
  },
  {
    name: 'cache-covers-fewer-headers',
    title: 'An entry allowing X-A and X-B serves a request that sends only X-A',
    routes: root({
      preflight: preflightAnswer([
        ['Access-Control-Allow-Methods', 'PUT'],
        ['Access-Control-Allow-Headers', 'x-a, x-b'],
        ['Access-Control-Max-Age', '600'],
      ]),
      actual: allowOrigin(),
    }),
    requests: [
      {
        method: 'PUT',
        headers: [
          ['X-A', '1'],
          ['X-B', '1'],
        ],
      },
      { method: 'PUT', headers: [['X-A', '2']] },
    ],
    expect: [allowed('sent'), allowed('cache-hit')],
  },
  {
    name: 'cache-per-url',
    title: 'Entries are per URL, query string included',
    routes: {
      '/a': { preflight: preflightEcho([['Access-Control-Max-Age', '600']]), actual: allowOrigin() },
      '/b': { preflight: preflightEcho([['Access-Control-Max-Age', '600']]), actual: allowOrigin() },
    },
    requests: [
      { method: 'PUT', path: '/a' },
      { method: 'PUT', path: '/b' },
      { method: 'PUT', path: '/a?page=2' },
      { method: 'PUT', path: '/a' },
    ],
    expect: [allowed('sent'), allowed('sent'), allowed('sent'), allowed('cache-hit')],
  },
  {
    name: 'cache-credentials-not-covered',
    title: 'An entry from a preflight without credentials does not serve a credentialed request',
    routes: root({
      preflight: preflightEcho([
        ['Access-Control-Max-Age', '600'],
        ['Access-Control-Allow-Credentials', 'true'],
      ]),
      actual: allowOrigin([['Access-Control-Allow-Credentials', 'true']]),
    }),
    requests: [PUT, { method: 'PUT', credentials: 'include' }, PUT],
    expect: [allowed('sent'), allowed('sent'), allowed('cache-hit')],
  },
  {
    name: 'cache-authorization-wildcard-never-cached',
    title: 'Authorization allowed by "*" is never served from the cache',
    routes: root({
      preflight: preflightAnswer([
        ['Access-Control-Allow-Headers', '*'],
        ['Access-Control-Max-Age', '600'],
      ]),
      actual: allowOrigin(),
    }),
    requests: [
      { method: 'GET', headers: [['Authorization', 'Bearer a']] },
      { method: 'GET', headers: [['Authorization', 'Bearer a']] },
    ],
    expect: [allowed('sent'), allowed('sent')],
  },
  {
    name: 'cache-long-url-not-cached',
    title: 'A URL of 1024 characters or more is never cached',
    routes: { [`/?q=${'x'.repeat(1100)}`]: { preflight: preflightEcho([['Access-Control-Max-Age', '600']]), actual: allowOrigin() } },
    requests: [
      { method: 'PUT', path: `/?q=${'x'.repeat(1100)}` },
      { method: 'PUT', path: `/?q=${'x'.repeat(1100)}` },
    ],
    expect: [allowed('sent'), allowed('sent')],
    firefox: {
      differs: 'Firefox has no URL length limit on its preflight cache: the second request is served from it',
      expect: [firefoxAllowed('sent'), firefoxAllowed('cache-hit')],
    },
  },
  {
    name: 'cache-no-store-skips-and-does-not-store',
    title: "cache: 'no-store' skips the preflight cache and does not store its preflight",
    routes: root({ preflight: preflightEcho([['Access-Control-Max-Age', '600']]), actual: allowOrigin() }),
    requests: [{ method: 'PUT', cache: 'no-store' }, PUT, PUT],
    expect: [allowed('sent'), allowed('sent'), allowed('cache-hit')],
    firefox: {
      differs: "Firefox's preflight cache ignores cache: 'no-store': the first preflight is stored and serves the next two requests",
      expect: [firefoxAllowed('sent'), firefoxAllowed('cache-hit'), firefoxAllowed('cache-hit')],
    },
  },
  {
    name: 'cache-reload-skips-but-stores',
    title: "cache: 'reload' skips the preflight cache but its preflight is stored",
    routes: root({ preflight: preflightEcho([['Access-Control-Max-Age', '600']]), actual: allowOrigin() }),
    requests: [PUT, { method: 'PUT', cache: 'reload' }, PUT],
    expect: [allowed('sent'), allowed('sent'), allowed('cache-hit')],
  },
  {
    name: 'cache-failed-preflight-not-cached',
    title: 'A preflight that fails is not cached: the next request asks again',
    routes: root({ preflight: preflightAnswer([['Access-Control-Max-Age', '600']]), actual: allowOrigin() }),
    requests: [
      { method: 'PUT', headers: [['X-A', '1']] },
      { method: 'PUT', headers: [['X-A', '1']] },
    ],
    expect: [
      { corsError: 'MethodDisallowedByPreflightResponse', failedParameter: 'PUT', preflight: 'sent' },
      { corsError: 'MethodDisallowedByPreflightResponse', failedParameter: 'PUT', preflight: 'sent' },
    ],
  },
];
