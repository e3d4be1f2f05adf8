import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { textParts } from './exportFile.ts';

describe('textParts', () => {
  it('cuts text into parts no longer than asked, which join back into it, never inside a surrogate pair (property)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 60 }), fc.integer({ min: 2, max: 7 }), (text, size) => {
        const parts = textParts(text, size);
        expect(parts.join('')).toBe(text);
        for (const part of parts) {
          expect(part.length).toBeLessThanOrEqual(size);
          // A part that ends with the first half of a pair would be encoded alone as U+FFFD.
          const last = part.charCodeAt(part.length - 1);
          if (part !== parts.at(-1)) expect(last >= 0xd800 && last <= 0xdbff).toBe(false);
        }
      }),
    );
  });

  it('gives one empty part for empty text', () => {
    expect(textParts('')).toEqual(['']);
  });

  it('keeps an emoji whole at the cut', () => {
    expect(textParts('ab😀cd', 3)).toEqual(['ab', '😀c', 'd']);
  });
});
