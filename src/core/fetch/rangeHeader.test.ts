import { describe, expect, it } from 'vitest';
import { isSimpleRangeHeaderValue } from './rangeHeader.ts';

describe('isSimpleRangeHeaderValue (Fetch: "simple range header value")', () => {
  it.each(['bytes=0-0', 'bytes=0-99', 'bytes=100-', 'bytes=5-5', 'BYTES=1-2', 'bytes=0-99999999999999999999999'])('%s is simple', (value) => {
    expect(isSimpleRangeHeaderValue(value)).toBe(true);
  });
  it.each(['bytes=-5', 'bytes=5-1', 'bytes=0-1,3-4', 'bytes= 0-1', 'bytes=0 -1', 'bytes=', 'bytes=a-b', 'items=0-1', 'bytes=0-1 '])('%s is not', (value) => {
    expect(isSimpleRangeHeaderValue(value)).toBe(false);
  });
});
