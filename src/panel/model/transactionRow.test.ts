import { describe, expect, it } from 'vitest';
import { matchesFilter, NO_FILTER, toRow } from './transactionRow.ts';
import { allowedGet, API, blockedGet, PAGE, PREFLIGHT_ALLOWS, preflightedPut, sequenced } from './testItems.ts';

const judged = () => sequenced([...allowedGet('get', 0), ...blockedGet('blocked', 10, `${API}/blocked`), ...preflightedPut('put', 20, PREFLIGHT_ALLOWS)]).map(toRow);

describe('toRow', () => {
  it("reads the badge, the CorsError and the preflight off the engine's verdict", () => {
    const [get, blocked, put] = judged();
    expect(get).toMatchObject({ badge: 'allowed', method: 'GET', corsError: null, preflight: 'not-needed', initiatorOrigin: PAGE, durationMs: 3 });
    expect(blocked).toMatchObject({ badge: 'blocked', corsError: 'MissingAllowOriginHeader', path: '/items/blocked', targetOrigin: 'http://api.test' });
    expect(put).toMatchObject({ badge: 'allowed', method: 'PUT', preflight: 'sent', preflighted: true });
  });

  it('filters by blocked, preflighted, URL text (any case) and target origin', () => {
    const rows = judged();
    const seqs = (filter: typeof NO_FILTER) => rows.filter((row) => matchesFilter(row, filter)).map((row) => row.method + row.path);
    expect(seqs({ ...NO_FILTER, blockedOnly: true })).toEqual(['GET/items/blocked']);
    expect(seqs({ ...NO_FILTER, preflightedOnly: true })).toEqual(['PUT/items']);
    expect(seqs({ ...NO_FILTER, text: 'BLOCKED' })).toEqual(['GET/items/blocked']);
    expect(seqs({ ...NO_FILTER, targetOrigin: 'http://elsewhere.test' })).toEqual([]);
    expect(seqs(NO_FILTER)).toHaveLength(3);
  });
});
