import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { explainHar } from './explainReport.ts';
import { readHar } from '../core/har/readHar.ts';

// Real HAR files written by browsers and tools (see SOURCES.md there). Read-only.
const FIXTURES = new URL('../../test/fixtures/har/', import.meta.url);
const files = readdirSync(FIXTURES)
  .filter((name) => name.endsWith('.har'))
  .sort();

function fixture(prefix: string): string {
  const matches = files.filter((name) => name.startsWith(prefix));
  expect(matches, `one fixture named ${prefix}*`).toHaveLength(1);
  return readFileSync(new URL(matches[0] as string, FIXTURES), 'utf8');
}

describe('real HAR fixtures', () => {
  it('finds the fixture files', () => {
    // SOURCES.md lists thirteen files.
    expect(files.length).toBeGreaterThanOrEqual(13);
  });

  it.each(files)('reads and explains %s without throwing', (name) => {
    const text = readFileSync(new URL(name, FIXTURES), 'utf8');
    const har = readHar(text);
    expect(har.log.entries.length).toBeGreaterThan(0);
    const report = explainHar(text);
    expect(report.requests).toHaveLength(report.transactions.length);
    for (const request of report.requests) {
      expect(request.explanation.length).toBeGreaterThan(0);
      expect(request.blocked).toBe(request.outcome === 'blocked');
      if (!request.blocked) expect(request.corsError).toBeNull();
    }
  });

  it('chrome-devtools-2025 custom headers: 3 POSTs, each preflighted and allowed', () => {
    const { requests } = explainHar(fixture('chrome-devtools-2025-preflights-ok-custom-headers'));
    expect(requests).toHaveLength(3);
    for (const request of requests) {
      expect(request.method).toBe('POST');
      expect(request.preflight).toBe('sent');
      expect(request.blocked).toBe(false);
      expect(request.outcome).toBe('allowed');
    }
  });

  it('chrome-devtools-2025 supabase: all 12 requests preflighted, none blocked', () => {
    const { requests, stats } = explainHar(fixture('chrome-devtools-2025-preflights-supabase-h3'));
    expect(requests).toHaveLength(12);
    expect(requests.every((request) => request.preflight === 'sent' && !request.blocked)).toBe(true);
    expect(stats.unpairedPreflights).toBe(0);
  });

  it('chrome-har-lib chrome64: the Max-Age 86400 preflight serves the next two POSTs from the cache', () => {
    const { requests } = explainHar(fixture('chrome-har-lib-chrome64'));
    const logPosts = requests.filter((request) => request.url === 'https://api.ascend.ai/v1/log');
    expect(logPosts.map((request) => request.method)).toEqual(['POST', 'POST', 'POST']);
    expect(logPosts.map((request) => request.preflight)).toEqual(['sent', 'cache-hit', 'cache-hit']);
    expect(logPosts.every((request) => !request.blocked)).toBe(true);
  });

  it('chrome143: the requests to http://10.0.0.207:7243 are network errors (connection refused), not CORS blocks', () => {
    const text = fixture('chrome143');
    const expected = readHar(text).log.entries.filter(
      (entry) => entry.request.method === 'POST' && entry.request.url.startsWith('http://10.0.0.207:7243/'),
    ).length;
    expect(expected).toBe(2);
    const refused = explainHar(text).requests.filter((request) => request.url.startsWith('http://10.0.0.207:7243/'));
    expect(refused).toHaveLength(expected);
    for (const request of refused) {
      expect(request.outcome).toBe('network-error');
      expect(request.blocked).toBe(false);
      expect(request.corsError).toBeNull();
      expect(request.explanation).toContain('net::ERR_CONNECTION_REFUSED');
    }
  });

  it('chrome143: the supabase POSTs got through their preflights', () => {
    const supabase = explainHar(fixture('chrome143')).requests.filter((request) => request.url.startsWith('https://xvdltodlekapbklymsvz.supabase.co/'));
    expect(supabase).toHaveLength(2);
    expect(supabase.map((request) => [request.preflight, request.outcome])).toEqual([
      ['sent', 'allowed'],
      ['sent', 'allowed'],
    ]);
  });

  it('playwright1.39: the four cross-origin JSON POSTs have preflight "not-recorded"', () => {
    const { requests } = explainHar(fixture('playwright1.39'));
    expect(requests).toHaveLength(4);
    for (const request of requests) {
      expect(request.method).toBe('POST');
      expect(request.preflight).toBe('not-recorded');
      expect(request.blocked).toBe(false);
    }
  });

  it('firefox111: the one cross-origin GET (S3, ACAO *) needs no preflight and is allowed', () => {
    const { requests } = explainHar(fixture('firefox111'));
    expect(requests).toHaveLength(1);
    expect(requests[0]).toMatchObject({ method: 'GET', preflight: 'not-needed', outcome: 'allowed', blocked: false });
    expect(requests[0]?.url.startsWith('https://s3-us-west-2.amazonaws.com/')).toBe(true);
  });

  it('firefox93: blocked requests without a recorded reason are not called CORS blocks', () => {
    const { requests } = explainHar(fixture('firefox93'));
    expect(requests.length).toBeGreaterThan(0);
    for (const request of requests) {
      expect(request.blocked).toBe(false);
      expect(request.outcome).toBe('undetermined');
    }
  });

  it('fiddler5: a same-origin POST that carries Origin is not a cross-origin request', () => {
    const { requests, stats } = explainHar(fixture('fiddler5'));
    expect(requests).toHaveLength(0);
    expect(stats.sameOrigin).toBe(1);
  });
});
