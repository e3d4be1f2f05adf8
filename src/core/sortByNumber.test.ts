import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compareNumbers, sortedByNumber } from './sortByNumber.ts';

describe('sortedByNumber', () => {
  // The reference: a stable comparison sort with NaN last and -0 equal to 0.
  const reference = <T extends { time: number }>(items: readonly T[]): T[] =>
    items
      .map((item, index) => ({ item, index }))
      .sort((a, b) => {
        const [x, y] = [a.item.time, b.item.time];
        if (Number.isNaN(x) || Number.isNaN(y)) return Number.isNaN(x) === Number.isNaN(y) ? a.index - b.index : Number.isNaN(x) ? 1 : -1;
        return x === y ? a.index - b.index : x < y ? -1 : 1;
      })
      .map((each) => each.item);

  it('orders as a stable sort by the key would, ties in their given order (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ time: fc.oneof(fc.integer({ min: 0, max: 20 }), fc.double({ min: 0, max: 20, noNaN: true })), id: fc.nat() })),
        (items) => {
          expect(sortedByNumber(items, (item) => item.time)).toEqual(reference(items));
        },
      ),
    );
  });

  // Long lists take the radix sort: any double, NaN and -0 included, with
  // ties and with keys that share their high bytes as a capture's times do.
  it('orders long lists the same way, whatever the numbers (property)', () => {
    const anyTime = fc.oneof(
      fc.double(),
      fc.constantFrom(0, -0, Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, Number.MIN_VALUE, -Number.MIN_VALUE),
      fc.integer({ min: 0, max: 50 }),
      fc.double({ min: 1.7e12, max: 1.7e12 + 1e6, noNaN: true }),
    );
    fc.assert(
      fc.property(fc.array(fc.record({ time: anyTime, id: fc.nat() }), { minLength: 512, maxLength: 2000 }), (items) => {
        const sorted = sortedByNumber(items, (item) => item.time);
        expect(sorted.map((item) => item.id)).toEqual(reference(items).map((item) => item.id));
        expect(sorted).toHaveLength(items.length);
      }),
      { numRuns: 60 },
    );
  });

  it('sorts a capture-sized list of timestamps by radix as a comparison sort would', () => {
    const items = Array.from({ length: 5000 }, (_, index) => ({ time: 1_780_000_000_000 + ((index * 7919) % 3000) + (index % 3) / 8, index }));
    expect(sortedByNumber(items, (item) => item.time)).toEqual(reference(items));
  });

  it('gives back the very same array when it is in order already', () => {
    const items = [{ time: 1 }, { time: 1 }, { time: 2.5 }];
    expect(sortedByNumber(items, (item) => item.time)).toBe(items);
  });

  it('compareNumbers answers -1, 0 or 1', () => {
    expect([compareNumbers(1.5, 2), compareNumbers(2, 2), compareNumbers(3, 2.25), compareNumbers(Number.NaN, 1)]).toEqual([-1, 0, 1, 0]);
  });
});
