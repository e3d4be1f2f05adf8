import { describe, expect, it } from 'vitest';
import { FIREFOX_REASON_TEXTS, FIREFOX_REASONS, firefoxReasonUrl, readFirefoxReason } from './firefoxReason.ts';

const LINE = 'Cross-Origin Request Blocked: The Same Origin Policy disallows reading the remote resource at http://localhost:4781/s/x/.';

describe('readFirefoxReason', () => {
  // Lines as Firefox 153 logged them in the lab.
  it('reads the key from a line with a status code', () => {
    expect(readFirefoxReason(`${LINE} (Reason: CORS header ‘Access-Control-Allow-Origin’ missing). Status code: 204.`)).toEqual({
      reason: 'CORSMissingAllowOrigin',
      value: null,
    });
  });

  it('reads a line without one, and the generic line with "(null)"', () => {
    expect(readFirefoxReason(`${LINE} (Reason: Did not find method in CORS header ‘Access-Control-Allow-Methods’).`)).toEqual({
      reason: 'CORSMethodNotFound',
      value: null,
    });
    expect(readFirefoxReason(`${LINE} (Reason: CORS request did not succeed). Status code: (null).`)).toEqual({ reason: 'CORSDidNotSucceed', value: null });
  });

  it('reads the value a reason names, even one holding parentheses or quotes', () => {
    expect(
      readFirefoxReason(`${LINE} (Reason: CORS header ‘Access-Control-Allow-Origin’ does not match ‘http://127.0.0.1:4780, https://app.example’).`),
    ).toEqual({ reason: 'CORSAllowOriginNotMatchingOrigin', value: 'http://127.0.0.1:4780, https://app.example' });
    expect(readFirefoxReason(`${LINE} (Reason: invalid token ‘(PUT) ‘x’’ in CORS header ‘Access-Control-Allow-Methods’).`)).toEqual({
      reason: 'CORSInvalidAllowMethod',
      value: '(PUT) ‘x’',
    });
    expect(
      readFirefoxReason(`${LINE} (Reason: header ‘x-alpha’ is not allowed according to header ‘Access-Control-Allow-Headers’ from CORS preflight response).`),
    ).toEqual({ reason: 'CORSMissingAllowHeaderFromPreflight', value: 'x-alpha' });
  });

  it('reads every text it knows, and nothing else', () => {
    for (const reason of FIREFOX_REASONS) {
      expect(readFirefoxReason(`${LINE} (Reason: ${FIREFOX_REASON_TEXTS[reason].replace('%S', 'v')}).`)?.reason).toBe(reason);
    }
    expect(readFirefoxReason('Some other console line')).toBeNull();
    expect(readFirefoxReason(`${LINE} (Reason: something new).`)).toBeNull();
  });

  it("links each reason to MDN's page", () => {
    expect(firefoxReasonUrl('CORSMissingAllowOrigin')).toBe('https://developer.mozilla.org/docs/Web/HTTP/Guides/CORS/Errors/CORSMissingAllowOrigin');
  });
});
