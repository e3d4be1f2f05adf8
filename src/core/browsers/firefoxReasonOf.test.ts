import { describe, expect, it } from 'vitest';
import type { CorsError } from '../cors/corsError.ts';
import type { Verdict } from '../cors/verdict.ts';
import type { Exchange } from '../cors/verdict.ts';
import { firefoxReasonOf, firefoxReasonsOf } from './firefoxReasonOf.ts';

/** A verdict blocked at the response of its one hop, and that hop's answer with these Access-Control-Allow-Origin lines. */
function failed(corsError: CorsError, acao: string[] = []): [Pick<Exchange, 'hops'>, Pick<Verdict, 'outcome' | 'failure' | 'failedHop' | 'stage'>] {
  const response = { status: 200, headers: acao.map((value) => ({ name: 'Access-Control-Allow-Origin', value })) };
  const failure = { corsError, failedParameter: '', header: null, received: null, needed: '' };
  return [
    { hops: [{ url: 'https://api.test/', response, preflight: { response } }] },
    { outcome: 'blocked', failure, failedHop: 0, stage: corsError.startsWith('Preflight') ? 'preflight' : 'response' },
  ];
}

describe('firefoxReasonOf', () => {
  it('is null unless blocked', () => {
    expect(firefoxReasonOf({ hops: [] }, { outcome: 'allowed', failure: null, failedHop: null, stage: null })).toBeNull();
  });

  it("names Chromium's failures as Firefox does", () => {
    expect(firefoxReasonOf(...failed('PreflightMissingAllowOriginHeader'))).toBe('CORSMissingAllowOrigin');
    expect(firefoxReasonOf(...failed('InvalidAllowOriginValue', ['example.com']))).toBe('CORSAllowOriginNotMatchingOrigin');
    expect(firefoxReasonOf(...failed('HeaderDisallowedByPreflightResponse'))).toBe('CORSMissingAllowHeaderFromPreflight');
    expect(firefoxReasonOf(...failed('DisallowedByMode'))).toBeNull();
  });

  it('tells two Access-Control-Allow-Origin lines ("multiple") from one line with a comma ("does not match")', () => {
    expect(firefoxReasonsOf(...failed('MultipleAllowOriginValues', ['*', '*']))).toEqual(['CORSMultipleAllowOriginNotAllowed']);
    expect(firefoxReasonsOf(...failed('MultipleAllowOriginValues', ['https://a.example https://b.example']))).toEqual(['CORSAllowOriginNotMatchingOrigin']);
    // One line with a comma may be two lines a capture joined: either.
    expect(firefoxReasonsOf(...failed('PreflightMultipleAllowOriginValues', ['*, *']))).toEqual([
      'CORSAllowOriginNotMatchingOrigin',
      'CORSMultipleAllowOriginNotAllowed',
    ]);
  });
});
