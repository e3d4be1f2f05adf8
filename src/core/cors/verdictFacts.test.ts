import { describe, expect, it } from 'vitest';
import type { Header } from '../fetch/headers.ts';
import type { CorsRequest } from './corsRequest.ts';
import { decideVerdict } from './decideVerdict.ts';
import type { Exchange, ObservedResponse } from './verdict.ts';
import { corsErrorOf, failedParameterOf, failedResponseOf, responseOf } from './verdictFacts.ts';

const PAGE = 'http://app.test';
const API = 'http://api.test/items';
const h = (...pairs: [string, string][]): Header[] => pairs.map(([name, value]) => ({ name, value }));
const answer = (status: number, ...pairs: [string, string][]): ObservedResponse => ({ status, headers: h(...pairs) });

function request(overrides: Partial<CorsRequest> = {}): CorsRequest {
  return { url: API, method: 'GET', headers: [], initiatorOrigin: PAGE, mode: 'cors', credentials: 'same-origin', redirect: 'follow', ...overrides };
}

/** The facts of a verdict, each read from where it is held. */
function facts(exchange: Exchange) {
  const verdict = decideVerdict(exchange);
  return {
    corsError: corsErrorOf(verdict),
    failedParameter: failedParameterOf(verdict),
    failedResponse: failedResponseOf(exchange, verdict),
    response: responseOf(exchange, verdict),
  };
}

describe('verdictFacts: what a verdict points at in the capture it judged', () => {
  it('a blocked preflight: its answer is the failed response, and nothing reached script', () => {
    const refused = answer(403, ['Access-Control-Allow-Origin', PAGE]);
    expect(facts({ request: request({ method: 'PUT' }), hops: [{ url: API, preflight: { response: refused }, sent: false }] })).toEqual({
      corsError: 'PreflightInvalidStatus',
      failedParameter: '',
      failedResponse: refused,
      response: null,
    });
  });

  it('a blocked redirect: the 3xx is the failed response; a blocked answer: the answer', () => {
    const redirect = answer(302, ['Location', 'http://api.test/moved']);
    expect(
      facts({
        request: request(),
        hops: [
          { url: API, response: redirect },
          { url: 'http://api.test/moved', response: answer(200) },
        ],
      }),
    ).toMatchObject({ corsError: 'MissingAllowOriginHeader', failedResponse: redirect, response: null });
    const wrong = answer(200, ['Access-Control-Allow-Origin', 'http://other.test']);
    expect(facts({ request: request(), hops: [{ url: API, response: wrong }] })).toMatchObject({
      corsError: 'AllowOriginMismatch',
      failedParameter: 'http://other.test',
      failedResponse: wrong,
      response: null,
    });
  });

  it('an allowed request: the last answer reaches script; with redirect: "manual", the redirect itself', () => {
    const final = answer(200, ['Access-Control-Allow-Origin', PAGE]);
    const redirect = answer(302, ['Access-Control-Allow-Origin', PAGE], ['Location', 'http://api.test/moved']);
    expect(
      facts({
        request: request(),
        hops: [
          { url: API, response: redirect },
          { url: 'http://api.test/moved', response: final },
        ],
      }),
    ).toEqual({ corsError: null, failedParameter: null, failedResponse: null, response: final });
    expect(facts({ request: request({ redirect: 'manual' }), hops: [{ url: API, response: redirect }] })).toEqual({
      corsError: null,
      failedParameter: null,
      failedResponse: null,
      response: redirect,
    });
  });

  it('a refusal before any answer points at no response', () => {
    expect(facts({ request: request({ url: 'ftp://api.test/x' }), hops: [{ url: 'ftp://api.test/x', sent: false }] })).toEqual({
      corsError: 'CorsDisabledScheme',
      failedParameter: 'ftp',
      failedResponse: null,
      response: null,
    });
  });
});
