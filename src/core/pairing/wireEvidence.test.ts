import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Header } from '../fetch/headers.ts';
import { hasCacheBypassMarkers, pageHeadersFromWire } from './networkAddedHeaders.ts';
import { inferCredentials, inferInitiatorOrigin, inferMode } from './wireEvidence.ts';

const h = (...pairs: [string, string][]): Header[] => pairs.map(([name, value]) => ({ name, value }));
const CHROME_156 = 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0.0.0 Safari/537.36';
const CHROME_120 = CHROME_156.replace('156', '120');

describe('pageHeadersFromWire', () => {
  it('drops what the network stack adds and keeps what the page set', () => {
    const wire = h(
      [':authority', 'api.test'],
      ['priority', 'u=1, i'],
      ['Cache-Control', 'no-cache'],
      ['Pragma', 'no-cache'],
      ['Upgrade-Insecure-Requests', '1'],
      ['X-Client-Data', 'abc'],
      ['X-Custom', '1'],
      ['Content-Type', 'application/json'],
    );
    expect(pageHeadersFromWire(wire).map((header) => header.name)).toEqual(['X-Custom', 'Content-Type']);
  });

  it('keeps Cache-Control when the preflight proves the page set it', () => {
    const wire = h(['Cache-Control', 'no-cache']);
    expect(pageHeadersFromWire(wire, 'cache-control')).toEqual(wire);
  });

  it('keeps exactly what a plain reading of the rule keeps (property: any case, near-miss names, pseudo-headers)', () => {
    const ADDED = ['priority', 'if-none-match', 'if-modified-since', 'upgrade-insecure-requests', 'x-client-data', 'purpose'];
    const MARKERS = ['cache-control', 'pragma'];
    const lower = (text: string) => text.replace(/[A-Z]/g, (letter) => letter.toLowerCase());
    const reference = (wire: Header[], listed: string[]) =>
      wire.filter(({ name, value }) => {
        const lowered = lower(name);
        if (lowered.startsWith(':')) return false;
        if (listed.includes(lowered)) return true;
        if (ADDED.includes(lowered)) return false;
        return !(MARKERS.includes(lowered) && ['no-cache', 'max-age=0'].includes(value.trim().toLowerCase()));
      });
    const anyCase = (text: string) =>
      fc.array(fc.boolean(), { minLength: text.length, maxLength: text.length }).map((upper) =>
        Array.from(text)
          .map((char, index) => (upper[index] ? char.toUpperCase() : char))
          .join(''),
      );
    const name = fc.oneof(
      fc.constantFrom(...ADDED, ...MARKERS, ':authority', ':path', 'content-type', 'x-custom', 'priorities', 'pragmas', 'x-client-dat', '').chain(anyCase),
      fc.string({ maxLength: 40 }),
    );
    const value = fc.oneof(fc.constantFrom('no-cache', ' No-Cache ', 'max-age=0', 'max-age=10', '1'), fc.string({ maxLength: 8 }));
    const header = fc.record({ name, value });
    fc.assert(
      fc.property(fc.array(header, { maxLength: 12 }), fc.subarray([...ADDED, ...MARKERS]), (wire, listed) => {
        const announced = listed.length > 0 ? listed.join(', ') : undefined;
        expect(pageHeadersFromWire(wire, announced)).toEqual(reference(wire, listed));
      }),
    );
  });
});

describe('inferCredentials', () => {
  it('sees credentials in a Cookie or Sec-Fetch-Storage-Access header', () => {
    expect(inferCredentials(h(['Cookie', 'a=1'], ['User-Agent', CHROME_156]))).toEqual({ credentials: 'include', evidence: 'cookie' });
    expect(inferCredentials(h(['Sec-Fetch-Storage-Access', 'none'], ['User-Agent', CHROME_156]))).toEqual({
      credentials: 'include',
      evidence: 'storage-access-header',
    });
    expect(inferCredentials(h(['Cookie', ''], ['Sec-Fetch-Site', 'same-site']))).toEqual({ credentials: 'same-origin', evidence: 'same-site-unknown' });
  });

  it('reads the absence of Sec-Fetch-Storage-Access only from Chromium 133 and later, on cross-site requests', () => {
    const crossSite = (userAgent: string) => h(['User-Agent', userAgent], ['Sec-Fetch-Site', 'cross-site']);
    expect(inferCredentials(crossSite(CHROME_156)).evidence).toBe('no-storage-access-header');
    expect(inferCredentials(crossSite(CHROME_120)).evidence).toBe('unknown');
    expect(inferCredentials(h(['Sec-Fetch-Site', 'cross-site'])).evidence).toBe('unknown');
    expect(inferCredentials(h(['Sec-Fetch-Site', 'same-site'], ['User-Agent', CHROME_156])).evidence).toBe('same-site-unknown');
    expect(inferCredentials(undefined).evidence).toBe('unknown');
  });
});

describe('inferMode', () => {
  it('prefers Sec-Fetch-Mode', () => {
    expect(inferMode({ method: 'GET', wireHeaders: h(['Sec-Fetch-Mode', 'no-cors']), resourceType: 'fetch' })).toEqual({
      mode: 'no-cors',
      evidence: 'sec-fetch-mode',
    });
  });

  it('knows a preflighted request was in cors mode', () => {
    expect(inferMode({ method: 'PUT', preflightHeaders: h(['Access-Control-Request-Method', 'PUT']) }).mode).toBe('cors');
  });

  it('knows an unsafe method or header means cors mode (no-cors allows neither)', () => {
    expect(inferMode({ method: 'POST', wireHeaders: h(['Host', 'a'], ['Content-Type', 'application/json']) })).toEqual({
      mode: 'cors',
      evidence: 'unsafe-request',
    });
  });

  it('recognises navigations by Upgrade-Insecure-Requests or resource type', () => {
    expect(inferMode({ method: 'GET', wireHeaders: h(['Upgrade-Insecure-Requests', '1'], ['X-Client-Data', 'x']) }).mode).toBe('navigate');
    expect(inferMode({ method: 'GET', resourceType: 'document' }).mode).toBe('navigate');
  });

  it('knows a GET with an Origin header was in cors mode', () => {
    expect(inferMode({ method: 'GET', wireHeaders: h(['Origin', 'http://a.test']) }).mode).toBe('cors');
  });
});

describe('inferInitiatorOrigin', () => {
  it('uses, in order, Origin, the preflight\'s Origin, the capture\'s initiator, the Referer; an Origin of "null" on the first URL is an opaque origin', () => {
    expect(inferInitiatorOrigin({ method: 'GET', wireHeaders: h(['Origin', 'http://a.test']), initiatorOrigin: 'http://b.test' }).origin).toBe('http://a.test');
    expect(inferInitiatorOrigin({ method: 'GET', wireHeaders: h(['Origin', 'null']), preflightHeaders: h(['Origin', 'http://p.test']) }).origin).toBe('null');
    expect(inferInitiatorOrigin({ method: 'GET', initiatorOrigin: 'http://b.test' }).origin).toBe('http://b.test');
    expect(inferInitiatorOrigin({ method: 'GET', pageHeaders: h(['Referer', 'http://r.test/page?q']) })).toEqual({
      origin: 'http://r.test',
      evidence: 'referer',
    });
    expect(inferInitiatorOrigin({ method: 'GET' })).toEqual({ origin: null, evidence: 'unknown' });
  });

  it('reads "null" from the first URL\'s preflight, or from the capture\'s initiator, as an opaque origin; not from a later preflight, which may be tainted', () => {
    expect(inferInitiatorOrigin({ method: 'PUT', preflightHeaders: h(['Origin', 'null']), preflightOnFirstHop: true })).toEqual({
      origin: 'null',
      evidence: 'preflight-origin',
    });
    expect(
      inferInitiatorOrigin({ method: 'PUT', preflightHeaders: h(['Origin', 'null']), preflightOnFirstHop: false, initiatorOrigin: 'http://b.test' }),
    ).toEqual({ origin: 'http://b.test', evidence: 'initiator' });
    expect(inferInitiatorOrigin({ method: 'GET', initiatorOrigin: 'null' })).toEqual({ origin: 'null', evidence: 'initiator' });
  });
});

describe('hasCacheBypassMarkers', () => {
  it('sees the no-cache pair the network stack adds, not one the page set', () => {
    expect(hasCacheBypassMarkers(h(['Pragma', 'no-cache']), [])).toBe(true);
    expect(hasCacheBypassMarkers(h(['Cache-Control', 'max-age=0']), [])).toBe(true);
    expect(hasCacheBypassMarkers(h(['Cache-Control', 'no-cache']), h(['Cache-Control', 'no-cache']))).toBe(false);
    expect(hasCacheBypassMarkers(h(['Cache-Control', 'max-age=60']), [])).toBe(false);
  });
});
