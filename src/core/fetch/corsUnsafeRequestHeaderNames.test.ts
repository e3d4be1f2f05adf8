import { describe, expect, it } from 'vitest';
import { accessControlRequestHeadersValue, corsUnsafeRequestHeaders } from './corsUnsafeRequestHeaderNames.ts';
import type { Header } from './headers.ts';

const headers = (...pairs: [string, string][]): Header[] => pairs.map(([name, value]) => ({ name, value }));

describe('corsUnsafeRequestHeaders (Fetch: "CORS-unsafe request-header names")', () => {
  it('lists unsafe names lower-cased, in request order', () => {
    const names = corsUnsafeRequestHeaders(headers(['X-Zeta', '1'], ['Accept', '*/*'], ['X-Alpha', '1'])).map((h) => h.name);
    expect(names).toEqual(['x-zeta', 'x-alpha']);
  });

  it('skips forbidden headers: the browser sets them', () => {
    expect(corsUnsafeRequestHeaders(headers(['Cookie', 'a=b'], ['DNT', '1'], ['Sec-Fetch-Mode', 'cors'], ['Proxy-Foo', 'x'], ['User-Agent', 'x']))).toEqual([]);
  });

  it('says which rule made each header unsafe', () => {
    const [json] = corsUnsafeRequestHeaders(headers(['Content-Type', 'application/json']));
    expect(json).toMatchObject({ name: 'content-type', rule: 'content-type-not-safelisted', detail: 'application/json' });
  });

  it('adds every safelisted header once their values exceed 1024 bytes together', () => {
    const big = headers(
      ['Accept', 'a'.repeat(128)],
      ['Accept-Language', 'b'.repeat(128)],
      ['Content-Language', 'c'.repeat(128)],
      ['DPR', '1'.repeat(128)],
      ['Width', '2'.repeat(128)],
      ['Viewport-Width', '3'.repeat(128)],
      ['Device-Memory', '4'.repeat(128)],
      ['Downlink', '5'.repeat(128)],
      ['RTT', '6'.repeat(128)],
      ['X-Custom', 'y'],
    );
    const unsafe = corsUnsafeRequestHeaders(big);
    expect(unsafe.map((h) => h.name)).toEqual([
      'x-custom',
      'accept',
      'accept-language',
      'content-language',
      'dpr',
      'width',
      'viewport-width',
      'device-memory',
      'downlink',
      'rtt',
    ]);
    expect(unsafe[1]).toMatchObject({ rule: 'safelisted-total-over-1024-bytes' });
  });

  it('keeps safelisted headers safe at exactly 1024 bytes', () => {
    const exact = headers(
      ['Accept', 'a'.repeat(128)],
      ...Array.from({ length: 7 }, (_, i): [string, string] => [
        ['DPR', 'Width', 'Viewport-Width', 'Device-Memory', 'Downlink', 'RTT', 'Accept-Language'][i] as string,
        '1'.repeat(128),
      ]),
    );
    expect(corsUnsafeRequestHeaders(exact)).toEqual([]);
  });
});

describe("accessControlRequestHeadersValue (the preflight's Access-Control-Request-Headers)", () => {
  it('sorts, lower-cases, de-duplicates and joins with a bare comma', () => {
    expect(accessControlRequestHeadersValue(headers(['X-Zeta', '1'], ['Content-Type', 'application/json'], ['x-alpha', '1'], ['X-ALPHA', '2']))).toBe(
      'content-type,x-alpha,x-zeta',
    );
  });
  it('is empty when every header is safelisted or forbidden', () => {
    expect(accessControlRequestHeadersValue(headers(['Accept', '*/*'], ['Cookie', 'x']))).toBe('');
  });
});
