import { describe, expect, it } from 'vitest';
import { gapAfterStop } from './recordingGap.ts';

const T = Date.UTC(2026, 4, 1, 10, 2, 3, 120);

describe('the gap a stopped worker leaves in a recording', () => {
  it('none when the listeners that woke the new worker were its own and everything was written', () => {
    expect(gapAfterStop({ listenersSurvived: true, unsavedSince: null, savedAt: T - 5000, lostAt: T, resumedAt: T + 80 })).toBeNull();
  });

  it('the changes not written yet are lost even then, from the first of them', () => {
    expect(gapAfterStop({ listenersSurvived: true, unsavedSince: T - 400, savedAt: T - 1400, lostAt: T, resumedAt: T + 80 })).toEqual({
      from: T - 400,
      to: T + 80,
    });
  });

  it('without surviving listeners: from the stop, as a client saw its connection drop, to the listeners registered again', () => {
    expect(gapAfterStop({ listenersSurvived: false, unsavedSince: null, savedAt: T - 9000, lostAt: T, resumedAt: T + 1750 })).toEqual({
      from: T,
      to: T + 1750,
    });
  });

  it('from the first change not written, when it is earlier than the stop', () => {
    expect(gapAfterStop({ listenersSurvived: false, unsavedSince: T - 300, savedAt: T - 1300, lostAt: T, resumedAt: T + 1750 })).toEqual({
      from: T - 300,
      to: T + 1750,
    });
  });

  it('from the last write when nobody saw the stop: the longer gap, never a silent loss', () => {
    expect(gapAfterStop({ listenersSurvived: false, unsavedSince: null, savedAt: T - 9000, lostAt: null, resumedAt: T + 1750 })).toEqual({
      from: T - 9000,
      to: T + 1750,
    });
  });

  it("a client cannot place the stop before the stopped worker's last write", () => {
    expect(gapAfterStop({ listenersSurvived: false, unsavedSince: null, savedAt: T - 2000, lostAt: T - 60_000, resumedAt: T + 100 })).toEqual({
      from: T - 2000,
      to: T + 100,
    });
  });

  it('never ends before it begins', () => {
    const gap = gapAfterStop({ listenersSurvived: false, unsavedSince: null, savedAt: null, lostAt: T + 5000, resumedAt: T });
    expect(gap).toEqual({ from: T, to: T });
  });
});
