import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { urlParts } from './urlParts.ts';

describe('urlParts', () => {
  it.each([
    ['https://api.example.com/items?a=1', 'https', 'https://api.example.com'],
    ['http://localhost:5173/', 'http', 'http://localhost:5173'],
    ['http://127.0.0.1:8080/x', 'http', 'http://127.0.0.1:8080'],
    ['http://127.1/', 'http', 'http://127.0.0.1'],
    ['https://example.com:443/', 'https', 'https://example.com'],
    ['HTTPS://EXAMPLE.com/', 'https', 'https://example.com'],
    ['http://[0:0::1]:80/', 'http', 'http://[::1]'],
    ['http://bücher.example/', 'http', 'http://xn--bcher-kva.example'],
    ['data:text/plain,hi', 'data', 'null'],
    ['ftp://localhost/x', 'ftp', 'ftp://localhost'],
  ])('%s: scheme %s, origin %s', (url, scheme, origin) => {
    expect(urlParts(url)).toMatchObject({ scheme, origin });
  });

  it('sees userinfo', () => {
    expect(urlParts('http://user:pw@localhost/')?.hasUserInfo).toBe(true);
    expect(urlParts('http://localhost/@x')?.hasUserInfo).toBe(false);
  });

  it('is null for what is not a URL', () => {
    expect(urlParts('example.com')).toBeNull();
    expect(urlParts('')).toBeNull();
    expect(urlParts('http://')).toBeNull();
  });

  it('agrees with the WHATWG URL parser on every http(s) URL (property)', () => {
    const url = fc.webUrl({
      validSchemes: ['http', 'https'],
      withQueryParameters: true,
      withFragments: true,
      authoritySettings: { withPort: true, withUserInfo: true, withIPv4: true, withIPv6: true, withIPv4Extended: true },
    });
    fc.assert(
      fc.property(url, (text) => {
        const parsed = new URL(text);
        expect(urlParts(text)).toEqual({
          scheme: parsed.protocol.slice(0, -1),
          origin: parsed.origin,
          hasUserInfo: parsed.username !== '' || parsed.password !== '',
        });
      }),
      { numRuns: 2000 },
    );
  });
});
