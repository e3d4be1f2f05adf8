import { describe, expect, it } from 'vitest';
import { FIREFOX_REASONS } from '../browsers/firefoxReason.ts';
import { FIREFOX_REASON_OF_CORS_ERROR } from '../browsers/firefoxReasonOf.ts';
import { CORS_ERRORS } from '../cors/corsError.ts';
import { FIREFOX_REASON_CATALOGUE } from './firefoxCatalogue.ts';

describe('FIREFOX_REASON_CATALOGUE', () => {
  it('has an entry for every Firefox reason, and no other', () => {
    expect(Object.keys(FIREFOX_REASON_CATALOGUE).sort()).toEqual([...FIREFOX_REASONS].sort());
    for (const reason of FIREFOX_REASONS) expect(FIREFOX_REASON_CATALOGUE[reason].meaning.trim(), reason).not.toBe('');
  });

  it("gives every Chromium code Firefox's name for it, or says Firefox has none (null)", () => {
    expect(Object.keys(FIREFOX_REASON_OF_CORS_ERROR).sort()).toEqual([...CORS_ERRORS].sort());
    for (const reason of Object.values(FIREFOX_REASON_OF_CORS_ERROR)) if (reason !== null) expect(FIREFOX_REASONS).toContain(reason);
  });
});
