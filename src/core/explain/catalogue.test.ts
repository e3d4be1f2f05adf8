import { describe, expect, it } from 'vitest';
import { CORS_ERRORS, type CorsError } from '../cors/corsError.ts';
import { CORS_ERROR_CATALOGUE } from './catalogue.ts';
import type { CorsErrorDescription, DescriptionContext } from './description.ts';
import { LINKS } from './links.ts';

// Reference: every Network.CorsError of the DevTools protocol
// (https://chromedevtools.github.io/devtools-protocol/tot/Network/#type-CorsError); the catalogue's contract in
// description.ts: structured text, never HTML, network values as plain text.
const HOSTILE = '<img src=x onerror=alert(1)>';

// failedParameter is a response header value for most codes, so it is hostile too;
// for these two it is a request method or header name, which must be an HTTP token.
const TOKEN_PARAMETERS: Partial<Record<CorsError, string>> = {
  MethodDisallowedByPreflightResponse: 'patch',
  HeaderDisallowedByPreflightResponse: 'x-custom',
};

function hostileContext(corsError: CorsError, credentials: boolean): DescriptionContext {
  return {
    corsError,
    failedParameter: TOKEN_PARAMETERS[corsError] ?? HOSTILE,
    origin: 'http://a.test',
    method: 'PUT',
    url: 'https://api.test/data',
    credentials,
    header: 'Access-Control-Allow-Origin',
    received: HOSTILE,
    needed: TOKEN_PARAMETERS[corsError] ?? 'http://a.test',
    missing: corsError === 'HeaderDisallowedByPreflightResponse' ? ['x-custom'] : [],
    invalidItem: corsError.startsWith('InvalidAllow') ? HOSTILE : null,
    status: 500,
    responseHeaders: [{ name: 'Access-Control-Allow-Origin', value: HOSTILE }],
    unsafeHeaderNames: ['x-custom'],
  };
}

function strings(description: CorsErrorDescription): string[] {
  return [
    description.title,
    description.summary,
    description.whatHappened,
    description.whatToChange,
    ...(description.note === undefined ? [] : [description.note]),
    ...(description.fix?.lines.flatMap((line) => [line.name, line.value]) ?? []),
  ];
}

describe('CORS_ERROR_CATALOGUE', () => {
  it('has an entry for every code in CORS_ERRORS, and no other', () => {
    for (const code of CORS_ERRORS) expect(typeof CORS_ERROR_CATALOGUE[code], code).toBe('function');
    expect(Object.keys(CORS_ERROR_CATALOGUE).sort()).toEqual([...CORS_ERRORS].sort());
  });

  for (const code of CORS_ERRORS) {
    describe(code, () => {
      for (const credentials of [false, true]) {
        const describeIt = () => CORS_ERROR_CATALOGUE[code](hostileContext(code, credentials));

        it(`gives a non-empty title, summary, whatHappened and whatToChange (credentials ${credentials})`, () => {
          const description = describeIt();
          for (const key of ['title', 'summary', 'whatHappened', 'whatToChange'] as const) {
            expect(typeof description[key], key).toBe('string');
            expect(description[key].trim(), key).not.toBe('');
          }
        });

        it(`produces no HTML of its own; the hostile value may only appear verbatim (credentials ${credentials})`, () => {
          for (const text of strings(describeIt())) {
            const rest = text.split(HOSTILE).join('');
            expect(rest, text).not.toMatch(/<\/?[A-Za-z!]/);
            expect(rest, text).not.toMatch(/&(lt|gt|amp|quot|#\d+);/);
          }
        });

        it(`links only to known https URLs (credentials ${credentials})`, () => {
          for (const id of describeIt().links) {
            const link = (LINKS as Record<string, { title: string; url: string } | undefined>)[id];
            expect(link, id).toBeDefined();
            expect(link?.title.trim(), id).not.toBe('');
            expect(new URL(link?.url ?? '').protocol, id).toBe('https:');
          }
        });
      }
    });
  }
});
