import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { getHeader, getHeaders, headerListFromObject, headerValueByteLength, headerValues } from './headers.ts';

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
