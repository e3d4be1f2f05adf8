import { describe, expect, it } from 'vitest';
import { decideCorsSafelistedRequestHeader, isCorsSafelistedRequestHeader } from './corsSafelistedRequestHeader.ts';

describe('isCorsSafelistedRequestHeader (Fetch: "CORS-safelisted request-header")', () => {
  it.each([
    ['Accept', '*/*'],
    ['Accept', 'application/json, text/plain; q=0.9'],
    ['Accept-Language', 'en-US,en;q=0.9'],
    ['Content-Language', 'de-DE'],
    ['Content-Type', 'text/plain'],
    ['Content-Type', 'text/plain;charset=UTF-8'],
    ['Content-Type', 'application/x-www-form-urlencoded'],
    ['Content-Type', 'multipart/form-data; boundary=----x'],
    ['content-type', 'TEXT/PLAIN'],
    ['Content-Type', ' text/plain'],
    ['Content-Type', 'text/plain ;charset=x'],
    ['Range', 'bytes=0-99'],
    ['Range', 'bytes=100-'],
    ['Range', 'BYTES=5-5'],
  ])('%s: %s is safelisted', (name, value) => {
    expect(isCorsSafelistedRequestHeader(name, value)).toBe(true);
  });

  it.each([
    ['X-Custom', '1', 'name-not-safelisted'],
    ['Authorization', 'Bearer x', 'name-not-safelisted'],
    ['Accept', 'application/{json}', 'unsafe-byte'],
    ['Accept', 'a\u0001b', 'unsafe-byte'],
    ['Accept-Language', 'en/us', 'language-value'],
    ['Content-Language', 'en_US', 'language-value'],
    ['Content-Type', 'application/json', 'content-type-not-safelisted'],
    ['Content-Type', 'text/plain, text/html', 'content-type-not-safelisted'],
    ['Content-Type', 'text /plain', 'content-type-not-safelisted'],
    ['Content-Type', 'text/plain; charset="utf-8"', 'unsafe-byte'],
    ['Content-Type', 'text', 'content-type-not-safelisted'],
    ['Range', 'bytes=-500', 'range-not-simple'],
    ['Range', 'bytes=0-1,5-6', 'range-not-simple'],
    ['Range', 'bytes=10-5', 'range-not-simple'],
    ['Range', 'bytes = 0-5', 'range-not-simple'],
    ['Range', 'items=0-5', 'range-not-simple'],
  ])('%s: %s is not (%s)', (name, value, rule) => {
    expect(decideCorsSafelistedRequestHeader(name, value)).toMatchObject({ safelisted: false, rule });
  });

  it('allows values of up to 128 bytes and no more', () => {
    expect(isCorsSafelistedRequestHeader('Accept', 'a'.repeat(128))).toBe(true);
    expect(decideCorsSafelistedRequestHeader('Accept', 'a'.repeat(129))).toMatchObject({ safelisted: false, rule: 'value-over-128-bytes' });
  });

  it('counts a character above U+00FF as its UTF-8 bytes', () => {
    expect(isCorsSafelistedRequestHeader('Accept', '\u00e9'.repeat(128))).toBe(true);
    expect(isCorsSafelistedRequestHeader('Accept', '\u20ac'.repeat(43))).toBe(false);
  });

  describe("Chromium's extra safelisted headers (not in the standard)", () => {
    it.each([
      ['DPR', '2'],
      ['DPR', '1.5'],
      ['Device-Memory', '8'],
      ['Downlink', '10.0'],
      ['Width', '1280'],
      ['Viewport-Width', '640'],
      ['RTT', '50'],
      ['ECT', '4g'],
      ['ECT', 'slow-2g'],
      ['Save-Data', 'on'],
      ['Save-Data', 'ON'],
      ['Intervention', '<https://www.chromestatus.com/feature/1>'],
    ])('%s: %s is safelisted', (name, value) => {
      expect(isCorsSafelistedRequestHeader(name, value)).toBe(true);
    });
    it.each([
      ['DPR', '2x'],
      ['DPR', '1.'],
      ['DPR', '.5'],
      ['Width', '1.5'],
      ['ECT', '5g'],
      ['Save-Data', 'off'],
    ])('%s: %s is not', (name, value) => {
      expect(isCorsSafelistedRequestHeader(name, value)).toBe(false);
    });
  });
});
