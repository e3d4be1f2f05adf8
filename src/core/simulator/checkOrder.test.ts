import { describe, expect, it } from 'vitest';
import { checkCorsAccess } from '../cors/corsCheck.ts';
import { checkPreflightResponse } from '../cors/preflightCheck.ts';
import type { Header } from '../fetch/headers.ts';
import { failingCheck, PREFLIGHT_CHECKS, RESPONSE_CHECKS } from './checkOrder.ts';

const ORIGIN = 'https://app.example';

// A preflight response that breaks every check from `first` on (each the way
// that check alone catches), and passes the ones before.
function preflightBreakingFrom(first: number) {
  const broken = (check: string) => PREFLIGHT_CHECKS.findIndex((each) => each.id === check) >= first;
  const headers: Header[] = [];
  if (broken('no-redirect')) headers.push({ name: 'Location', value: '/elsewhere' });
  if (!broken('allow-origin')) headers.push({ name: 'Access-Control-Allow-Origin', value: ORIGIN });
  if (!broken('allow-credentials')) headers.push({ name: 'Access-Control-Allow-Credentials', value: 'true' });
  headers.push({ name: 'Access-Control-Allow-Methods', value: broken('allow-methods-syntax') ? 'PUT, (bad)' : broken('method-allowed') ? 'GET' : 'PUT' });
  headers.push({
    name: 'Access-Control-Allow-Headers',
    value: broken('allow-headers-syntax') ? 'x-custom, (bad)' : broken('headers-allowed') ? 'x-other' : 'x-custom',
  });
  const status = broken('no-redirect') ? 302 : broken('ok-status') ? 500 : 204;
  return checkPreflightResponse({
    url: 'https://api.example/x',
    method: 'PUT',
    headers: [{ name: 'X-Custom', value: '1' }],
    credentials: 'include',
    origin: ORIGIN,
    response: { status, headers },
  });
}

describe('PREFLIGHT_CHECKS is the order checkPreflightResponse checks in', () => {
  it.each(PREFLIGHT_CHECKS.map((check, index) => [check.id, index] as const))('%s: failing it and every later check reports it', (_id, index) => {
    const check = preflightBreakingFrom(index);
    expect(check.passed).toBe(false);
    if (!check.passed) expect(failingCheck(PREFLIGHT_CHECKS, check.failure.corsError)).toBe(index);
  });

  it('passes when nothing is broken', () => {
    expect(preflightBreakingFrom(PREFLIGHT_CHECKS.length).passed).toBe(true);
  });

  it('names each code in one check only', () => {
    for (const checks of [PREFLIGHT_CHECKS, RESPONSE_CHECKS]) {
      const codes = checks.flatMap((check) => check.errors);
      expect(new Set(codes).size).toBe(codes.length);
    }
  });
});

describe('RESPONSE_CHECKS is the order checkCorsAccess checks in', () => {
  it.each([
    [undefined, null, 0],
    [ORIGIN, null, 1],
    ['https://other.example', null, 0],
    ['*', 'true', 0],
  ] as const)('Access-Control-Allow-Origin %s, -Allow-Credentials %s: check %i fails', (allowOrigin, allowCredentials, index) => {
    const failure = checkCorsAccess({
      allowOrigin: allowOrigin ?? null,
      allowCredentials,
      origin: ORIGIN,
      credentials: 'include',
      responseUrl: 'https://api.example/x',
    });
    expect(failingCheck(RESPONSE_CHECKS, failure?.corsError ?? null)).toBe(index);
  });
});
