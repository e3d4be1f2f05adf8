import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseHeaderValueList, serializeHeaderValueList } from './headerValueList.ts';

describe('parseHeaderValueList (Access-Control-Allow-Methods / -Allow-Headers / -Expose-Headers)', () => {
  it('is a valid empty list when the header is absent', () => {
    expect(parseHeaderValueList(null)).toEqual({ valid: true, items: [] });
  });

  it('splits on commas and trims spaces and tabs', () => {
    expect(parseHeaderValueList(' GET ,\tPOST,PUT\t')).toEqual({ valid: true, items: ['GET', 'POST', 'PUT'] });
  });

  it('drops empty items', () => {
    expect(parseHeaderValueList(',, GET,,POST ,')).toEqual({ valid: true, items: ['GET', 'POST'] });
    expect(parseHeaderValueList('')).toEqual({ valid: true, items: [] });
  });

  it('keeps the case of methods and lower-cases header names on request', () => {
    expect(parseHeaderValueList('patch, PATCH').items).toEqual(['patch', 'PATCH']);
    expect(parseHeaderValueList('X-Custom, Content-Type', { lowerCase: true }).items).toEqual(['x-custom', 'content-type']);
  });

  it('accepts * as an item (it is a token)', () => {
    expect(parseHeaderValueList('*')).toEqual({ valid: true, items: ['*'] });
  });

  it.each([['PUT DELETE'], ['"PUT"'], ['x-a; x-b'], ['GET, PO(ST'], ['a,"b,c"']])('rejects %s: an item is not a token', (value) => {
    expect(parseHeaderValueList(value).valid).toBe(false);
  });

  it('names the first item that is not a token', () => {
    expect(parseHeaderValueList('GET, PUT DELETE, x y').invalidItem).toBe('PUT DELETE');
  });

  it('parses what it serializes (property)', () => {
    const token = fc.stringMatching(/^[!#$%&'*+\-.^_`|~0-9A-Za-z]{1,12}$/);
    fc.assert(
      fc.property(fc.array(token, { maxLength: 8 }), (items) => {
        expect(parseHeaderValueList(serializeHeaderValueList(items))).toEqual({ valid: true, items });
      }),
    );
  });

  it('never throws, whatever the value (property)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (value) => {
        const parsed = parseHeaderValueList(value, { lowerCase: true });
        expect(typeof parsed.valid).toBe('boolean');
      }),
    );
  });
});
