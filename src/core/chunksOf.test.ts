import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { chunksOf } from './chunksOf.ts';

describe('chunksOf', () => {
  it('cuts a list into runs of the size asked (the last may be shorter), which join back into it (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.integer(), { maxLength: 50 }), fc.integer({ min: 1, max: 9 }), (items, size) => {
        const chunks = chunksOf(items, size);
        expect(chunks.flat()).toEqual(items);
        expect(chunks.slice(0, -1).every((chunk) => chunk.length === size)).toBe(true);
        expect(chunks.every((chunk) => chunk.length > 0 && chunk.length <= size)).toBe(true);
      }),
    );
  });
});
