import { describe, expect, it } from 'vitest';
import { decideVerdict } from '../cors/decideVerdict.ts';
import type { Exchange } from '../cors/verdict.ts';
import { PreflightCache } from '../cache/preflightCache.ts';
import { verdictNotes } from '../explain/verdictNotes.ts';
import { FIREFOX_RULES } from '../browsers/browserRules.ts';
import { unrecordedBefore } from './recordingCoverage.ts';
import { timeSpan } from './timeSpan.ts';

const PAGE = 'http://app.test';
const API = 'http://api.test/items';
const AT = Date.UTC(2026, 4, 1, 12);
const MIN = 60_000;
const HOUR = 60 * MIN;

/** A PUT with a custom header, allowed, whose preflight nobody saw. */
const put = (time: number): Exchange => ({
  request: {
    url: API,
    method: 'PUT',
    headers: [{ name: 'X-Custom', value: '1' }],
    initiatorOrigin: PAGE,
    mode: 'cors',
    credentials: 'same-origin',
    redirect: 'follow',
  },
  hops: [{ url: API, startTime: time, sent: true, response: { status: 200, headers: [{ name: 'Access-Control-Allow-Origin', value: PAGE }] } }],
});

describe('what a recording missed before a request', () => {
  it('before recording began, when that is within the life of an entry', () => {
    expect(unrecordedBefore({ since: AT - 42_000, gaps: [], allTabs: false }, AT, 7200)).toMatchObject({
      stretches: [{ from: null, to: AT - 42_000 }],
      otherTabsRecorded: false,
    });
  });

  it('nothing when recording began longer ago than an entry lives and was never interrupted', () => {
    expect(unrecordedBefore({ since: AT - 3 * HOUR, gaps: [], allTabs: true }, AT, 7200).stretches).toEqual([]);
  });

  it('the interruptions within the life of an entry, not older ones', () => {
    const gaps = [
      { from: AT - 150 * MIN, to: AT - 149 * MIN },
      { from: AT - 10 * MIN, to: AT - 9 * MIN },
    ];
    expect(unrecordedBefore({ since: AT - 5 * HOUR, gaps, allTabs: true }, AT, 7200).stretches).toEqual([{ from: AT - 10 * MIN, to: AT - 9 * MIN }]);
    // Firefox keeps a result 24 hours: the older interruption counts there.
    expect(unrecordedBefore({ since: AT - 5 * HOUR, gaps, allTabs: true }, AT, 86_400).stretches).toHaveLength(3);
  });
});

describe('a needed preflight nobody saw, in a live recording', () => {
  it('is possibly from an entry made before recording began, with when it began; never a cache hit', () => {
    const verdict = decideVerdict(put(AT), { cache: new PreflightCache(), recording: { since: AT - 42_000, gaps: [], allTabs: false } });
    expect(verdict.preflight).toBe('not-seen');
    expect(verdict.hops[0]?.cacheEntry).toBeUndefined();
    const [note] = verdictNotes(verdict);
    expect(note).toContain('possibly served by a preflight cache entry made before recording began (42 s before this request)');
    expect(note).toContain('by another tab, which CORS Lens was not recording');
  });

  it('says when an entry made before recording began cannot have served it', () => {
    const verdict = decideVerdict(put(AT), { cache: new PreflightCache(), recording: { since: AT - 3 * HOUR, gaps: [], allTabs: true } });
    const [note] = verdictNotes(verdict);
    expect(note).toContain('Recording of this tab began 3 h before this request, longer than a preflight result is kept (2 h)');
    expect(note).not.toContain('made before recording began (');
    expect(note).not.toContain('another tab');
    expect(note).toContain('another network partition');
  });

  it('names an interruption of the recording; Firefox keeps entries for a day', () => {
    const recording = { since: AT - 5 * HOUR, gaps: [{ from: AT - 4 * HOUR, to: AT - 4 * HOUR + 2000 }], allTabs: true };
    expect(verdictNotes(decideVerdict(put(AT), { cache: new PreflightCache(), recording }))[0]).not.toContain('while recording was interrupted');
    const firefox = verdictNotes(decideVerdict(put(AT), { cache: new PreflightCache({ engine: 'firefox' }), rules: FIREFOX_RULES, recording }))[0];
    expect(firefox).toContain('while recording was interrupted (from 4 h to 3 h 59 min before this request)');
    expect(firefox).toContain('before recording began (5 h before this request)');
  });

  it('a file, whose recording is unknown, keeps the general explanation', () => {
    const [note] = verdictNotes(decideVerdict(put(AT), { cache: new PreflightCache() }));
    expect(note).toContain('possibly served by a preflight cache entry made before recording began, or made in another network partition');
  });
});

describe('time spans', () => {
  it('read to the second', () => {
    expect([timeSpan(400), timeSpan(42_000), timeSpan(60_000), timeSpan(182_400), timeSpan(2 * HOUR), timeSpan(2 * HOUR + 5 * MIN + 9000)]).toEqual([
      'under a second',
      '42 s',
      '1 min',
      '3 min 2 s',
      '2 h',
      '2 h 5 min',
    ]);
  });
});
