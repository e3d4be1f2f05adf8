import { describe, expect, it } from 'vitest';
import { countdown, duration } from './formatTime.ts';

describe('formatTime', () => {
  it('counts down to an expiry, then says how long ago it expired', () => {
    expect(countdown(600_000, 2_000)).toBe('expires in 9 min 58 s');
    expect(countdown(7_200_000, 0)).toBe('expires in 2 h 0 s');
    expect(countdown(1_000, 4_000)).toBe('expired 3 s ago');
  });

  it('writes durations in whole milliseconds', () => {
    expect(duration(0.4)).toBe('<1 ms');
    expect(duration(12.6)).toBe('13 ms');
  });
});
