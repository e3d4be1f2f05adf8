import { describe, expect, it } from 'vitest';
import { PreflightCache } from '../cache/preflightCache.ts';
import type { PreflightResult } from '../cors/preflightResult.ts';
import type { PreflightNeed } from '../cors/needsPreflight.ts';
import { cacheStoreLines, requestLines } from './diagramLines.ts';

const result: PreflightResult = { methods: ['PUT'], headers: [], credentials: false, maxAge: '600', allowMethodsValue: 'PUT', allowHeadersValue: null };
const time = (ms: number) => `${ms} ms`;

describe('cacheStoreLines', () => {
  it('says Firefox keeps what Chromium refuses for its URL length or opaque origin (cache-long-url-not-cached, sandboxed-iframe-not-cached)', () => {
    const opaque = new PreflightCache().store({ origin: 'null', url: 'https://api.test/' }, result, 0);
    expect(cacheStoreLines(opaque, '600', time)).toEqual([
      { name: 'Chromium', value: 'not kept: the page\'s origin is opaque ("null")' },
      { name: 'Firefox', value: 'kept 600 s (Access-Control-Max-Age: 600)' },
    ]);
    const long = new PreflightCache().store({ origin: 'https://app.test', url: `https://api.test/?q=${'x'.repeat(1100)}` }, result, 0);
    expect(cacheStoreLines(long, '600', time).map((line) => line.name)).toEqual(['Chromium', 'Firefox']);
  });

  it('names Firefox only where it decides otherwise', () => {
    const kept = new PreflightCache().store({ origin: 'https://app.test', url: 'https://api.test/' }, result, 0);
    expect(cacheStoreLines(kept, '600', time)).toEqual([
      { name: 'Chromium', value: 'kept 600 s (Access-Control-Max-Age: 600)' },
      { name: 'Expires', value: '600000 ms' },
    ]);
    const zero = new PreflightCache().store({ origin: 'null', url: 'https://api.test/' }, { ...result, maxAge: '0' }, 0);
    expect(cacheStoreLines(zero, '0', time).map((line) => line.name)).toEqual(['Chromium']);
  });
});

describe('requestLines', () => {
  const headers = [
    { name: 'Accept', value: 'application/json' },
    { name: 'X-Trace', value: 'abc' },
    { name: 'DPR', value: '2' },
  ];
  it('lists the headers the verdict gave as preflight reasons, as the script spelled them, after the Origin', () => {
    // Firefox's verdict: DPR is safelisted only by Chromium.
    const need: PreflightNeed = {
      notCorsReason: null,
      reasons: [
        { kind: 'header', header: { name: 'x-trace', value: 'abc', rule: 'name-not-safelisted' } },
        { kind: 'header-not-safelisted-here', header: { kind: 'header', name: 'dpr', value: '2', rule: 'chromium-client-hint' } },
      ],
      met: [{ kind: 'header', name: 'accept', value: 'application/json', rule: 'accept' }],
      announced: [],
    };
    expect(requestLines('https://app.test', headers, need)).toEqual([
      { name: 'Origin', value: 'https://app.test' },
      { name: 'X-Trace', value: 'abc' },
      { name: 'DPR', value: '2' },
    ]);
  });

  it('lists no header of a hop without preflight reasons', () => {
    expect(requestLines(null, headers, { notCorsReason: 'same-origin', reasons: [], met: [], announced: [] })).toEqual([]);
  });
});
