/**
 * A sort comparator for numbers that answers -1, 0 or 1 (NaN counts as
 * equal, as with `a - b`). Small integers cost nothing, while `a - b` of two
 * fractional times is a new heap number on every comparison.
 */
export function compareNumbers(a: number, b: number): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

// Below this many items a comparison sort is quicker than setting up the
// radix sort's counts.
const RADIX_SORT_FROM = 512;

/**
 * The items in ascending order of `key`, ties in their given order (a
 * stable sort); the items themselves when already in order. NaN keys come
 * last, and -0 ties with 0. Each key is read once into a typed array: items
 * of many shapes (the kinds of request event) make every property read a
 * slow one. Many items are sorted by radix, with no comparison at all: the
 * events of a 100 MB HAR (a quarter of a million) would take millions of
 * comparator calls.
 */
export function sortedByNumber<T>(items: readonly T[], key: (item: T) => number): readonly T[] {
  const keys = new Float64Array(items.length);
  let sorted = true;
  for (let index = 0; index < items.length; index++) {
    const value = key(items[index] as T);
    // NaN last, -0 as 0: the order radixOrder gives them, kept by both paths.
    const current = value === value ? value + 0 : Number.NaN;
    keys[index] = current;
    if (index > 0) {
      const previous = keys[index - 1] as number;
      if (previous > current || (previous !== previous && current === current)) sorted = false;
    }
  }
  if (sorted) return items;
  const order = items.length >= RADIX_SORT_FROM && LITTLE_ENDIAN ? radixOrder(keys) : comparisonOrder(keys);
  const result = new Array<T>(items.length);
  for (let index = 0; index < order.length; index++) result[index] = items[order[index] as number] as T;
  return result;
}

function comparisonOrder(keys: Float64Array): ArrayLike<number> {
  const order = Array.from({ length: keys.length }, (_, index) => index);
  order.sort((a, b) => compareNaNLast(keys[a] as number, keys[b] as number) || a - b);
  return order;
}

function compareNaNLast(a: number, b: number): number {
  if (a !== a) return b !== b ? 0 : 1;
  if (b !== b) return -1;
  return compareNumbers(a, b);
}

const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

/**
 * A stable least-significant-digit radix sort of the keys' IEEE 754 bits,
 * a byte at a time, skipping every byte all keys share (the high bytes of
 * timestamps from one capture). Returns the items' indices in key order.
 */
function radixOrder(keys: Float64Array): Uint32Array {
  const count = keys.length;
  const words = new Uint32Array(keys.buffer, keys.byteOffset, count * 2);
  // Bits that compare as unsigned integers in the numbers' order: a
  // negative number has all its bits flipped, a positive one its sign bit.
  const low = new Uint32Array(count);
  const high = new Uint32Array(count);
  const counts = new Uint32Array(8 * 256);
  for (let index = 0; index < count; index++) {
    let lo = words[index * 2] as number;
    let hi = words[index * 2 + 1] as number;
    if (hi & 0x8000_0000) {
      hi = ~hi >>> 0;
      lo = ~lo >>> 0;
    } else hi = (hi | 0x8000_0000) >>> 0;
    low[index] = lo;
    high[index] = hi;
    for (let byte = 0; byte < 4; byte++) {
      const lowSlot = byte * 256 + ((lo >>> (byte * 8)) & 0xff);
      const highSlot = (byte + 4) * 256 + ((hi >>> (byte * 8)) & 0xff);
      counts[lowSlot] = (counts[lowSlot] as number) + 1;
      counts[highSlot] = (counts[highSlot] as number) + 1;
    }
  }
  let order = new Uint32Array(count);
  for (let index = 0; index < count; index++) order[index] = index;
  let next = new Uint32Array(count);
  const starts = new Uint32Array(256);
  for (let byte = 0; byte < 8; byte++) {
    const base = byte * 256;
    // A byte every key shares leaves the order as it is.
    let used = 0;
    for (let digit = 0; digit < 256; digit++) if ((counts[base + digit] as number) > 0) used++;
    if (used < 2) continue;
    let position = 0;
    for (let digit = 0; digit < 256; digit++) {
      starts[digit] = position;
      position += counts[base + digit] as number;
    }
    const source = byte < 4 ? low : high;
    const shift = (byte % 4) * 8;
    for (let index = 0; index < count; index++) {
      const item = order[index] as number;
      const digit = ((source[item] as number) >>> shift) & 0xff;
      const slot = starts[digit] as number;
      next[slot] = item;
      starts[digit] = slot + 1;
    }
    [order, next] = [next, order];
  }
  return order;
}
