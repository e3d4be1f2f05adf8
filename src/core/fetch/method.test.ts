import { describe, expect, it } from 'vitest';
import { isCorsSafelistedMethod, normalizeMethod } from './method.ts';

describe('normalizeMethod (Fetch: "normalize a method")', () => {
  it.each([
    ['delete', 'DELETE'],
    ['get', 'GET'],
    ['Head', 'HEAD'],
    ['options', 'OPTIONS'],
    ['post', 'POST'],
    ['pUt', 'PUT'],
  ])('upper-cases %s to %s', (input, output) => {
    expect(normalizeMethod(input)).toBe(output);
  });

  it.each(['patch', 'Patch', 'propfind', 'x-custom'])('leaves %s as written', (method) => {
    expect(normalizeMethod(method)).toBe(method);
  });
});

describe('isCorsSafelistedMethod (Fetch: "CORS-safelisted method")', () => {
  it.each(['GET', 'HEAD', 'POST', 'get', 'post'])('%s is safelisted', (method) => {
    expect(isCorsSafelistedMethod(method)).toBe(true);
  });
  it.each(['PUT', 'DELETE', 'PATCH', 'OPTIONS', 'patch', ''])('%s is not', (method) => {
    expect(isCorsSafelistedMethod(method)).toBe(false);
  });
});
