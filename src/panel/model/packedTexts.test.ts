import { describe, expect, it } from 'vitest';
import { packTexts, unpackText, unpackTexts } from './packedTexts.ts';

describe('packTexts', () => {
  it('gives each text back as it was, whatever its characters, and nothing past the end', () => {
    const texts = ['{"a":1}', '', 'héllo — 日本 🙂', '\u0000\uFFFD"\\', 'x'.repeat(5000)];
    const packed = packTexts(texts);
    expect(texts.map((_, index) => unpackText(packed, index))).toEqual(texts);
    expect(unpackTexts(packed)).toEqual(texts);
    expect(unpackText(packed, texts.length)).toBeUndefined();
    expect(unpackText(packed, -1)).toBeUndefined();
    expect(unpackText(packed, 0.5)).toBeUndefined();
  });

  it('packs nothing into an empty pack', () => {
    const packed = packTexts([]);
    expect(packed.bytes.length).toBe(0);
    expect(unpackTexts(packed)).toEqual([]);
  });
});
