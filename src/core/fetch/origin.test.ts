import { describe, expect, it } from 'vitest';
import { hasUserInfo, isHttpScheme, isParsableUrl, isSameOrigin, resolveLocation, serializeOrigin } from './origin.ts';

describe('serializeOrigin (HTML: "ASCII serialization of an origin")', () => {
  it.each([
    ['https://a.test/path?q', 'https://a.test'],
    ['https://a.test:443/', 'https://a.test'],
    ['http://a.test:8080/', 'http://a.test:8080'],
    ['HTTP://A.TEST/', 'http://a.test'],
    ['data:text/plain,hi', 'null'],
    ['not a url', 'null'],
  ])('%s is %s', (url, origin) => {
    expect(serializeOrigin(url)).toBe(origin);
  });
});

describe('isSameOrigin', () => {
  it('compares scheme, host and port', () => {
    expect(isSameOrigin('https://a.test', 'https://a.test/x')).toBe(true);
    expect(isSameOrigin('https://a.test', 'http://a.test/')).toBe(false);
    expect(isSameOrigin('http://127.0.0.1:1', 'http://127.0.0.1:2/')).toBe(false);
  });
  it('never treats opaque origins as the same', () => {
    expect(isSameOrigin('null', 'null')).toBe(false);
    expect(isSameOrigin('data:a', 'data:a')).toBe(false);
  });
});

describe('URL helpers', () => {
  it('knows http and https are the CORS schemes', () => {
    expect(isHttpScheme('https://a.test/')).toBe(true);
    expect(isHttpScheme('ftp://a.test/')).toBe(false);
    expect(isHttpScheme('nonsense')).toBe(false);
  });
  it('finds userinfo', () => {
    expect(hasUserInfo('http://user:pw@a.test/')).toBe(true);
    expect(hasUserInfo('http://user@a.test/')).toBe(true);
    expect(hasUserInfo('http://a.test/@x')).toBe(false);
  });
  it('resolves a relative Location', () => {
    expect(resolveLocation('/b?x', 'https://a.test/a/c')).toBe('https://a.test/b?x');
    expect(resolveLocation('http://[bad', 'https://a.test/')).toBeNull();
  });
  it('parses what GURL parses for Access-Control-Allow-Origin diagnostics', () => {
    expect(isParsableUrl('https://a.test')).toBe(true);
    expect(isParsableUrl('localhost:3000')).toBe(true);
    expect(isParsableUrl('example.com')).toBe(false);
    expect(isParsableUrl('')).toBe(false);
  });
});
