/**
 * Texts packed as UTF-8 in one buffer, with where each ends. A worker
 * transfers the buffer to the panel without copying it, and the panel's heap
 * holds one object for a hundred transactions instead of a string each:
 * receiving 50,000 imported transactions as strings had the panel's thread
 * rebuild every one of them, and its garbage collector copy them again.
 */
export interface PackedTexts {
  readonly bytes: Uint8Array;
  /** `ends[i]` is where text i ends in `bytes` (text i begins where text i - 1 ends). */
  readonly ends: Uint32Array;
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();

export function packTexts(texts: readonly string[]): PackedTexts {
  const encoded = texts.map((text) => encoder.encode(text));
  const ends = new Uint32Array(encoded.length);
  let length = 0;
  encoded.forEach((each, index) => {
    length += each.length;
    ends[index] = length;
  });
  const bytes = new Uint8Array(length);
  encoded.forEach((each, index) => bytes.set(each, index === 0 ? 0 : ends[index - 1]));
  return { bytes, ends };
}

/** Text `index` of a pack; undefined past its end. */
export function unpackText(packed: PackedTexts, index: number): string | undefined {
  if (!Number.isInteger(index) || index < 0 || index >= packed.ends.length) return undefined;
  return decoder.decode(packed.bytes.subarray(index === 0 ? 0 : packed.ends[index - 1], packed.ends[index]));
}

/** Every text of a pack, in order. */
export function unpackTexts(packed: PackedTexts): string[] {
  return Array.from(packed.ends, (_, index) => unpackText(packed, index) as string);
}
