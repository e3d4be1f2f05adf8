import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { PreflightCache } from '../core/cache/preflightCache.ts';
import type { PreflightResult } from '../core/cors/preflightResult.ts';
import type { SequencedTransaction } from '../core/protocol.ts';
import { PreflightCacheView } from './PreflightCacheView.tsx';

const PAGE = 'https://app.test';
const KEY = { origin: PAGE, url: 'https://api.test/items' };
const ITEMS = [{ seq: 1, transaction: { request: { initiatorOrigin: PAGE, method: 'PUT' }, verdict: { hops: [] } } }] as unknown as SequencedTransaction[];
const answer = (methods: string, maxAge: string): PreflightResult => ({
  methods: [methods],
  headers: [],
  credentials: false,
  maxAge,
  allowMethodsValue: methods,
  allowHeadersValue: null,
});

describe('PreflightCacheView', () => {
  it("shows a Firefox entry as Firefox's: each method with its own expiry, and Chromium's lifetime beside it", () => {
    const cache = new PreflightCache({ engine: 'firefox' });
    cache.store(KEY, answer('PUT', '86400'), 0);
    cache.store(KEY, answer('DELETE', '86400'), 60_000);
    const markup = renderToStaticMarkup(<PreflightCacheView entries={cache.entries()} items={ITEMS} />);
    expect(markup).toContain('What Firefox&#x27;s preflight cache holds');
    expect(markup).toMatch(/PUT until [^,<]+, DELETE until /);
    expect(markup).toContain('86400 sent; 86400 s, as sent');
    expect(markup).toContain('Chromium would keep it 7200 s');
  });

  it("shows a Chromium entry as Chromium's", () => {
    const cache = new PreflightCache();
    cache.store(KEY, answer('PUT', '86400'), 0);
    const markup = renderToStaticMarkup(<PreflightCacheView entries={cache.entries()} items={ITEMS} />);
    expect(markup).toContain('What Chromium&#x27;s preflight cache holds');
    expect(markup).toContain('<td>PUT</td>');
    expect(markup).toContain('86400 sent; 7200 s, capped by Chromium');
    expect(markup).toContain('Firefox would keep it 86400 s');
  });
});
