import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { PreflightCache } from '../core/cache/preflightCache.ts';
import type { PreflightResult } from '../core/cors/preflightResult.ts';
import type { TransactionRow } from '../core/session/transactionRow.ts';
import { PreflightCacheView } from './PreflightCacheView.tsx';

const PAGE = 'https://app.test';
const KEY = { origin: PAGE, url: 'https://api.test/items' };
const row = (fields: Pick<TransactionRow, 'seq' | 'method'> & Partial<TransactionRow>): TransactionRow => ({
  badge: 'allowed',
  url: KEY.url,
  targetOrigin: 'https://api.test',
  path: '/items',
  initiatorOrigin: PAGE,
  corsError: null,
  preflight: 'sent',
  durationMs: 5,
  blocked: false,
  preflighted: true,
  ...fields,
});
const ROWS = [row({ seq: 1, method: 'PUT' })];
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
    const markup = renderToStaticMarkup(<PreflightCacheView entries={cache.entries()} rows={ROWS} />);
    expect(markup).toContain('What Firefox&#x27;s preflight cache holds');
    expect(markup).toMatch(/PUT until [^,<]+, DELETE until /);
    expect(markup).toContain('86400 sent; 86400 s, as sent');
    expect(markup).toContain('Chromium would keep it 7200 s');
  });

  it("shows a Chromium entry as Chromium's", () => {
    const cache = new PreflightCache();
    cache.store(KEY, answer('PUT', '86400'), 0);
    const markup = renderToStaticMarkup(<PreflightCacheView entries={cache.entries()} rows={ROWS} />);
    expect(markup).toContain('What Chromium&#x27;s preflight cache holds');
    expect(markup).toContain('<td>PUT</td>');
    expect(markup).toContain('86400 sent; 7200 s, capped by Chromium');
    expect(markup).toContain('Firefox would keep it 86400 s');
    expect(markup).toContain('none yet');
  });

  it('lists the transactions an entry served, by the entry their rows name', () => {
    const cache = new PreflightCache();
    cache.store(KEY, answer('PUT', '600'), 1_000);
    const served = row({ seq: 2, method: 'PUT', preflight: 'cache-hit', servedBy: [{ ...KEY, storedAt: 1_000 }] });
    const elsewhere = row({ seq: 3, method: 'DELETE', preflight: 'cache-hit', servedBy: [{ ...KEY, storedAt: 999 }] });
    const markup = renderToStaticMarkup(<PreflightCacheView entries={cache.entries(1_000)} rows={[...ROWS, served, elsewhere]} />);
    expect(markup).toContain('<td>#2 PUT</td>');
    expect(markup).not.toContain('#3');
  });
});
