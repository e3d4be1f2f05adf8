import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { headerValueByteLength } from './headerValue.ts';
import { getHeader, getHeaders, headerListFromObject, headerValues, lowerCaseHeaderName } from './headers.ts';

describe('header lists', () => {
  const list = [
    { name: 'Access-Control-Allow-Origin', value: ' https://a.test ' },
    { name: 'access-control-allow-origin', value: '*' },
    { name: 'Vary', value: 'Origin' },
  ];

  it('joins repeated lines with ", " and trims each value, as Chromium reads them', () => {
    expect(getHeader(list, 'ACCESS-CONTROL-ALLOW-ORIGIN')).toBe('https://a.test, *');
    expect(headerValues(list, 'vary')).toEqual(['Origin']);
  });

  it('is null for an absent header, and "" for an empty one', () => {
    expect(getHeader(list, 'Access-Control-Allow-Credentials')).toBeNull();
    expect(getHeader([{ name: 'X', value: '' }], 'x')).toBe('');
  });

  it('reads several names in one pass, each as getHeader reads it (property)', () => {
    const names = ['Origin', 'origin', 'Vary', 'X-A', 'x-b', 'Cookie', ''];
    const line = fc.record({ name: fc.oneof(fc.constantFrom(...names, 'VARY', 'ORIGIN', 'x-a'), fc.string()), value: fc.string() });
    fc.assert(
      fc.property(fc.array(line), fc.array(fc.constantFrom(...names, 'X-Absent'), { maxLength: 6 }), (headers, asked) => {
        const lowerCase = asked.map((name) => name.toLowerCase() as Lowercase<string>);
        expect(getHeaders(headers, lowerCase)).toEqual(asked.map((name) => getHeader(headers, name)));
      }),
    );
  });

  it('reads a name as the Fetch Standard compares them, whatever the case, repeats and whitespace (property)', () => {
    // What getHeader means, written the slow way: byte-case-insensitive names, trimmed values, ", " between lines.
    const reference = (headers: readonly { name: string; value: string }[], name: string): string | null => {
      const lower = (text: string) => text.replace(/[A-Z]/g, (letter) => letter.toLowerCase());
      const values = headers.filter((header) => lower(header.name) === lower(name)).map((header) => header.value.replace(/^[ \t]+|[ \t]+$/g, ''));
      return values.length === 0 ? null : values.join(', ');
    };
    const known = [
      'Origin',
      'Host',
      ':authority',
      'Referer',
      'Cookie',
      'Sec-Fetch-Mode',
      'Sec-Fetch-Site',
      'Cache-Control',
      'Pragma',
      'Location',
      'Vary',
      'Access-Control-Request-Method',
      'Access-Control-Request-Headers',
      'Access-Control-Allow-Origin',
      'Access-Control-Allow-Credentials',
      'Access-Control-Allow-Methods',
      'Access-Control-Allow-Headers',
      'Access-Control-Max-Age',
      'Access-Control-Expose-Headers',
    ];
    // Same lengths as known names, one letter off; and kookie with the Kelvin sign for its k, which no ASCII k equals.
    const nearMisses = [
      'Origim',
      'Access-Control-Allow-Originn',
      'Access-Control-Allow-Orig1n',
      'Access-Control-Allow-Hethods',
      'Kookie',
      '\u212Aookie',
      'Sec-Fetch-Modf',
    ];
    const ascii = (letter: string, upper: boolean) => (/[a-zA-Z]/.test(letter) ? (upper ? letter.toUpperCase() : letter.toLowerCase()) : letter);
    const someCase = (name: string) =>
      fc.array(fc.boolean(), { minLength: name.length, maxLength: name.length }).map((upper) =>
        Array.from(name)
          .map((letter, index) => ascii(letter, upper[index] === true))
          .join(''),
      );
    const name = fc.oneof(fc.constantFrom(...known, ...nearMisses).chain(someCase), fc.string({ maxLength: 12 }));
    const value = fc.oneof(fc.string(), fc.constantFrom(' padded\t', '\t', '', 'a, b'));
    fc.assert(
      fc.property(
        fc.array(fc.record({ name, value }), { maxLength: 30 }),
        fc.array(fc.constantFrom(...known, ...nearMisses, 'X-Absent'), { minLength: 1, maxLength: 8 }),
        (headers, asked) => {
          for (const each of asked) expect(getHeader(headers, each)).toBe(reference(headers, each));
          // Asked in another case: the same answer.
          for (const each of asked)
            expect(
              getHeader(
                headers,
                each.replace(/[a-z]/g, (letter) => letter.toUpperCase()),
              ),
            ).toBe(reference(headers, each));
        },
      ),
      { numRuns: 500 },
    );
  });

  it('lower-cases A-Z only, whatever else the name holds (property)', () => {
    const reference = (text: string) => text.replace(/[A-Z]/g, (letter) => letter.toLowerCase());
    expect(lowerCaseHeaderName('\u212Aookie-Ä')).toBe('\u212Aookie-Ä');
    expect(lowerCaseHeaderName('X-\u212A-İ-Ab')).toBe('x-\u212A-İ-ab');
    fc.assert(
      fc.property(
        fc.string({ unit: fc.constantFrom('A', 'z', 'Q', '-', '\u212A', 'İ', 'Σ', 'ß', '😀', 'é') }),
        (name) => lowerCaseHeaderName(name) === reference(name),
      ),
    );
    fc.assert(fc.property(fc.string(), (name) => lowerCaseHeaderName(name) === reference(name)));
  });

  it('splits CDP header objects whose repeated lines are joined by newlines', () => {
    expect(headerListFromObject({ 'Set-Cookie': 'a=1\nb=2', Vary: 'Origin' })).toEqual([
      { name: 'Set-Cookie', value: 'a=1' },
      { name: 'Set-Cookie', value: 'b=2' },
      { name: 'Vary', value: 'Origin' },
    ]);
  });

  it('counts bytes as Chromium does', () => {
    expect(headerValueByteLength('abc')).toBe(3);
    expect(headerValueByteLength('\u00e9')).toBe(1);
    expect(headerValueByteLength('\u20ac')).toBe(3);
    expect(headerValueByteLength('\u{1f600}')).toBe(4);
  });
});
