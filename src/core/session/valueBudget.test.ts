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
  it('measures a copy exactly as JSON writes it', () => {
    fc.assert(
      fc.property(json, (value) => {
        const { value: copy, characters } = limitValues(value, 1_000);
        expect(characters).toBe(JSON.stringify(copy).length);
      }),
    );
  });

  it('copies an object met twice at each place, and counts it each time, as JSON writes it', () => {
    const headers = [{ name: 'X-Pad', value: 'p'.repeat(1_000) }];
    const value = { request: { headers }, verdict: { headers } };
    const { value: copy, characters } = limitValues(value, 10_000);
    expect(copy.request.headers).not.toBe(copy.verdict.headers);
    expect(copy).toEqual(value);
    expect(characters).toBe(JSON.stringify(value).length);
  });

  it('cuts long strings with a marker, and counts what it cut', () => {
    const { value: copy, truncated } = limitValues({ a: 'x'.repeat(50), b: ['y'.repeat(5)] }, 10);
    expect(copy).toEqual({ a: `${'x'.repeat(10)}${truncationMarker(50)}`, b: ['yyyyy'] });
    expect(truncated).toBe(1);
  });
});
