import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { limitValues, truncationMarker } from './valueBudget.ts';

// Strings without characters JSON escapes, so the estimate must be exact.
const plain = fc.string({ unit: fc.constantFrom(...'abcXYZ019 -_:/.,'.split('')), maxLength: 40 });
const json = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small' },
    plain,
    fc.integer(),
    fc.boolean(),
    fc.constant(null),
    fc.array(tie('value'), { maxLength: 5 }),
    fc.dictionary(plain, tie('value'), { maxKeys: 5 }),
  ),
})).value;

describe('limitValues', () => {
  it('measures a copy without shared objects exactly as JSON writes it', () => {
    fc.assert(
      fc.property(json, (value) => {
        const { value: copy, characters } = limitValues(value, 1_000);
        expect(characters).toBe(JSON.stringify(copy).length);
      }),
    );
  });

  it('copies an object shared inside the value once, and counts it once, as memory holds it', () => {
    const headers = [{ name: 'X-Pad', value: 'p'.repeat(1_000) }];
    const value = { request: { headers }, hops: [{ headers }], verdict: { headers } };
    const { value: copy, characters } = limitValues(value, 10_000);
    expect(copy.request.headers).toBe(copy.verdict.headers);
    expect(copy.request.headers).not.toBe(headers);
    const once = JSON.stringify({ request: { headers }, hops: [{}], verdict: {} }).length;
    expect(Math.abs(characters - once)).toBeLessThan(40);
  });

  it('cuts long strings with a marker, and counts what it cut', () => {
    const { value: copy, truncated } = limitValues({ a: 'x'.repeat(50), b: ['y'.repeat(5)] }, 10);
    expect(copy).toEqual({ a: `${'x'.repeat(10)}${truncationMarker(50)}`, b: ['yyyyy'] });
    expect(truncated).toBe(1);
  });
});
