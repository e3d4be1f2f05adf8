import { describe, expect, it } from 'vitest';
import { urlParts } from '../fetch/urlParts.ts';
import { createUrlReader } from './urlReader.ts';

describe('createUrlReader', () => {
  it('reads what urlParts reads, a URL that does not parse included', () => {
    const read = createUrlReader();
    for (const url of ['https://api.example.com/items?a=1', 'http://user:pw@localhost/', 'data:text/plain,hi', 'example.com']) {
      expect(read(url)).toEqual(urlParts(url));
      expect(read(url)).toEqual(urlParts(url));
    }
  });

  it('answers a URL asked again with the parts it read the first time', () => {
    const read = createUrlReader();
    const first = read('https://api.example.com/a');
    expect(read('https://api.example.com/a')).toBe(first);
  });

  it('still reads right after forgetting (more URLs than it keeps)', () => {
    const read = createUrlReader();
    for (let index = 0; index < 10_000; index++) expect(read(`https://h${index % 7}.example/${index}`)?.origin).toBe(`https://h${index % 7}.example`);
    expect(read('http://localhost:8080/')?.origin).toBe('http://localhost:8080');
  });
});
