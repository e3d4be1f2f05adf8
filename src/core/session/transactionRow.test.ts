import { describe, expect, it } from 'vitest';
import { TabSessions } from './tabSessions.ts';
import { allowedBlockedAndPreflighted, API, PAGE, preflightedPut } from './testEvents.ts';
import { transactionRow } from './transactionRow.ts';

/** An allowed GET, a blocked GET and an allowed preflighted PUT, judged by a session. */
function judged() {
  const sessions = new TabSessions();
  for (const event of allowedBlockedAndPreflighted()) sessions.push(1, event);
  return sessions.since(1);
}

describe('transactionRow', () => {
  it("reads the badge, the CorsError and the preflight off the engine's verdict", () => {
    const [get, blocked, put] = judged().map(transactionRow);
    expect(get).toMatchObject({ badge: 'allowed', method: 'GET', corsError: null, preflight: 'not-needed', initiatorOrigin: PAGE, durationMs: 3 });
    expect(blocked).toMatchObject({ badge: 'blocked', corsError: 'MissingAllowOriginHeader', path: '/items/blocked', targetOrigin: 'http://api.test' });
    expect(put).toMatchObject({ badge: 'allowed', method: 'PUT', preflight: 'sent', preflighted: true });
    expect(put).not.toHaveProperty('servedBy');
  });

  it('names the cache entry that served a hop without a preflight', () => {
    const sessions = new TabSessions();
    const first = preflightedPut('first', 'options', 0);
    for (const event of [...first.before, ...first.after]) sessions.push(1, event);
    // The same request again, and no preflight goes out.
    const second = preflightedPut('second', 'unused', 1_000);
    for (const event of [second.before[0], ...second.after.slice(2)]) if (event) sessions.push(1, event);
    const [, cached] = sessions.since(1).map(transactionRow);
    expect(cached).toMatchObject({ preflight: 'cache-hit', servedBy: [{ origin: PAGE, url: API, storedAt: 3 }] });
  });

  it('keeps a URL it cannot parse whole, as its path', () => {
    const [get] = judged();
    const { transaction } = get!;
    const row = transactionRow({ seq: 9, transaction: { ...transaction, request: { ...transaction.request, url: 'not a url' } } });
    expect(row).toMatchObject({ seq: 9, targetOrigin: '', path: 'not a url', url: 'not a url' });
  });
});
