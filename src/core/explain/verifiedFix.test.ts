import { describe, expect, it } from 'vitest';
import { generateEvents } from '../../../bench/events.ts';
import { pairEvents } from '../pairing/pairEvents.ts';
import { explainVerdict } from './explainVerdict.ts';
import { API, context, judged, PAGE, preflightedPut } from './testTransactions.ts';
import { verifiedFix } from './verifiedFix.ts';
import { corsErrorOf } from '../cors/verdictFacts.ts';

// The object store that answers a disallowed preflight with 403.
const put = (answer: [string, string][]) => preflightedPut('x-oss-test', 403, answer);

describe('verifiedFix', () => {
  it('fixes a refused preflight in every response it takes, and the engine then allows the request', () => {
    // The object store that answers a disallowed preflight with 403 and no CORS headers.
    const blocked = put([]);
    expect(corsErrorOf(blocked.verdict)).toBe('PreflightMissingAllowOriginHeader');
    const fix = verifiedFix(blocked);
    expect(fix?.verdict.outcome).toBe('allowed');
    const lines = (target: string) =>
      fix?.changes
        .find((change) => change.target === target)
        ?.lines.map((line) => line.name.toLowerCase())
        .sort();
    expect(lines('preflight response')).toEqual(
      expect.arrayContaining(['access-control-allow-headers', 'access-control-allow-methods', 'access-control-allow-origin']),
    );
    expect(lines('response')).toEqual(expect.arrayContaining(['access-control-allow-origin']));
  });

  it('never widens the policy beyond the evidence: without credentials first when the capture cannot tell, what credentials need as a second option', () => {
    // The request never went out, so its Cookie header (or its absence) was never seen.
    const blocked = put([]);
    expect(blocked.request.credentialsAssumed).toBe(true);
    const fix = verifiedFix(blocked);
    expect(fix?.credentials).toBe('unknown');
    for (const change of fix?.changes ?? []) expect(change.lines).not.toContainEqual(expect.objectContaining({ name: 'Access-Control-Allow-Credentials' }));
    expect(fix?.withCredentials?.verdict.outcome).toBe('allowed');
    for (const change of fix?.withCredentials?.changes ?? []) expect(change.lines).toContainEqual({ name: 'Access-Control-Allow-Credentials', value: 'true' });
    expect(fix?.withCredentials?.changes).toHaveLength(2);
  });

  it('gives the one fix that applies where the capture shows the credentials, or where only they explain the failure', () => {
    const withCookie = judged([
      { type: 'started', id: 'get', time: 0, url: API, method: 'GET', initiatorOrigin: PAGE, resourceType: 'xmlhttprequest', context },
      {
        type: 'sent',
        id: 'get',
        time: 1,
        headers: [
          { name: 'Origin', value: PAGE },
          { name: 'Sec-Fetch-Mode', value: 'cors' },
          { name: 'Cookie', value: 'session=1' },
        ],
      },
      { type: 'response', id: 'get', time: 2, status: 200, headers: [] },
      { type: 'failed', id: 'get', time: 3, error: 'net::ERR_FAILED' },
    ]);
    expect(withCookie.request).toMatchObject({ credentials: 'include' });
    const fix = verifiedFix(withCookie);
    expect(fix).toMatchObject({ credentials: 'included', withCredentials: null });
    expect(fix?.changes.flatMap((change) => change.lines)).toContainEqual({ name: 'Access-Control-Allow-Credentials', value: 'true' });

    // A refused request whose preflight passes unless credentials went: they did.
    const inferred = preflightedPut('x-oss-test', 204, [
      ['Access-Control-Allow-Origin', PAGE],
      ['Access-Control-Allow-Methods', 'PUT'],
      ['Access-Control-Allow-Headers', 'x-oss-test'],
    ]);
    expect(inferred.verdict).toMatchObject({ failure: { corsError: 'PreflightInvalidAllowCredentials' } });
    expect(verifiedFix(inferred)).toMatchObject({ credentials: 'inferred', withCredentials: null, verdict: { outcome: 'allowed' } });
  });

  it('fixes a redirect and the URL it leads to, each named, when the redirect lacks CORS headers', () => {
    const events: Parameters<typeof judged>[0] = [
      { type: 'started', id: 'get', time: 0, url: API, method: 'GET', initiatorOrigin: PAGE, resourceType: 'xmlhttprequest', context },
      {
        type: 'sent',
        id: 'get',
        time: 1,
        headers: [
          { name: 'Origin', value: PAGE },
          { name: 'Sec-Fetch-Mode', value: 'cors' },
        ],
      },
      { type: 'redirect', id: 'get', time: 2, status: 302, headers: [{ name: 'Location', value: '/moved' }], location: 'http://api.test/moved' },
      { type: 'failed', id: 'get', time: 3, error: 'net::ERR_FAILED' },
    ];
    const blocked = judged(events);
    expect(blocked.verdict.stage).toBe('redirect');
    const fix = verifiedFix(blocked);
    expect(fix?.verdict.outcome).toBe('allowed');
    expect(fix?.changes.map(({ target, url }) => [target, url])).toEqual([
      ['redirect response', API],
      ['response', 'http://api.test/moved'],
    ]);
  });

  it('proposes nothing for a request that was not blocked', () => {
    const notBlocked = pairEvents(generateEvents(2_000, 5).events).transactions.filter((transaction) => transaction.verdict.outcome !== 'blocked');
    expect(notBlocked.length).toBeGreaterThan(100);
    for (const transaction of notBlocked) expect(verifiedFix(transaction)).toBeNull();
  });

  it('for every blocked request of a generated capture: a fix the engine verifies, or none when the change belongs to the page', () => {
    const blocked = pairEvents(generateEvents(20_000, 11).events).transactions.filter((transaction) => transaction.verdict.outcome === 'blocked');
    expect(blocked.length).toBeGreaterThan(300);
    let fixed = 0;
    for (const transaction of blocked) {
      const fix = verifiedFix(transaction);
      if (fix) {
        expect(fix.verdict.outcome).toBe('allowed');
        fixed++;
      } else {
        const target = explainVerdict(transaction, transaction.verdict).fix?.target;
        expect({ error: corsErrorOf(transaction.verdict), target }).not.toMatchObject({ target: expect.stringMatching(/^(preflight response|response)$/) });
      }
    }
    expect(fixed / blocked.length).toBeGreaterThan(0.8);
  });
});
