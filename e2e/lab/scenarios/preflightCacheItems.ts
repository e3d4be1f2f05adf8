import type { LabRequest, Scenario } from '../scenario.ts';
import { firefoxAllowed, firefoxBlocked } from '../firefoxExpectations.ts';
import { allowOrigin, allowed, blocked, preflightAnswer, preflightEcho, respond, root } from './plan.ts';

const PUT: LabRequest = { method: 'PUT' };
const KEEP = ['Access-Control-Max-Age', '600'] as const;

/**
 * What a cache entry holds and when it goes, where Firefox's preflight
 * cache (nsCORSListenerProxy.cpp, nsPreflightCache) and Chromium's
 * (preflight_cache.cc) part ways: Firefox keys credentialed and other
 * requests apart, keeps each allowed method and header as an item of its
 * own, matches items literally (no "*", and HEAD must be listed), and drops
 * a URL's entries when a request to it fails.
 */
export const preflightCacheItemScenarios: Scenario[] = [
  {
    name: 'cache-credentialed-entry-not-shared',
    title: 'A credentialed PUT is preflighted and cached; the same PUT without credentials is served by that entry',
    routes: root({
      preflight: preflightEcho([KEEP, ['Access-Control-Allow-Credentials', 'true']]),
      actual: allowOrigin([['Access-Control-Allow-Credentials', 'true']]),
    }),
    requests: [{ method: 'PUT', credentials: 'include' }, PUT],
    expect: [allowed('sent'), allowed('cache-hit')],
    firefox: {
      differs:
        "Firefox's cache key includes the credentials mode: an entry made for a credentialed request serves only credentialed ones, and the PUT without credentials is preflighted",
      expect: [firefoxAllowed('sent'), firefoxAllowed('sent')],
    },
  },
  {
    name: 'cache-wildcard-method',
    title: 'Access-Control-Allow-Methods: * allows the PUT, and the cached "*" serves the next PUT',
    routes: root({ preflight: preflightAnswer([['Access-Control-Allow-Methods', '*'], KEEP]), actual: allowOrigin() }),
    requests: [PUT, PUT],
    expect: [allowed('sent'), allowed('cache-hit')],
    firefox: {
      differs: 'Firefox caches "*" as a method named "*", which no request method matches: every PUT is preflighted',
      expect: [firefoxAllowed('sent'), firefoxAllowed('sent')],
    },
  },
  {
    name: 'cache-wildcard-headers',
    title: 'Access-Control-Allow-Headers: * allows X-A, and the cached "*" serves the next request with X-A',
    routes: root({ preflight: preflightAnswer([['Access-Control-Allow-Methods', 'PUT'], ['Access-Control-Allow-Headers', '*'], KEEP]), actual: allowOrigin() }),
    requests: [
      { method: 'PUT', headers: [['X-A', '1']] },
      { method: 'PUT', headers: [['X-A', '2']] },
    ],
    expect: [allowed('sent'), allowed('cache-hit')],
    firefox: {
      differs: 'Firefox caches "*" as a header named "*", which no request header matches: every request with X-A is preflighted',
      expect: [firefoxAllowed('sent'), firefoxAllowed('sent')],
    },
  },
  {
    name: 'cache-head-not-listed',
    title: 'A HEAD with X-A is preflighted (HEAD needs no listing) and the entry serves the next one',
    routes: root({ preflight: preflightAnswer([['Access-Control-Allow-Headers', '{acrh}'], KEEP]), actual: allowOrigin() }),
    requests: [
      { method: 'HEAD', headers: [['X-A', '1']] },
      { method: 'HEAD', headers: [['X-A', '2']] },
    ],
    expect: [allowed('sent'), allowed('cache-hit')],
    firefox: {
      differs:
        "Firefox's cache lookup lets GET and POST through without a method item, not HEAD: a HEAD not named in Access-Control-Allow-Methods is preflighted every time",
      expect: [firefoxAllowed('sent'), firefoxAllowed('sent')],
    },
  },
  {
    name: 'cache-headers-merge',
    title: 'An entry for X-A, then one for X-B (which replaces it): a request with both is preflighted again',
    routes: root({ preflight: preflightEcho([KEEP]), actual: allowOrigin() }),
    requests: [
      { method: 'PUT', headers: [['X-A', '1']] },
      { method: 'PUT', headers: [['X-B', '1']] },
      {
        method: 'PUT',
        headers: [
          ['X-A', '2'],
          ['X-B', '2'],
        ],
      },
    ],
    expect: [allowed('sent'), allowed('sent'), allowed('sent')],
    firefox: {
      differs: "Firefox adds the X-B preflight's header to the entry that holds X-A: the request with both is served from the cache",
      expect: [firefoxAllowed('sent'), firefoxAllowed('sent'), firefoxAllowed('cache-hit')],
    },
  },
  {
    name: 'cache-kept-after-blocked-response',
    title: 'The preflight passes and is cached, the response lacks Access-Control-Allow-Origin; the next PUT is served by the entry (and blocked again)',
    routes: root({ preflight: preflightEcho([KEEP]), actual: respond() }),
    requests: [PUT, PUT],
    expect: [blocked('MissingAllowOriginHeader', '', 'sent'), blocked('MissingAllowOriginHeader', '', 'cache-hit')],
    firefox: {
      differs: "Firefox drops a URL's preflight cache entries when a response from it fails the CORS check: the second PUT is preflighted again",
      expect: [firefoxBlocked('CORSMissingAllowOrigin', 'sent'), firefoxBlocked('CORSMissingAllowOrigin', 'sent')],
    },
  },
  {
    name: 'cache-kept-after-blocked-simple-request',
    title: 'A PUT is cached; a credentialed GET to the same URL is blocked (no Access-Control-Allow-Credentials); the next PUT is served by the entry',
    routes: root({ preflight: preflightEcho([KEEP]), actual: allowOrigin() }),
    requests: [PUT, { method: 'GET', credentials: 'include' }, PUT],
    expect: [allowed('sent'), blocked('InvalidAllowCredentials'), allowed('cache-hit')],
    firefox: {
      differs:
        "Firefox drops a URL's preflight cache entries, with and without credentials, when any CORS request to it fails, even one that needed no preflight: the last PUT is preflighted again",
      expect: [firefoxAllowed('sent'), firefoxBlocked('CORSMissingAllowCredentials'), firefoxAllowed('sent')],
    },
  },
  {
    name: 'cache-dropped-after-failed-preflight',
    title: 'A PUT is cached; a DELETE to the same URL is refused by its preflight; the next PUT is preflighted again',
    routes: root({ preflight: preflightAnswer([['Access-Control-Allow-Methods', 'PUT'], KEEP]), actual: allowOrigin() }),
    // Chromium erases the entry that could not serve the DELETE; Firefox drops the URL's entries when the DELETE fails.
    requests: [PUT, { method: 'DELETE' }, PUT],
    expect: [allowed('sent'), blocked('MethodDisallowedByPreflightResponse', 'DELETE', 'sent'), allowed('sent')],
  },
];
