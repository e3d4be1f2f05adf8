import { describe, expect, it } from 'vitest';
import type { CorsError } from '../cors/corsError.ts';
import type { Verdict } from '../cors/verdict.ts';
import { firefoxReasonOf, firefoxReasonsOf } from './firefoxReasonOf.ts';

function failed(corsError: CorsError, acao: string[] = []): Pick<Verdict, 'blocked' | 'failure' | 'failedResponse'> {
  const failure = { corsError, failedParameter: '', header: null, received: null, needed: '' };
  return { blocked: true, failure, failedResponse: { status: 200, headers: acao.map((value) => ({ name: 'Access-Control-Allow-Origin', value })) } };
}

describe('firefoxReasonOf', () => {
  it('is null unless blocked', () => {
    expect(firefoxReasonOf({ blocked: false, failure: null, failedResponse: null })).toBeNull();
  });

  it("names Chromium's failures as Firefox does", () => {
    expect(firefoxReasonOf(failed('PreflightMissingAllowOriginHeader'))).toBe('CORSMissingAllowOrigin');
    expect(firefoxReasonOf(failed('InvalidAllowOriginValue', ['example.com']))).toBe('CORSAllowOriginNotMatchingOrigin');
    expect(firefoxReasonOf(failed('HeaderDisallowedByPreflightResponse'))).toBe('CORSMissingAllowHeaderFromPreflight');
    expect(firefoxReasonOf(failed('DisallowedByMode'))).toBeNull();
  });

  it('tells two Access-Control-Allow-Origin lines ("multiple") from one line with a comma ("does not match")', () => {
    expect(firefoxReasonsOf(failed('MultipleAllowOriginValues', ['*', '*']))).toEqual(['CORSMultipleAllowOriginNotAllowed']);
    expect(firefoxReasonsOf(failed('MultipleAllowOriginValues', ['https://a.example https://b.example']))).toEqual(['CORSAllowOriginNotMatchingOrigin']);
    // One line with a comma may be two lines a capture joined: either.
    expect(firefoxReasonsOf(failed('PreflightMultipleAllowOriginValues', ['*, *']))).toEqual(['CORSAllowOriginNotMatchingOrigin', 'CORSMultipleAllowOriginNotAllowed']);
  });
});
