import { describe, expect, it } from 'vitest';
import { checkCorsAccess, checkPreflightCorsAccess, type CorsCheckInput } from './corsCheck.ts';
import type { CorsError } from './corsError.ts';

// References: the Fetch Standard's CORS check (https://fetch.spec.whatwg.org/#cors-check);
// Chromium's diagnosis of a failure and its order, cors.cc CheckAccess
// (https://source.chromium.org/chromium/chromium/src/+/main:services/network/public/cpp/cors/cors.cc); the CorsError names of the
// DevTools protocol (https://chromedevtools.github.io/devtools-protocol/tot/Network/#type-CorsError).
const ORIGIN = 'https://a.test';
const URL_HTTP = 'https://b.test/api';

function input(overrides: Partial<CorsCheckInput>): CorsCheckInput {
  return { allowOrigin: null, allowCredentials: null, origin: ORIGIN, credentials: 'omit', responseUrl: URL_HTTP, ...overrides };
}

describe('checkCorsAccess: the CORS check, value by value (origin https://a.test)', () => {
  it('passes an exact ACAO (trailing spaces already trimmed by the header reader)', () => {
    expect(checkCorsAccess(input({ allowOrigin: 'https://a.test' }))).toBeNull();
  });

  it('reports a trailing slash as AllowOriginMismatch with the ACAO as failedParameter', () => {
    expect(checkCorsAccess(input({ allowOrigin: 'https://a.test/' }))).toMatchObject({ corsError: 'AllowOriginMismatch', failedParameter: 'https://a.test/' });
  });

  it('compares byte for byte: upper case is AllowOriginMismatch', () => {
    expect(checkCorsAccess(input({ allowOrigin: 'HTTPS://A.TEST' }))).toMatchObject({ corsError: 'AllowOriginMismatch', failedParameter: 'HTTPS://A.TEST' });
  });

  it('reports two combined ACAO lines as MultipleAllowOriginValues', () => {
    const value = 'https://a.test, https://a.test';
    expect(checkCorsAccess(input({ allowOrigin: value }))).toMatchObject({ corsError: 'MultipleAllowOriginValues', failedParameter: value });
  });

  it('passes "*" without credentials, ignoring ACAC', () => {
    expect(checkCorsAccess(input({ allowOrigin: '*' }))).toBeNull();
    expect(checkCorsAccess(input({ allowOrigin: '*', allowCredentials: 'nope' }))).toBeNull();
    expect(checkCorsAccess(input({ allowOrigin: '*', credentials: 'same-origin' }))).toBeNull();
  });

  it('reports "*" with include on an http(s) response as WildcardOriginNotAllowed, failedParameter ""', () => {
    expect(checkCorsAccess(input({ allowOrigin: '*', allowCredentials: 'true', credentials: 'include' }))).toMatchObject({
      corsError: 'WildcardOriginNotAllowed',
      failedParameter: '',
    });
    expect(checkCorsAccess(input({ allowOrigin: '*', allowCredentials: 'true', credentials: 'include', responseUrl: 'http://b.test/' }))?.corsError).toBe(
      'WildcardOriginNotAllowed',
    );
  });

  it('reports "null" as AllowOriginMismatch for a real origin, and passes it for an opaque/tainted one', () => {
    expect(checkCorsAccess(input({ allowOrigin: 'null' }))).toMatchObject({ corsError: 'AllowOriginMismatch', failedParameter: 'null' });
    expect(checkCorsAccess(input({ allowOrigin: 'null', origin: 'null' }))).toBeNull();
  });

  it('reports an empty ACAO as InvalidAllowOriginValue with failedParameter ""', () => {
    expect(checkCorsAccess(input({ allowOrigin: '' }))).toMatchObject({ corsError: 'InvalidAllowOriginValue', failedParameter: '' });
  });

  it('reports ACAC "TRUE" with include as InvalidAllowCredentials ("TRUE")', () => {
    expect(checkCorsAccess(input({ allowOrigin: ORIGIN, allowCredentials: 'TRUE', credentials: 'include' }))).toMatchObject({
      corsError: 'InvalidAllowCredentials',
      failedParameter: 'TRUE',
    });
  });

  it('reports an absent ACAC with include as InvalidAllowCredentials ("")', () => {
    expect(checkCorsAccess(input({ allowOrigin: ORIGIN, credentials: 'include' }))).toMatchObject({
      corsError: 'InvalidAllowCredentials',
      failedParameter: '',
    });
  });
});

describe('checkCorsAccess: other rules of cors.cc CheckAccess', () => {
  it('passes exact ACAO plus ACAC "true" with include', () => {
    expect(checkCorsAccess(input({ allowOrigin: ORIGIN, allowCredentials: 'true', credentials: 'include' }))).toBeNull();
  });

  it('rejects a combined "true, true" ACAC', () => {
    expect(checkCorsAccess(input({ allowOrigin: ORIGIN, allowCredentials: 'true, true', credentials: 'include' }))).toMatchObject({
      corsError: 'InvalidAllowCredentials',
      failedParameter: 'true, true',
    });
  });

  it('lets "*" with include fall through to the ACAC check on a non-http response URL (data:)', () => {
    const data = 'data:text/plain,hello';
    expect(checkCorsAccess(input({ allowOrigin: '*', allowCredentials: 'true', credentials: 'include', responseUrl: data }))).toBeNull();
    expect(checkCorsAccess(input({ allowOrigin: '*', credentials: 'include', responseUrl: data }))).toMatchObject({
      corsError: 'InvalidAllowCredentials',
      failedParameter: '',
    });
  });

  it('classifies in order: space or comma first, then null, then not-a-URL, then mismatch', () => {
    const cases: [string, CorsError][] = [
      ['https://a.test https://b.test', 'MultipleAllowOriginValues'],
      ['null, null', 'MultipleAllowOriginValues'],
      ['a.test', 'InvalidAllowOriginValue'],
      ['*.a.test', 'InvalidAllowOriginValue'],
      ['https://b.test', 'AllowOriginMismatch'],
      ['http://a.test', 'AllowOriginMismatch'],
    ];
    for (const [allowOrigin, corsError] of cases) {
      expect(checkCorsAccess(input({ allowOrigin })), allowOrigin).toMatchObject({ corsError, failedParameter: allowOrigin });
    }
  });

  it('ranks the wildcard error before a missing ACAC (cors.cc CheckAccess order)', () => {
    expect(checkCorsAccess(input({ allowOrigin: '*', credentials: 'include' }))?.corsError).toBe('WildcardOriginNotAllowed');
  });

  it('ranks an ACAO mismatch before a wrong ACAC (cors.cc CheckAccess order)', () => {
    expect(checkCorsAccess(input({ allowOrigin: 'https://b.test', allowCredentials: 'false', credentials: 'include' }))?.corsError).toBe('AllowOriginMismatch');
  });
});

describe('checkCorsAccess: header, received and needed', () => {
  it('MissingAllowOriginHeader: ACAO header, received null, needed the origin, failedParameter ""', () => {
    expect(checkCorsAccess(input({}))).toEqual({
      corsError: 'MissingAllowOriginHeader',
      failedParameter: '',
      header: 'Access-Control-Allow-Origin',
      received: null,
      needed: ORIGIN,
    });
  });

  it('a mismatch received the ACAO value and needed the origin', () => {
    expect(checkCorsAccess(input({ allowOrigin: 'https://b.test' }))).toMatchObject({
      header: 'Access-Control-Allow-Origin',
      received: 'https://b.test',
      needed: ORIGIN,
    });
  });

  it('the wildcard error received "*" and needed the origin', () => {
    expect(checkCorsAccess(input({ allowOrigin: '*', credentials: 'include' }))).toMatchObject({
      header: 'Access-Control-Allow-Origin',
      received: '*',
      needed: ORIGIN,
    });
  });

  it('an ACAC error names ACAC, received its value (null when absent) and needed "true"', () => {
    expect(checkCorsAccess(input({ allowOrigin: ORIGIN, credentials: 'include', allowCredentials: 'yes' }))).toMatchObject({
      header: 'Access-Control-Allow-Credentials',
      received: 'yes',
      needed: 'true',
    });
    expect(checkCorsAccess(input({ allowOrigin: ORIGIN, credentials: 'include' }))).toMatchObject({
      header: 'Access-Control-Allow-Credentials',
      received: null,
      needed: 'true',
    });
  });

  it('needed is the tainted origin "null" when the request is tainted', () => {
    expect(checkCorsAccess(input({ origin: 'null' }))).toMatchObject({ corsError: 'MissingAllowOriginHeader', needed: 'null' });
  });
});

describe('checkPreflightCorsAccess: Preflight… variants (cors.cc CheckPreflightAccess)', () => {
  const cases: [Partial<CorsCheckInput>, CorsError, string][] = [
    [{ allowOrigin: '*', allowCredentials: 'true', credentials: 'include' }, 'PreflightWildcardOriginNotAllowed', ''],
    [{}, 'PreflightMissingAllowOriginHeader', ''],
    [{ allowOrigin: 'https://a.test, https://b.test' }, 'PreflightMultipleAllowOriginValues', 'https://a.test, https://b.test'],
    [{ allowOrigin: 'a.test' }, 'PreflightInvalidAllowOriginValue', 'a.test'],
    [{ allowOrigin: '' }, 'PreflightInvalidAllowOriginValue', ''],
    [{ allowOrigin: 'https://b.test' }, 'PreflightAllowOriginMismatch', 'https://b.test'],
    [{ allowOrigin: 'null' }, 'PreflightAllowOriginMismatch', 'null'],
    [{ allowOrigin: ORIGIN, allowCredentials: 'TRUE', credentials: 'include' }, 'PreflightInvalidAllowCredentials', 'TRUE'],
    [{ allowOrigin: ORIGIN, credentials: 'include' }, 'PreflightInvalidAllowCredentials', ''],
  ];

  for (const [overrides, corsError, failedParameter] of cases) {
    it(`${corsError} (failedParameter ${JSON.stringify(failedParameter)})`, () => {
      const plain = checkCorsAccess(input(overrides));
      const preflight = checkPreflightCorsAccess(input(overrides));
      expect(preflight).toMatchObject({ corsError, failedParameter });
      // Only the code changes: the same header, received and needed.
      expect(plain).not.toBeNull();
      expect(preflight).toEqual({ ...plain, corsError });
    });
  }

  it('passes what the plain check passes', () => {
    expect(checkPreflightCorsAccess(input({ allowOrigin: ORIGIN }))).toBeNull();
    expect(checkPreflightCorsAccess(input({ allowOrigin: '*' }))).toBeNull();
    expect(checkPreflightCorsAccess(input({ allowOrigin: ORIGIN, allowCredentials: 'true', credentials: 'include' }))).toBeNull();
  });
});
