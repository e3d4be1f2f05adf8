import { describe, expect, it } from 'vitest';
import { isBrowserSetRequestHeader } from './browserSetRequestHeader.ts';

describe('isBrowserSetRequestHeader', () => {
  it('holds the headers Chrome adds to a fetch() on its own', () => {
    // The cross-origin POST in test/fixtures/har/chrome143-devtools-preflights-conn-refused-and-supabase-h3.har,
    // less what its page set (accept, apikey, content-type, x-client-info) and what the engine drops
    // from the wire before judging (pseudo-headers, priority, cache-control and pragma: networkAddedHeaders.ts).
    const added = [
      'accept-encoding',
      'accept-language',
      'content-length',
      'origin',
      'referer',
      'sec-ch-ua',
      'sec-ch-ua-mobile',
      'sec-ch-ua-platform',
      'sec-fetch-dest',
      'sec-fetch-mode',
      'sec-fetch-site',
      'user-agent',
    ];
    expect(added.filter((name) => !isBrowserSetRequestHeader(name, 'x'))).toEqual([]);
    expect(['Host', 'Connection', 'Cookie', 'Proxy-Authorization'].every((name) => isBrowserSetRequestHeader(name, 'x'))).toBe(true);
  });

  it('holds the legacy client hints, which carry no sec-ch- prefix', () => {
    expect(
      ['DPR', 'Device-Memory', 'Viewport-Width', 'Width', 'RTT', 'Downlink', 'ECT', 'Save-Data'].every((name) => isBrowserSetRequestHeader(name, '1')),
    ).toBe(true);
  });

  it('leaves out what a page sets: Accept, Content-Type, Content-Language, Range, its own names', () => {
    for (const name of ['Accept', 'Content-Type', 'Content-Language', 'Range', 'X-Requested-With', 'Authorization']) {
      expect(isBrowserSetRequestHeader(name, 'x'), name).toBe(false);
    }
  });
});
