import { describe, expect, it } from 'vitest';
import type { HeaderList } from '../fetch/headers.ts';
import type { CredentialsMode } from './corsRequest.ts';
import { checkPreflightResponse, type PreflightCheck, type PreflightCheckInput } from './preflightCheck.ts';
import { PreflightChecks } from './preflightChecks.ts';

// References: the order of the checks, preflight_controller.cc
// (https://source.chromium.org/chromium/chromium/src/+/main:services/network/cors/preflight_controller.cc); the lists and their
// matching, preflight_result.cc (https://source.chromium.org/chromium/chromium/src/+/main:services/network/cors/preflight_result.cc);
// the Fetch Standard's CORS-preflight fetch (https://fetch.spec.whatwg.org/#cors-preflight-fetch);
// what Chromium 156 does, seen in the scenarios of e2e/lab/scenarios/preflight.ts.
const ORIGIN = 'https://a.test';
const TARGET = 'https://b.test/api';
const OK_ACAO = { name: 'Access-Control-Allow-Origin', value: ORIGIN };

interface Case {
  readonly method?: string;
  readonly headers?: HeaderList;
  readonly credentials?: CredentialsMode;
  readonly status?: number;
  readonly response?: HeaderList;
}

function check(c: Case): PreflightCheck {
  const input: PreflightCheckInput = {
    url: TARGET,
    method: c.method ?? 'PUT',
    headers: c.headers ?? [],
    credentials: c.credentials ?? 'omit',
    origin: ORIGIN,
    response: { status: c.status ?? 204, headers: c.response ?? [OK_ACAO] },
  };
  return checkPreflightResponse(input);
}

function failure(c: Case): { corsError: string; failedParameter: string } | null {
  const result = check(c);
  return result.passed ? null : { corsError: result.failure.corsError, failedParameter: result.failure.failedParameter };
}

const acam = (value: string) => ({ name: 'Access-Control-Allow-Methods', value });
const acah = (value: string) => ({ name: 'Access-Control-Allow-Headers', value });
const CREDENTIALED = [OK_ACAO, { name: 'Access-Control-Allow-Credentials', value: 'true' }];

describe("checkPreflightResponse: preflight_controller.cc's order, and which error wins", () => {
  it('302 with Location and no ACAO: PreflightDisallowedRedirect, failedParameter ""', () => {
    expect(failure({ status: 302, response: [{ name: 'Location', value: 'https://c.test/' }] })).toEqual({
      corsError: 'PreflightDisallowedRedirect',
      failedParameter: '',
    });
  });

  it('a redirect wins even when ACAO and the lists are fine', () => {
    expect(failure({ status: 307, response: [OK_ACAO, acam('PUT'), { name: 'Location', value: '/elsewhere' }] })?.corsError).toBe(
      'PreflightDisallowedRedirect',
    );
  });

  it('a 3xx without Location is an ordinary response: judged by ACAO, then status', () => {
    expect(failure({ status: 302, response: [] })?.corsError).toBe('PreflightMissingAllowOriginHeader');
    expect(failure({ status: 302, response: [OK_ACAO, acam('PUT')] })).toEqual({ corsError: 'PreflightInvalidStatus', failedParameter: '' });
  });

  it('404 (and other 4xx/5xx) without ACAO: PreflightMissingAllowOriginHeader, not PreflightInvalidStatus (seen in Chromium 156)', () => {
    for (const status of [401, 403, 404, 405, 500, 503]) {
      expect(failure({ status, response: [] }), String(status)).toEqual({ corsError: 'PreflightMissingAllowOriginHeader', failedParameter: '' });
    }
  });

  it('404 with a good ACAO: PreflightInvalidStatus, failedParameter ""', () => {
    expect(failure({ status: 404, response: [OK_ACAO, acam('PUT')] })).toEqual({ corsError: 'PreflightInvalidStatus', failedParameter: '' });
  });

  it('ACAC is part of the CORS check, so it is reported before the status', () => {
    expect(failure({ status: 404, credentials: 'include', response: [OK_ACAO] })).toEqual({
      corsError: 'PreflightInvalidAllowCredentials',
      failedParameter: '',
    });
  });

  it('"*" with the actual request\'s include: PreflightWildcardOriginNotAllowed', () => {
    const response = [{ name: 'Access-Control-Allow-Origin', value: '*' }, { name: 'Access-Control-Allow-Credentials', value: 'true' }, acam('PUT')];
    expect(failure({ credentials: 'include', response })).toEqual({ corsError: 'PreflightWildcardOriginNotAllowed', failedParameter: '' });
  });

  it('accepts any 2xx status', () => {
    for (const status of [200, 204, 299]) expect(check({ status, response: [OK_ACAO, acam('PUT')] }).passed, String(status)).toBe(true);
  });

  it('bad ACAO and bad ACAM: the ACAO error', () => {
    expect(failure({ response: [{ name: 'Access-Control-Allow-Origin', value: 'https://c.test' }, acam('"PUT"')] })).toEqual({
      corsError: 'PreflightAllowOriginMismatch',
      failedParameter: 'https://c.test',
    });
  });

  it('both lists malformed: InvalidAllowMethodsPreflightResponse, failedParameter ""', () => {
    expect(failure({ headers: [{ name: 'X-A', value: '1' }], response: [OK_ACAO, acam('PUT DELETE'), acah('x a')] })).toEqual({
      corsError: 'InvalidAllowMethodsPreflightResponse',
      failedParameter: '',
    });
  });

  it('a malformed ACAH is reported before a missing method (both lists are parsed first)', () => {
    expect(failure({ method: 'PUT', headers: [{ name: 'X-A', value: '1' }], response: [OK_ACAO, acam('GET'), acah('"x-a"')] })).toEqual({
      corsError: 'InvalidAllowHeadersPreflightResponse',
      failedParameter: '',
    });
  });

  it('method missing and header missing: MethodDisallowedByPreflightResponse with the method', () => {
    expect(failure({ method: 'DELETE', headers: [{ name: 'X-A', value: '1' }], response: [OK_ACAO, acam('PUT'), acah('x-b')] })).toEqual({
      corsError: 'MethodDisallowedByPreflightResponse',
      failedParameter: 'DELETE',
    });
  });
});

describe('checkPreflightResponse: list token rules (preflight_result.cc)', () => {
  it('splits on commas, trims, skips empty items', () => {
    expect(check({ method: 'DELETE', response: [OK_ACAO, acam(' PUT , , DELETE ,')] }).passed).toBe(true);
    expect(check({ headers: [{ name: 'X-B', value: '1' }], response: [OK_ACAO, acam('PUT'), acah(',x-a,\tx-b ,')] }).passed).toBe(true);
  });

  it('rejects a quoted string, an embedded space or a non-token character in ACAM', () => {
    for (const value of ['"PUT"', 'PUT DELETE', 'PUT;DELETE', 'PUT, (DELETE)']) {
      expect(failure({ response: [OK_ACAO, acam(value)] }), value).toEqual({ corsError: 'InvalidAllowMethodsPreflightResponse', failedParameter: '' });
    }
  });

  it('rejects a non-token item in ACAH', () => {
    for (const value of ['x-a, "x-b"', 'x a', 'x-a@b', 'x-a, x/b']) {
      expect(failure({ response: [OK_ACAO, acam('PUT'), acah(value)] }), value).toEqual({
        corsError: 'InvalidAllowHeadersPreflightResponse',
        failedParameter: '',
      });
    }
  });

  it('accepts "*" as a token in either list', () => {
    expect(check({ response: [OK_ACAO, acam('*'), acah('*')] }).passed).toBe(true);
  });

  it('an absent or empty list is valid and empty', () => {
    expect(failure({ response: [OK_ACAO] })).toEqual({ corsError: 'MethodDisallowedByPreflightResponse', failedParameter: 'PUT' });
    expect(failure({ response: [OK_ACAO, acam('')] })).toEqual({ corsError: 'MethodDisallowedByPreflightResponse', failedParameter: 'PUT' });
  });
});

describe('checkPreflightResponse: methods', () => {
  it('matches case-sensitively: "patch" is not allowed by PATCH, nor PATCH by patch (preflight_result.cc; seen in Chromium 156)', () => {
    expect(failure({ method: 'patch', response: [OK_ACAO, acam('PATCH')] })).toEqual({
      corsError: 'MethodDisallowedByPreflightResponse',
      failedParameter: 'patch',
    });
    expect(check({ method: 'patch', response: [OK_ACAO, acam('patch')] }).passed).toBe(true);
    expect(failure({ method: 'PATCH', response: [OK_ACAO, acam('patch')] })?.failedParameter).toBe('PATCH');
  });

  it('lets safelisted methods through without listing them', () => {
    const headers = [{ name: 'X-A', value: '1' }];
    for (const method of ['GET', 'HEAD', 'POST', 'get']) {
      expect(check({ method, headers, response: [OK_ACAO, acam('PUT'), acah('x-a')] }).passed, method).toBe(true);
    }
  });

  it('"*" allows any method only without credentials', () => {
    expect(check({ method: 'DELETE', response: [OK_ACAO, acam('*')] }).passed).toBe(true);
    expect(check({ method: 'DELETE', credentials: 'same-origin', response: [OK_ACAO, acam('*')] }).passed).toBe(true);
    expect(failure({ method: 'DELETE', credentials: 'include', response: [...CREDENTIALED, acam('*')] })).toEqual({
      corsError: 'MethodDisallowedByPreflightResponse',
      failedParameter: 'DELETE',
    });
  });
});

describe('checkPreflightResponse: headers', () => {
  it('"*" allows any header only without credentials', () => {
    const headers = [{ name: 'X-Custom', value: '1' }];
    expect(check({ headers, response: [OK_ACAO, acam('PUT'), acah('*')] }).passed).toBe(true);
    expect(failure({ headers, credentials: 'include', response: [...CREDENTIALED, acam('PUT'), acah('*')] })).toEqual({
      corsError: 'HeaderDisallowedByPreflightResponse',
      failedParameter: 'x-custom',
    });
  });

  it('Authorization passes under ACAH "*" without credentials (seen in Chromium 156) and fails with them', () => {
    const headers = [{ name: 'Authorization', value: 'Bearer t' }];
    expect(check({ headers, response: [OK_ACAO, acam('PUT'), acah('*')] }).passed).toBe(true);
    expect(failure({ headers, credentials: 'include', response: [...CREDENTIALED, acam('PUT'), acah('*')] })).toEqual({
      corsError: 'HeaderDisallowedByPreflightResponse',
      failedParameter: 'authorization',
    });
  });

  it('names the first missing header in request order, lower-cased', () => {
    const headers = [
      { name: 'X-Zeta', value: '1' },
      { name: 'X-Alpha', value: '2' },
      { name: 'X-Mid', value: '3' },
    ];
    expect(failure({ headers, response: [OK_ACAO, acam('PUT'), acah('x-mid')] })).toEqual({
      corsError: 'HeaderDisallowedByPreflightResponse',
      failedParameter: 'x-zeta',
    });
    expect(failure({ headers, response: [OK_ACAO, acam('PUT'), acah('x-zeta')] })?.failedParameter).toBe('x-alpha');
    const reversed = [...headers].reverse();
    expect(failure({ headers: reversed, response: [OK_ACAO, acam('PUT'), acah('x-alpha')] })?.failedParameter).toBe('x-mid');
  });

  it('compares ACAH names case-insensitively', () => {
    expect(check({ headers: [{ name: 'x-custom', value: '1' }], response: [OK_ACAO, acam('PUT'), acah('X-CUSTOM')] }).passed).toBe(true);
  });

  it('does not require safelisted or forbidden request headers to be listed', () => {
    const headers = [
      { name: 'Accept', value: '*/*' },
      { name: 'Content-Type', value: 'text/plain' },
      { name: 'User-Agent', value: 'x' },
      { name: 'Sec-Custom', value: '1' },
    ];
    expect(check({ headers, response: [OK_ACAO, acam('PUT')] }).passed).toBe(true);
  });

  it('requires a non-safelisted Content-Type to be listed', () => {
    const headers = [{ name: 'Content-Type', value: 'application/json' }];
    expect(failure({ headers, response: [OK_ACAO, acam('PUT')] })).toEqual({
      corsError: 'HeaderDisallowedByPreflightResponse',
      failedParameter: 'content-type',
    });
  });
});

describe('checkPreflightResponse: the PreflightResult of a success', () => {
  it('keeps method case, lower-cases header names, and keeps max-age raw', () => {
    const result = check({
      method: 'patch',
      headers: [{ name: 'X-Foo', value: '1' }],
      response: [OK_ACAO, acam('PUT, patch, DELETE'), acah('X-Foo, X-BAR'), { name: 'Access-Control-Max-Age', value: '600' }],
    });
    expect(result.passed).toBe(true);
    if (!result.passed) return;
    expect(result.result).toMatchObject({ methods: ['PUT', 'patch', 'DELETE'], headers: ['x-foo', 'x-bar'], credentials: false, maxAge: '600' });
  });

  it('records credentials and a null or non-numeric max-age as given', () => {
    const withCredentials = check({ credentials: 'include', response: [...CREDENTIALED, acam('PUT')] });
    expect(withCredentials.passed && withCredentials.result.credentials).toBe(true);
    expect(withCredentials.passed && withCredentials.result.maxAge).toBeNull();
    const odd = check({ response: [OK_ACAO, acam('PUT'), { name: 'Access-Control-Max-Age', value: '-1' }] });
    expect(odd.passed && odd.result.maxAge).toBe('-1');
  });
});

describe('PreflightChecks (the checks of a stream, owned by whoever judges it)', () => {
  const response = { status: 204, headers: [{ name: 'Access-Control-Allow-Origin', value: 'https://app.test' }] };
  const question = { url: 'https://api.test/x', method: 'PUT', headers: [], credentials: 'omit' as const, origin: 'https://app.test', response };

  it('answers the same question once, however its names are held', () => {
    const checks = new PreflightChecks();
    const first = checks.check({ ...question, unsafeNames: ['x-a'] });
    expect(checks.check({ ...question, unsafeNames: ['x-a'] })).toBe(first);
    expect(first).toEqual(checkPreflightResponse({ ...question, unsafeNames: ['x-a'] }));
  });

  it('answers another question anew: the credentials mode, the names, the origin', () => {
    const checks = new PreflightChecks();
    const omit = checks.check(question);
    expect(omit.passed).toBe(false);
    expect(checks.check({ ...question, credentials: 'include' })).not.toBe(omit);
    expect(checks.check({ ...question, unsafeNames: ['x-b'] })).not.toBe(omit);
    expect(checks.check({ ...question, origin: 'null' })).toMatchObject({ passed: false, failure: { corsError: 'PreflightAllowOriginMismatch' } });
  });
});
