import { describe, expect, it } from 'vitest';
import { PreflightCache } from '../cache/preflightCache.ts';
import { decideVerdict } from '../cors/decideVerdict.ts';
import type { CorsRequest } from '../cors/corsRequest.ts';
import type { Header } from '../fetch/headers.ts';
import { preflightReasons } from '../explain/preflightReasons.ts';
import { CHROMIUM_RULES, FIREFOX_RULES, isBrowserRefusal } from './browserRules.ts';

const PAGE = 'http://127.0.0.1:4780';
const API = 'http://localhost:4781/s/x/';
const h = (...pairs: [string, string][]): Header[] => pairs.map(([name, value]) => ({ name, value }));
const request: CorsRequest = { url: API, method: 'PUT', headers: [], initiatorOrigin: PAGE, mode: 'cors', credentials: 'same-origin', redirect: 'follow' };

// The lab's redirect-second-preflight-fails: a PUT redirected (307) back to
// the page's origin, whose second preflight allows the page's origin, not "null".
const exchange = {
  request,
  hops: [
    {
      url: API,
      preflight: { response: { status: 204, headers: h(['Access-Control-Allow-Origin', PAGE], ['Access-Control-Allow-Methods', 'PUT']) } },
      response: { status: 307, headers: h(['Location', `${PAGE}/back`], ['Access-Control-Allow-Origin', PAGE]) },
      sent: true,
    },
    {
      url: `${PAGE}/back`,
      preflight: { response: { status: 204, headers: h(['Access-Control-Allow-Origin', PAGE], ['Access-Control-Allow-Methods', 'PUT']) } },
      response: { status: 200, headers: h(['Access-Control-Allow-Origin', 'null']) },
      sent: true,
    },
  ],
};

describe("decideVerdict with a browser's rules", () => {
  it('Chromium: the second preflight goes out with Origin: null, and fails', () => {
    expect(decideVerdict(exchange, { rules: CHROMIUM_RULES })).toMatchObject({
      outcome: 'blocked',
      failure: { corsError: 'PreflightAllowOriginMismatch' },
      failedHop: 1,
    });
  });

  it("Firefox: no CORS check on a preflight to the page's own origin; the response's check still uses null", () => {
    expect(decideVerdict(exchange, { rules: FIREFOX_RULES })).toMatchObject({ outcome: 'allowed', preflight: 'sent' });
  });
});

describe('isBrowserRefusal', () => {
  it("knows each browser's code for a request it refused itself, and no network failure", () => {
    expect(isBrowserRefusal('net::ERR_FAILED')).toBe(true);
    expect(isBrowserRefusal('NS_ERROR_DOM_BAD_URI')).toBe(true);
    expect(isBrowserRefusal('NS_ERROR_CONNECTION_REFUSED')).toBe(false);
    expect(isBrowserRefusal(undefined)).toBe(false);
  });
});

describe("Firefox's safelist and preflight cache, as the lab showed them", () => {
  const dpr: CorsRequest = { ...request, method: 'GET', headers: h(['DPR', '2']) };
  const answered = { url: API, response: { status: 200, headers: h(['Access-Control-Allow-Origin', PAGE]) }, sent: true };

  it('a client hint needs a preflight in Firefox only: a Firefox HAR, which records none, says "not recorded"', () => {
    expect(decideVerdict({ request: dpr, hops: [answered], preflightsRecorded: false }, { rules: CHROMIUM_RULES }).preflight).toBe('not-needed');
    expect(decideVerdict({ request: dpr, hops: [answered], preflightsRecorded: false }, { rules: FIREFOX_RULES }).preflight).toBe('not-recorded');
  });

  it('says why Firefox preflights a client hint: a reason of its own, no longer among the rules met', () => {
    const [chromiumHop] = decideVerdict({ request: dpr, hops: [answered] }, { rules: CHROMIUM_RULES }).hops;
    const [firefoxHop] = decideVerdict({ request: dpr, hops: [answered] }, { rules: FIREFOX_RULES }).hops;
    expect(chromiumHop?.preflightNeed.reasons).toEqual([]);
    expect(chromiumHop?.preflightNeed.met).toContainEqual({ kind: 'header', name: 'dpr', value: '2', rule: 'chromium-client-hint' });
    expect(firefoxHop?.preflightNeed.reasons).toEqual([
      { kind: 'header-not-safelisted-here', header: { kind: 'header', name: 'dpr', value: '2', rule: 'chromium-client-hint' } },
    ]);
    expect(firefoxHop?.preflightNeed.met).toEqual([{ kind: 'method', method: 'GET' }]);
    expect(preflightReasons(firefoxHop!.preflightNeed)).toEqual(['dpr is safelisted only by Chromium, not by the Fetch Standard or Firefox']);
  });

  it('caches no preflight whose Max-Age is not digits, and caches long URLs', () => {
    const result = { methods: ['PUT'], headers: [], credentials: false, maxAge: 'soon', allowMethodsValue: 'PUT', allowHeadersValue: null };
    expect(new PreflightCache({ engine: 'chromium' }).store({ origin: PAGE, url: API }, result, 0)).toMatchObject({
      stored: true,
      entry: { lifetime: { seconds: 5 } },
    });
    expect(new PreflightCache({ engine: 'firefox' }).store({ origin: PAGE, url: API }, result, 0)).toMatchObject({ stored: false, reason: 'zero-lifetime' });
    const long = `${API}?q=${'x'.repeat(1100)}`;
    const ok = { ...result, maxAge: '600' };
    expect(new PreflightCache({ engine: 'chromium' }).store({ origin: PAGE, url: long }, ok, 0)).toMatchObject({ stored: false, reason: 'url-too-long' });
    expect(new PreflightCache({ engine: 'firefox' }).store({ origin: PAGE, url: long }, ok, 0)).toMatchObject({ stored: true });
  });

  const allowPut = (headers: string | null) => ({
    methods: ['PUT'],
    headers: headers ? [headers] : [],
    credentials: false,
    maxAge: '600',
    allowMethodsValue: 'PUT',
    allowHeadersValue: headers,
  });
  const served = (status: number) => ({
    url: API,
    startTime: 10,
    responseTime: 11,
    response: { status: 200, headers: h(...(status === 200 ? [['Access-Control-Allow-Origin', PAGE] as [string, string]] : [])) },
    sent: true,
  });

  it("the cache serves a request with a client hint only from an entry listing it: Firefox's lookup wants every header it finds unsafe", () => {
    const put: CorsRequest = { ...request, headers: h(['DPR', '2']) };
    const cache = new PreflightCache({ engine: 'firefox' });
    cache.store({ origin: PAGE, url: API }, allowPut(null), 0);
    expect(decideVerdict({ request: put, hops: [served(200)] }, { cache, rules: FIREFOX_RULES }).preflight).toBe('not-seen');
    cache.store({ origin: PAGE, url: API }, allowPut('dpr'), 1);
    expect(decideVerdict({ request: put, hops: [served(200)] }, { cache, rules: FIREFOX_RULES }).preflight).toBe('cache-hit');
  });

  it("a response that fails the CORS check drops the URL's entries from Firefox's cache, from when it came (cache-kept-after-blocked-response)", () => {
    for (const [engine, rules, kept] of [
      ['firefox', FIREFOX_RULES, false],
      ['chromium', CHROMIUM_RULES, true],
    ] as const) {
      const cache = new PreflightCache({ engine });
      cache.store({ origin: PAGE, url: API }, allowPut(null), 0);
      expect(decideVerdict({ request, hops: [served(500)] }, { cache, rules })).toMatchObject({
        outcome: 'blocked',
        failure: { corsError: 'MissingAllowOriginHeader' },
        preflight: 'cache-hit',
      });
      expect(cache.lookup({ key: { origin: PAGE, url: API }, method: 'PUT', headers: [], credentials: 'same-origin' }, 10).hit).toBe(true);
      expect(cache.lookup({ key: { origin: PAGE, url: API }, method: 'PUT', headers: [], credentials: 'same-origin' }, 12).hit).toBe(kept);
    }
  });

  it('a preflight sent although the model holds an entry: when credentials are unknown and the entry would not serve a credentialed request, credentials are named as the likely cause', () => {
    const preflighted = {
      ...served(200),
      preflight: {
        startTime: 9,
        responseTime: 9.5,
        response: { status: 204, headers: h(['Access-Control-Allow-Origin', PAGE], ['Access-Control-Allow-Methods', 'PUT']) },
      },
    };
    const reasonIn = (rules: typeof FIREFOX_RULES, credentialsAssumed: boolean, entryAllowsCredentials: boolean): unknown => {
      const cache = new PreflightCache({ engine: rules.cache });
      cache.store({ origin: PAGE, url: API }, { ...allowPut(null), credentials: entryAllowsCredentials }, 0);
      const verdict = decideVerdict({ request: { ...request, credentialsAssumed }, hops: [preflighted] }, { cache, rules });
      return verdict.notes.find((note) => note.kind === 'preflighted-despite-cache');
    };
    // Firefox keys entries by credentials; Chromium's entry made without Access-Control-Allow-Credentials serves no credentialed request.
    expect(reasonIn(FIREFOX_RULES, true, false)).toMatchObject({ reason: 'credentials-unknown' });
    expect(reasonIn(CHROMIUM_RULES, true, false)).toMatchObject({ reason: 'credentials-unknown' });
    // A Chromium entry that allows credentials would serve either way; credentials the capture shows leave nothing to guess.
    expect(reasonIn(CHROMIUM_RULES, true, true)).toMatchObject({ reason: 'unknown' });
    expect(reasonIn(FIREFOX_RULES, false, false)).toMatchObject({ reason: 'unknown' });
  });
});
