import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatHeaderLines, parseHeaderLines } from './headerLines.ts';

describe('parseHeaderLines', () => {
  it('reads name and value, skips blank lines, and names the lines it leaves out', () => {
    expect(parseHeaderLines('Access-Control-Allow-Origin:  https://a.example \n\nno colon here\n: empty name\nBad Name: x\nVary:Origin')).toEqual({
      headers: [
        { name: 'Access-Control-Allow-Origin', value: 'https://a.example' },
        { name: 'Vary', value: 'Origin' },
      ],
      problems: ['Line 3 is not "Name: value".', 'Line 4 is not "Name: value".', 'Line 5 is not "Name: value".'],
    });
  });

  it('keeps at most 64 headers', () => {
    const parsed = parseHeaderLines(Array.from({ length: 70 }, (_, index) => `X-${index}: ${index}`).join('\n'));
    expect(parsed.headers).toHaveLength(64);
    expect(parsed.problems).toHaveLength(6);
  });

  it('gives back what formatHeaderLines wrote, for any token name and trimmed single-line value', () => {
    const name = fc.stringMatching(/^[A-Za-z0-9!#$%&'*+.^_`|~-]{1,20}$/);
    const value = fc.stringMatching(/^[^\r\n]{0,40}$/).map((text) => text.trim());
    fc.assert(
      fc.property(fc.array(fc.record({ name, value }), { maxLength: 10 }), (headers) => {
        expect(parseHeaderLines(formatHeaderLines(headers))).toEqual({ headers, problems: [] });
      }),
    );
  });
});
