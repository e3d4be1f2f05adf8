import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Header } from '../fetch/headers.ts';
import { PreflightCache } from '../cache/preflightCache.ts';
import type { CorsRequest } from './corsRequest.ts';
import { FIREFOX_RULES } from '../browsers/browserRules.ts';
import { decideVerdict } from './decideVerdict.ts';
import { readUnsafeHeaders } from '../fetch/corsUnsafeRequestHeaderNames.ts';
import { UNKNOWN_FAILURE, type Exchange, type ObservedHop } from './verdict.ts';
import { corsErrorOf } from './verdictFacts.ts';

const PAGE = 'http://app.test';
const API = 'http://api.test/items';
const h = (...pairs: [string, string][]): Header[] => pairs.map(([name, value]) => ({ name, value }));
const allow = (origin = PAGE, ...more: [string, string][]) => h(['Access-Control-Allow-Origin', origin], ...more);

function request(overrides: Partial<CorsRequest> = {}): CorsRequest {
  return { url: API, method: 'GET', headers: [], initiatorOrigin: PAGE, mode: 'cors', credentials: 'same-origin', redirect: 'follow', ...overrides };
}

function hop(url: string, status: number, headers: Header[], extra: Partial<ObservedHop> = {}): ObservedHop {
  return { url, response: { status, headers }, sent: true, ...extra };
}

describe('decideVerdict: redirects', () => {
  it('taints the request after a redirect back to the page\'s origin: the origin becomes "null"', () => {
    const verdict = decideVerdict({
      request: request(),
      hops: [hop(API, 302, allow(PAGE, ['Location', `${PAGE}/back`])), hop(`${PAGE}/back`, 200, allow('null'))],
    });
    expect(verdict.outcome).toBe('allowed');
    expect(verdict.hops.map((each) => [each.origin, each.tainted])).toEqual([
      [PAGE, false],
      ['null', true],
    ]);
  });

  it('checks the redirect response itself: a 3xx without Access-Control-Allow-Origin blocks', () => {
    const verdict = decideVerdict({
      request: request(),
      hops: [hop(API, 307, h(['Location', 'http://api.test/moved'])), hop('http://api.test/moved', 200, allow())],
    });
    expect(verdict).toMatchObject({ failure: { corsError: 'MissingAllowOriginHeader' }, stage: 'redirect', failedHop: 0 });
  });

  it('refuses a redirect to a URL with credentials', () => {
    const verdict = decideVerdict({ request: request(), hops: [hop(API, 302, allow(PAGE, ['Location', 'http://user:pw@api.test/next']))] });
    expect(verdict).toMatchObject({ failure: { corsError: 'RedirectContainsCredentials', failedParameter: '' } });
  });

  it('turns a POST into a GET on 303 and drops the body headers, so no preflight is needed', () => {
    const verdict = decideVerdict({
      request: request({ method: 'POST', headers: h(['Content-Type', 'text/plain']) }),
      hops: [hop(API, 303, allow(PAGE, ['Location', 'http://api.test/result'])), hop('http://api.test/result', 200, allow())],
    });
    expect(verdict.hops[1]).toMatchObject({ method: 'GET', headers: [], preflightRequired: false });
  });

  it("stops at a redirect in redirect: 'manual' mode", () => {
    const verdict = decideVerdict({ request: request({ redirect: 'manual' }), hops: [hop(API, 302, allow(PAGE, ['Location', 'http://api.test/x']))] });
    expect(verdict.outcome).toBe('allowed');
  });

  it('refuses a redirect to a scheme CORS cannot use, without naming it (network service)', () => {
    const verdict = decideVerdict({
      request: request(),
      hops: [hop(API, 302, allow(PAGE, ['Location', 'ftp://api.test/x'])), { url: 'ftp://api.test/x', sent: false }],
    });
    expect(verdict).toMatchObject({ failure: { corsError: 'CorsDisabledScheme', failedParameter: '' }, failedHop: 1 });
  });
});

describe('decideVerdict: refused before anything is sent', () => {
  it('names the scheme of a first URL CORS cannot use (renderer)', () => {
    expect(decideVerdict({ request: request({ url: 'ftp://api.test/x' }), hops: [{ url: 'ftp://api.test/x', sent: false }] })).toMatchObject({
      failure: { corsError: 'CorsDisabledScheme', failedParameter: 'ftp' },
    });
  });

  it("refuses mode: 'same-origin' to another origin (DisallowedByMode)", () => {
    expect(decideVerdict({ request: request({ mode: 'same-origin' }), hops: [{ url: API, sent: false }] })).toMatchObject({
      failure: { corsError: 'DisallowedByMode' },
      stage: 'request',
    });
  });

  it("refuses mode: 'no-cors' with redirect: 'manual' (NoCorsRedirectModeNotFollow)", () => {
    const verdict = decideVerdict({ request: request({ mode: 'no-cors', redirect: 'manual' }), hops: [{ url: API, sent: false }] });
    expect(verdict).toMatchObject({ failure: { corsError: 'NoCorsRedirectModeNotFollow' }, stage: 'request', failedHop: 0 });
    // The failed hop is one the verdict holds: CORS does not apply to it.
    expect(verdict.hops).toEqual([
      expect.objectContaining({
        corsFlag: false,
        preflightRequired: false,
        preflightNeed: { notCorsReason: 'no-cors-mode', reasons: [], met: [], announced: [] },
      }),
    ]);
  });

  it('treats a same-origin-mode request redirected elsewhere as refused, but not by CORS (Chromium 156)', () => {
    const verdict = decideVerdict({
      request: request({ url: `${PAGE}/a`, mode: 'same-origin' }),
      hops: [hop(`${PAGE}/a`, 302, h(['Location', API])), { url: API, sent: false }],
    });
    expect(verdict).toMatchObject({ outcome: 'network-error', failure: null, networkError: 'blocked:origin' });
  });
});

describe('decideVerdict: what the capture does not show', () => {
  it('calls a failure without response headers undetermined rather than guessing', () => {
    expect(decideVerdict({ request: request(), hops: [{ url: API, networkError: 'net::ERR_FAILED' }] })).toMatchObject({
      outcome: 'undetermined',
      failure: null,
    });
  });

  it('reports a network failure as such, not as CORS', () => {
    expect(decideVerdict({ request: request(), hops: [{ url: API, networkError: 'net::ERR_CONNECTION_REFUSED' }] })).toMatchObject({
      outcome: 'network-error',
      networkError: 'net::ERR_CONNECTION_REFUSED',
    });
  });

  it('says what including credentials would change when the capture cannot tell', () => {
    const verdict = decideVerdict({ request: request({ credentialsAssumed: true }), hops: [hop(API, 200, allow('*'))] });
    expect(verdict.outcome).toBe('allowed');
    expect(verdict.notes).toContainEqual({ kind: 'credentials-assumed', alternative: expect.objectContaining({ corsError: 'WildcardOriginNotAllowed' }) });
  });

  it('infers credentials when only the credentialed reading explains the failure, never for a request seen going out', () => {
    const preflight = {
      requestHeaders: h(['Access-Control-Request-Method', 'PUT']),
      response: { status: 204, headers: allow('*', ['Access-Control-Allow-Methods', 'PUT']) },
    };
    const unknown = decideVerdict({
      request: request({ method: 'PUT', credentialsAssumed: true }),
      hops: [{ url: API, preflight, networkError: 'net::ERR_FAILED' }],
    });
    const neverSent = decideVerdict({
      request: request({ method: 'PUT', credentialsAssumed: true }),
      hops: [{ url: API, preflight, networkError: 'net::ERR_FAILED', sent: false }],
    });
    // A refused preflight stops the request before it goes out: one seen going out failed for another reason.
    const wentOut = decideVerdict({
      request: request({ method: 'PUT', credentialsAssumed: true }),
      hops: [{ url: API, preflight, networkError: 'net::ERR_FAILED', sent: true }],
    });
    expect(unknown).toMatchObject({
      failure: { corsError: 'PreflightWildcardOriginNotAllowed' },
      notes: [expect.objectContaining({ kind: 'credentials-inferred' })],
    });
    expect(neverSent).toMatchObject({
      failure: { corsError: 'PreflightWildcardOriginNotAllowed' },
      notes: [expect.objectContaining({ kind: 'credentials-inferred' })],
    });
    expect(wentOut).toMatchObject({ outcome: 'undetermined', failure: null });
  });

  it('infers credentials from a failed response that passes without them: * with credentials, in Access-Control-Allow-Methods or -Origin', () => {
    const failed = decideVerdict({ request: request({ credentialsAssumed: true }), hops: [hop(API, 200, allow('*'), { networkError: 'net::ERR_FAILED' })] });
    expect(failed).toMatchObject({
      outcome: 'blocked',
      failure: { corsError: 'WildcardOriginNotAllowed' },
      notes: [expect.objectContaining({ kind: 'credentials-inferred' })],
    });
    // Not failed: the usual reading, with what credentials would change.
    const completed = decideVerdict({ request: request({ credentialsAssumed: true }), hops: [hop(API, 200, allow('*'))] });
    expect(completed.outcome).toBe('allowed');
  });

  it("judges both credentials modes by the browser's own rules: Firefox preflights DPR in the reading that infers credentials too", () => {
    const failed: Exchange = {
      request: request({ credentialsAssumed: true, headers: h(['DPR', '2']) }),
      hops: [hop(API, 200, allow('*'), { networkError: 'net::ERR_FAILED' })],
    };
    const verdict = decideVerdict(failed, { rules: FIREFOX_RULES });
    expect(verdict.notes).toContainEqual(expect.objectContaining({ kind: 'credentials-inferred' }));
    expect(verdict.hops[0]?.preflightNeed.reasons).toEqual([expect.objectContaining({ kind: 'header-not-safelisted-here' })]);
  });

  it('says "not-recorded" for a needed preflight when the capture tool never records preflights', () => {
    const verdict = decideVerdict({ request: request({ method: 'PUT' }), hops: [hop(API, 200, allow())], preflightsRecorded: false });
    expect(verdict.preflight).toBe('not-recorded');
  });

  it('never claims a cache hit for a needed preflight nobody saw when the model holds no entry: "not-seen"', () => {
    const verdict = decideVerdict({ request: request({ method: 'PUT' }), hops: [hop(API, 200, allow())] }, { cache: new PreflightCache() });
    expect(verdict.preflight).toBe('not-seen');
    expect(verdict.hops[0]).toMatchObject({ preflight: 'not-seen', cacheEntry: undefined });
    expect(verdict.notes).toContainEqual({ kind: 'preflight-not-seen', hop: 0 });
    // Without a model at all, the same.
    expect(decideVerdict({ request: request({ method: 'PUT' }), hops: [hop(API, 200, allow())] }).preflight).toBe('not-seen');
  });
});

describe('decideVerdict: the preflight cache model', () => {
  it('stores a passing preflight and serves the next request from it', () => {
    const cache = new PreflightCache();
    const preflight = {
      requestHeaders: h(['Access-Control-Request-Method', 'PUT']),
      response: { status: 204, headers: allow(PAGE, ['Access-Control-Allow-Methods', 'PUT'], ['Access-Control-Max-Age', '60']) },
      startTime: 1000,
      responseTime: 1010,
    };
    decideVerdict({ request: request({ method: 'PUT' }), hops: [{ ...hop(API, 200, allow()), startTime: 999, preflight }] }, { cache });
    const second = decideVerdict({ request: request({ method: 'PUT' }), hops: [{ ...hop(API, 200, allow()), startTime: 5000 }] }, { cache });
    expect(second.preflight).toBe('cache-hit');
    expect(second.hops[0]?.cacheEntry).toMatchObject({ storedAt: 1010, expiresAt: 61_010 });
  });
});

describe('decideVerdict: properties', () => {
  const text = fc.string({ unit: 'binary', maxLength: 40 });
  const headers = fc.array(fc.record({ name: text, value: text }), { maxLength: 6 });

  it('never throws, whatever the strings (header values are attacker-controlled)', () => {
    fc.assert(
      fc.property(
        text,
        text,
        headers,
        headers,
        headers,
        fc.integer({ min: -1, max: 999 }),
        (url, method, requestHeaders, preflightHeaders, responseHeaders, status) => {
          const verdict = decideVerdict({
            request: request({ url, method, headers: requestHeaders, initiatorOrigin: PAGE }),
            hops: [
              {
                url,
                preflight: { requestHeaders: preflightHeaders, response: { status, headers: responseHeaders } },
                response: { status, headers: responseHeaders },
              },
            ],
          });
          expect(typeof verdict.outcome).toBe('string');
        },
      ),
      { numRuns: 500 },
    );
  });

  it('never says "allowed" for a request the browser failed, whatever the headers, credentials and hops (evidence first)', () => {
    // Header lines a CORS check reads, with values that pass or fail it.
    const corsLine = fc.oneof(
      fc.tuple(fc.constant('Access-Control-Allow-Origin'), fc.constantFrom(PAGE, '*', 'null', 'http://other.test', '')),
      fc.tuple(fc.constant('Access-Control-Allow-Credentials'), fc.constantFrom('true', 'false')),
      fc.tuple(fc.constant('Access-Control-Allow-Methods'), fc.constantFrom('PUT', '*', 'GET, POST')),
      fc.tuple(fc.constant('Access-Control-Allow-Headers'), fc.constantFrom('x-a', '*', 'authorization')),
      fc.tuple(fc.constant('Location'), fc.constantFrom(`${API}/next`, `${PAGE}/back`, 'http://u:p@api.test/x')),
    );
    const lines = fc.array(corsLine, { maxLength: 5 }).map((pairs) => h(...pairs));
    const answer = fc.option(fc.record({ status: fc.constantFrom(200, 204, 302, 307, 404, 500), headers: lines }), { nil: undefined });
    const observedHop = fc.record({
      url: fc.constantFrom(API, `${API}/next`, `${PAGE}/back`, `${PAGE}/same`),
      sent: fc.constantFrom(true, false, undefined),
      response: answer,
      preflight: fc.option(fc.record({ requestHeaders: fc.constant(h(['Access-Control-Request-Method', 'PUT'])), response: answer }), { nil: undefined }),
    });
    fc.assert(
      fc.property(
        fc.array(observedHop, { minLength: 1, maxLength: 3 }),
        fc.constantFrom('net::ERR_FAILED', 'net::ERR_ABORTED', 'net::ERR_CONNECTION_RESET', UNKNOWN_FAILURE),
        fc.constantFrom('GET', 'PUT'),
        fc.constantFrom<CorsRequest['credentials']>('omit', 'same-origin', 'include'),
        fc.boolean(),
        (hops, error, method, credentials, credentialsAssumed) => {
          const observed: ObservedHop[] = hops.map((each, index) => ({ ...each, ...(index === hops.length - 1 ? { networkError: error } : {}) }));
          const verdict = decideVerdict(
            { request: request({ method, credentials, credentialsAssumed, headers: h(['X-A', '1']) }), hops: observed },
            { cache: new PreflightCache() },
          );
          expect(verdict.outcome).not.toBe('allowed');
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('blocks exactly when it names a CorsError', () => {
    fc.assert(
      fc.property(headers, fc.constantFrom('GET', 'PUT', 'patch'), (responseHeaders, method) => {
        const verdict = decideVerdict({ request: request({ method }), hops: [hop(API, 200, responseHeaders)] });
        expect(verdict.outcome === 'blocked').toBe(corsErrorOf(verdict) !== null);
      }),
    );
  });
});

describe('the header reading it is given', () => {
  it('reads each header list of a request through the reader pairing passes, once per list', () => {
    const headers = h(['Content-Type', 'application/json'], ['X-Trace', '1']);
    const read: Header[][] = [];
    const readHeaders = (list: readonly Header[]) => {
      read.push([...list]);
      return readUnsafeHeaders(list);
    };
    const preflight = {
      response: { status: 204, headers: allow(PAGE, ['Access-Control-Allow-Methods', 'PUT'], ['Access-Control-Allow-Headers', 'content-type, x-trace']) },
    };
    const verdict = decideVerdict({ request: request({ method: 'PUT', headers }), hops: [{ ...hop(API, 200, allow()), preflight }] }, { readHeaders });
    expect(verdict.outcome).toBe('allowed');
    expect(read).toEqual([headers]);
    expect(verdict.hops[0]?.preflightNeed.reasons.map((reason) => (reason.kind === 'header' ? reason.header.name : reason.kind))).toEqual([
      'method',
      'content-type',
      'x-trace',
    ]);
  });
});
