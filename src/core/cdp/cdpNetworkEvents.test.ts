import { describe, expect, it } from 'vitest';
import type { RequestEvent } from '../pairing/requestEvent.ts';
import { createCdpEventConverter } from './cdpNetworkEvents.ts';
import type { CdpNetworkEventParams } from './cdpNetworkParams.ts';

const WALL = 1_795_000_000;
const request = (url: string, method = 'GET', headers: Record<string, string> = {}) => ({ url, method, headers });

function convert(sequence: [string, CdpNetworkEventParams][]): RequestEvent[] {
  const converter = createCdpEventConverter();
  return sequence.flatMap(([method, params]) => converter(method, params));
}

describe('createCdpEventConverter (sequences seen in Chromium 156)', () => {
  it('turns a request into started, sent, response and completed, on the wall clock', () => {
    const events = convert([
      [
        'Network.requestWillBeSent',
        {
          requestId: '1',
          timestamp: 10,
          wallTime: WALL,
          documentURL: 'http://app.test/',
          type: 'Fetch',
          request: request('http://api.test/x', 'GET', { 'X-A': '1' }),
        },
      ],
      ['Network.requestWillBeSentExtraInfo', { requestId: '1', headers: { Origin: 'http://app.test', 'Sec-Fetch-Mode': 'cors' } }],
      [
        'Network.responseReceivedExtraInfo',
        {
          requestId: '1',
          statusCode: 200,
          headers: { 'Access-Control-Allow-Origin': 'http://app.test', 'Set-Cookie': 'a=1\nb=2' },
          resourceIPAddressSpace: 'Loopback',
        },
      ],
      ['Network.responseReceived', { requestId: '1', timestamp: 10.5, response: { url: 'http://api.test/x', status: 200, headers: {} } }],
      ['Network.loadingFinished', { requestId: '1', timestamp: 10.6 }],
    ]);
    expect(events.map((event) => event.type)).toEqual(['started', 'sent', 'response', 'completed']);
    expect(events[0]).toMatchObject({ time: WALL * 1000, initiatorOrigin: 'http://app.test', resourceType: 'fetch', headers: [{ name: 'X-A', value: '1' }] });
    // The raw head wins (a blocked response is only there), repeated lines are split.
    expect(events[2]).toMatchObject({ status: 200, addressSpace: 'loopback', headers: expect.arrayContaining([{ name: 'Set-Cookie', value: 'b=2' }]) });
    expect(events[3]?.time).toBeCloseTo(WALL * 1000 + 600, 3);
  });

  it("keeps a preflight's events that arrive before it (its ExtraInfo often does)", () => {
    const events = convert([
      ['Network.requestWillBeSentExtraInfo', { requestId: 'P', headers: { 'Access-Control-Request-Method': 'PUT' } }],
      [
        'Network.requestWillBeSent',
        {
          requestId: 'P',
          timestamp: 1,
          wallTime: WALL,
          type: 'Other',
          initiator: { type: 'preflight', requestId: 'A' },
          request: request('http://api.test/x', 'OPTIONS', { 'Access-Control-Request-Method': 'PUT' }),
        },
      ],
    ]);
    expect(events.map((event) => event.type)).toEqual(['started', 'sent']);
    expect(events[0]).toMatchObject({ preflightFor: 'A' });
  });

  it('reads a followed redirect from the next requestWillBeSent', () => {
    const events = convert([
      ['Network.requestWillBeSent', { requestId: 'R', timestamp: 1, wallTime: WALL, request: request('http://api.test/a') }],
      [
        'Network.requestWillBeSent',
        {
          requestId: 'R',
          timestamp: 2,
          wallTime: WALL + 1,
          request: request('http://api.test/b'),
          redirectResponse: { url: 'http://api.test/a', status: 302, statusText: 'Found', headers: { Location: '/b' } },
        },
      ],
    ]);
    expect(events[1]).toMatchObject({ type: 'redirect', status: 302, location: 'http://api.test/b' });
  });

  it('reads a redirect the renderer refused to follow from the 3xx head (no redirectResponse)', () => {
    const events = convert([
      ['Network.requestWillBeSent', { requestId: 'R', timestamp: 1, wallTime: WALL, request: request('http://app.test/a') }],
      ['Network.responseReceivedExtraInfo', { requestId: 'R', statusCode: 302, headers: { Location: 'http://api.test/b' } }],
      ['Network.requestWillBeSent', { requestId: 'R', timestamp: 2, wallTime: WALL + 1, request: request('http://api.test/b') }],
      ['Network.loadingFailed', { requestId: 'R', timestamp: 3, errorText: '', blockedReason: 'origin' }],
      ['Network.loadingFailed', { requestId: 'R', timestamp: 3, errorText: 'net::ERR_ABORTED' }],
    ]);
    // The second report of the same failure is dropped.
    expect(events.map((event) => event.type)).toEqual(['started', 'redirect', 'failed']);
    expect(events[1]).toMatchObject({ status: 302, headers: [{ name: 'Location', value: 'http://api.test/b' }] });
    expect(events[2]).toMatchObject({ error: 'blocked:origin' });
  });

  it('reports a 3xx that was not followed (blocked at the redirect) as the response', () => {
    const events = convert([
      ['Network.requestWillBeSent', { requestId: 'R', timestamp: 1, wallTime: WALL, request: request('http://api.test/a') }],
      ['Network.responseReceivedExtraInfo', { requestId: 'R', statusCode: 307, headers: { Location: '/b' } }],
      ['Network.loadingFailed', { requestId: 'R', timestamp: 2, errorText: 'net::ERR_FAILED' }],
    ]);
    expect(events.map((event) => event.type)).toEqual(['started', 'response', 'failed']);
    expect(events[1]).toMatchObject({ status: 307 });
  });

  it("says once what the page's security context is, for Local Network Access", () => {
    const events = convert([
      [
        'Network.requestWillBeSent',
        { requestId: '1', timestamp: 1, wallTime: WALL, documentURL: 'http://public.test/page', request: request('http://public.test/favicon.ico') },
      ],
      [
        'Network.requestWillBeSentExtraInfo',
        {
          requestId: '1',
          headers: {},
          clientSecurityState: {
            initiatorIsSecureContext: false,
            initiatorIPAddressSpace: 'Public',
            localNetworkAccessRequestPolicy: 'BlockFromInsecureToMorePrivate',
          },
        },
      ],
    ]);
    expect(events.filter((event) => event.type === 'security-context')).toEqual([
      {
        type: 'security-context',
        time: WALL * 1000,
        initiatorOrigin: 'http://public.test',
        isSecureContext: false,
        addressSpace: 'public',
        policy: 'BlockFromInsecureToMorePrivate',
      },
    ]);
  });
});
