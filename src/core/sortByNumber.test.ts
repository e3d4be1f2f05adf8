import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compareNumbers, sortedByNumber } from './sortByNumber.ts';

describe('sortedByNumber', () => {
  it('orders as a stable sort by the key would, ties in their given order (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.record({ time: fc.oneof(fc.integer({ min: 0, max: 20 }), fc.double({ min: 0, max: 20, noNaN: true })), id: fc.nat() })), (items) => {
        const expected = items.map((item, index) => ({ item, index })).sort((a, b) => (a.item.time === b.item.time ? a.index - b.index : a.item.time < b.item.time ? -1 : 1));
        expect(sortedByNumber(items, (item) => item.time)).toEqual(expected.map((each) => each.item));
      }),
    );
  });

  it('gives back the very same array when it is in order already', () => {
    const items = [{ time: 1 }, { time: 1 }, { time: 2.5 }];
    expect(sortedByNumber(items, (item) => item.time)).toBe(items);
  });

  it('compareNumbers answers -1, 0 or 1', () => {
    expect([compareNumbers(1.5, 2), compareNumbers(2, 2), compareNumbers(3, 2.25), compareNumbers(Number.NaN, 1)]).toEqual([-1, 0, 1, 0]);
  });
});
