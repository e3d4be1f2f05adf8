import { describe, expect, it } from 'vitest';
import { PreflightCache } from '../cache/preflightCache.ts';
import type { PreflightResult } from '../cors/preflightResult.ts';
import { cacheStoreLines } from './diagramLines.ts';

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
