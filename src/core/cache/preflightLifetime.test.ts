import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  lifetimesDifferingFromChromium,
  chromiumPreflightLifetime,
  firefoxPreflightLifetime,
  PREFLIGHT_CACHE_POLICIES,
  preflightLifetime,
  webkitPreflightLifetime,
  type PreflightLifetime,
} from './preflightLifetime.ts';

// Facts from each browser's source, and from the lab:
//  - Chromium: ParseAccessControlMaxAge, kDefaultTimeout and kMaxTimeout in
//    https://source.chromium.org/chromium/chromium/src/+/main:services/network/cors/preflight_result.cc
//  - Firefox: the preflight cache in
//    https://searchfox.org/mozilla-central/source/netwerk/protocol/http/nsCORSListenerProxy.cpp
//  - WebKit: https://github.com/WebKit/WebKit/blob/main/Source/WebCore/loader/CrossOriginPreflightResultCache.cpp
//  - the caps side by side: https://developer.mozilla.org/docs/Web/HTTP/Headers/Access-Control-Max-Age
//  - seen in Chromium 156 and Firefox ESR: the max-age-* scenarios of e2e/lab/scenarios/preflightCache.ts.

const INT64_MAX = '9223372036854775807';
const INT64_MAX_PLUS_ONE = '9223372036854775808';
const INT64_MIN_MINUS_ONE = '-9223372036854775809';

describe('chromiumPreflightLifetime (preflight_result.cc, and the lab)', () => {
  it.each<[string | null, number, PreflightLifetime['rule']]>([
    // absent: 5 s default
    [null, 5, 'default-absent'],
    // 0 and negative: not cached
    ['0', 0, 'zero'],
    ['-1', 0, 'negative'],
    ['-7200', 0, 'negative'],
    ['-0', 0, 'zero'],
    // "+0" parses as 0: seen in the lab (max-age-plus-zero); the source leaves a leading "+" to base::StringToInt64
    ['+0', 0, 'zero'],
    // not an integer: 5 s default
    ['soon', 5, 'default-not-an-integer'],
    ['600.5', 5, 'default-not-an-integer'],
    ['1.5', 5, 'default-not-an-integer'],
    ['abc', 5, 'default-not-an-integer'],
    ['', 5, 'default-not-an-integer'],
    ['10, 20', 5, 'default-not-an-integer'],
    // beyond int64: not an integer for StringToInt64, so 5 s
    [INT64_MAX_PLUS_ONE, 5, 'default-not-an-integer'],
    ['99999999999999999999999', 5, 'default-not-an-integer'],
    [INT64_MIN_MINUS_ONE, 5, 'default-not-an-integer'],
    // 1 … 7199: as sent
    ['1', 1, 'as-sent'],
    ['5', 5, 'as-sent'],
    ['600', 600, 'as-sent'],
    ['7199', 7199, 'as-sent'],
    // ≥ 7200: capped at 7200
    ['7200', 7200, 'capped'],
    ['7201', 7200, 'capped'],
    ['86400', 7200, 'capped'],
    [INT64_MAX, 7200, 'capped'],
  ])('Access-Control-Max-Age %j lasts %d s (%s)', (maxAge, seconds, rule) => {
    expect(chromiumPreflightLifetime(maxAge)).toEqual({ seconds, rule });
  });

  it('keeps every value from 1 to 7199 as sent', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 7199 }), (n) => {
        expect(chromiumPreflightLifetime(String(n)).seconds).toBe(n);
      }),
    );
  });

  it('caps every in-range value of 7200 and above at 7200', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 7200n, max: BigInt(INT64_MAX) }), (n) => {
        expect(chromiumPreflightLifetime(n.toString()).seconds).toBe(7200);
      }),
    );
  });

  it('never caches a negative in-range value', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: -(2n ** 63n), max: -1n }), (n) => {
        expect(chromiumPreflightLifetime(n.toString()).seconds).toBe(0);
      }),
    );
  });
});

describe('firefoxPreflightLifetime (nsCORSListenerProxy.cpp)', () => {
  it.each<[string | null, number]>([
    // empty or absent: 5 s
    [null, 5],
    ['', 5],
    // 0: not cached
    ['0', 0],
    // any non-digit character: not cached
    ['-1', 0],
    ['+5', 0],
    ['+0', 0],
    ['1.5', 0],
    ['600.5', 0],
    ['soon', 0],
    ['10, 20', 0],
    // digits: as sent, capped at 86400
    ['1', 1],
    ['7200', 7200],
    ['86399', 86399],
    ['86400', 86400],
    ['86401', 86400],
    [INT64_MAX_PLUS_ONE, 86400],
  ])('Access-Control-Max-Age %j lasts %d s', (maxAge, seconds) => {
    expect(firefoxPreflightLifetime(maxAge).seconds).toBe(seconds);
  });

  it('does not cache anything holding a non-digit character', () => {
    fc.assert(
      fc.property(
        fc.tuple(
          fc.stringMatching(/^[0-9]*$/),
          fc.string({ minLength: 1 }).filter((s) => /[^0-9]/.test(s)),
          fc.stringMatching(/^[0-9]*$/),
        ),
        ([before, junk, after]) => {
          expect(firefoxPreflightLifetime(before + junk + after).seconds).toBe(0);
        },
      ),
    );
  });
});

describe('webkitPreflightLifetime (CrossOriginPreflightResultCache.cpp)', () => {
  it.each<[string | null, number]>([
    // absent or malformed: 5 s
    [null, 5],
    ['soon', 5],
    ['600.5', 5],
    ['10, 20', 5],
    // 0: 0; negative: already expired
    ['0', 0],
    ['-1', 0],
    ['-600', 0],
    // as sent up to 600, then capped at 600
    ['1', 1],
    ['599', 599],
    ['600', 600],
    ['601', 600],
    ['7200', 600],
    ['86400', 600],
  ])('Access-Control-Max-Age %j lasts %d s', (maxAge, seconds) => {
    expect(webkitPreflightLifetime(maxAge).seconds).toBe(seconds);
  });
});

describe('preflightLifetime (per engine)', () => {
  it.each<[string | null, number, number, number]>([
    // maxAge, chromium, firefox, webkit
    [null, 5, 5, 5],
    ['0', 0, 0, 0],
    ['-1', 0, 0, 0],
    ['soon', 5, 0, 5],
    ['300', 300, 300, 300],
    ['1000', 1000, 1000, 600],
    ['7200', 7200, 7200, 600],
    ['100000', 7200, 86400, 600],
  ])('Max-Age %j: Chromium %d s, Firefox %d s, WebKit %d s', (maxAge, chromium, firefox, webkit) => {
    expect(preflightLifetime('chromium', maxAge).seconds).toBe(chromium);
    expect(preflightLifetime('firefox', maxAge).seconds).toBe(firefox);
    expect(preflightLifetime('webkit', maxAge).seconds).toBe(webkit);
  });

  it('agrees with each engine function for any string', () => {
    fc.assert(
      fc.property(fc.option(fc.string(), { nil: null }), (maxAge) => {
        expect(preflightLifetime('chromium', maxAge)).toEqual(chromiumPreflightLifetime(maxAge));
        expect(preflightLifetime('firefox', maxAge)).toEqual(firefoxPreflightLifetime(maxAge));
        expect(preflightLifetime('webkit', maxAge)).toEqual(webkitPreflightLifetime(maxAge));
      }),
    );
  });
});

describe("PREFLIGHT_CACHE_POLICIES (each engine's source, as MDN sums them up)", () => {
  it('holds each engine cap', () => {
    expect(PREFLIGHT_CACHE_POLICIES.chromium.capSeconds).toBe(7200);
    expect(PREFLIGHT_CACHE_POLICIES.firefox.capSeconds).toBe(86_400);
    expect(PREFLIGHT_CACHE_POLICIES.webkit.capSeconds).toBe(600);
  });

  it('holds the 5 s default for every engine', () => {
    expect(PREFLIGHT_CACHE_POLICIES.chromium.defaultSeconds).toBe(5);
    expect(PREFLIGHT_CACHE_POLICIES.firefox.defaultSeconds).toBe(5);
    expect(PREFLIGHT_CACHE_POLICIES.webkit.defaultSeconds).toBe(5);
  });

  it('holds the entry limits: 1024 for Chromium, 100 for Firefox, none for WebKit', () => {
    expect(PREFLIGHT_CACHE_POLICIES.chromium.maxEntries).toBe(1024);
    expect(PREFLIGHT_CACHE_POLICIES.firefox.maxEntries).toBe(100);
    expect(PREFLIGHT_CACHE_POLICIES.webkit.maxEntries).toBeNull();
  });
});

describe('lifetimesDifferingFromChromium', () => {
  it("names the browsers whose cap or default differs from Chromium's for a Max-Age", () => {
    // 86400: Chromium caps at 7200, Firefox keeps 86400, Safari caps at 600.
    expect(lifetimesDifferingFromChromium('86400').map(({ engine, lifetime }) => [engine, lifetime.seconds])).toEqual([
      ['firefox', 86_400],
      ['webkit', 600],
    ]);
    // 600: all three keep 600 seconds.
    expect(lifetimesDifferingFromChromium('600')).toEqual([]);
  });
});
