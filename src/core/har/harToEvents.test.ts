import { describe, expect, it } from 'vitest';
import { UNKNOWN_FAILURE } from '../cors/verdict.ts';
import { harRecordsPreflights, harToEvents } from './harToEvents.ts';

import { API, PAGE, UA, at, entry, harOf, judge, postWire, preflightEntry, preflightOk, type Headers } from './testHar.ts';
import { readHar } from './readHar.ts';

describe('harToEvents', () => {
  it('pairs a Chrome DevTools preflight entry placed after its actual request', () => {
    const har = harOf([
      entry({ method: 'POST', url: API, headers: postWire }, { status: 201, headers: [{ name: 'Access-Control-Allow-Origin', value: PAGE }] }, 0, {
        _resourceType: 'fetch',
      }),
      preflightEntry(3, { status: 204, headers: preflightOk }),
    ]);
    const transactions = judge(har);
    expect(transactions).toHaveLength(1);
    const [transaction] = transactions;
    expect(transaction?.request.method).toBe('POST');
    expect(transaction?.hops[0]?.preflight).toBeDefined();
    expect(transaction?.hops[0]?.preflight?.response?.status).toBe(204);
    expect(transaction?.verdict.preflight).toBe('sent');
    expect(transaction?.verdict.outcome).toBe('allowed');
  });

  it("pairs an iframe's request by its own Origin, not the page's: the page is only a last resort for the initiator", () => {
    const frame = 'https://widget.example';
    const fromFrame = (headers: Headers): Headers => headers.map((header) => (header.name === 'Origin' ? { name: 'Origin', value: frame } : header));
    const frameAllows = preflightOk.map((header) => (header.name === 'Access-Control-Allow-Origin' ? { ...header, value: frame } : header));
    const preflight = preflightEntry(3, { status: 204, headers: frameAllows }) as { request: { headers: Headers } };
    preflight.request.headers = fromFrame(preflight.request.headers);
    const har = harOf(
      [
        entry(
          { method: 'POST', url: API, headers: fromFrame(postWire) },
          { status: 201, headers: [{ name: 'Access-Control-Allow-Origin', value: frame }] },
          0,
          { _resourceType: 'fetch', pageref: 'page_1' },
        ),
        { ...preflight, pageref: 'page_1' },
      ],
      'WebInspector',
      [{ id: 'page_1', title: `${PAGE}/`, startedDateTime: at(0), pageTimings: {} }],
    );
    const [transaction] = judge(har);
    expect(transaction?.request.initiatorOrigin).toBe(frame);
    expect(transaction?.verdict).toMatchObject({ outcome: 'allowed', preflight: 'sent' });
  });

  it('makes a redirect chain one request with two hops', () => {
    const moved = 'https://api.example.com/v2/items';
    const getWire = (host: string): Headers => [
      { name: 'Host', value: host },
      { name: 'Origin', value: PAGE },
      { name: 'Sec-Fetch-Mode', value: 'cors' },
    ];
    const acao = [{ name: 'Access-Control-Allow-Origin', value: '*' }];
    const har = harOf([
      entry(
        { method: 'GET', url: API, headers: getWire('api.example.com') },
        { status: 302, headers: [...acao, { name: 'Location', value: moved }], redirectURL: moved },
        0,
        { _resourceType: 'fetch' },
      ),
      entry({ method: 'GET', url: moved, headers: getWire('api.example.com') }, { status: 200, headers: acao }, 45, { _resourceType: 'fetch' }),
    ]);
    const events = harToEvents(har);
    expect(events.filter((event) => event.type === 'started')).toHaveLength(1);
    expect(new Set(events.map((event) => ('id' in event ? event.id : null))).size).toBe(1);
    const transactions = judge(har);
    expect(transactions).toHaveLength(1);
    expect(transactions[0]?.hops.map((hop) => hop.url)).toEqual([API, moved]);
    expect(transactions[0]?.hops[0]?.redirectTo).toBe(moved);
    expect(transactions[0]?.verdict.outcome).toBe('allowed');
  });

  it('continues each redirect with the first later entry for its Location that is not a preflight and not taken', () => {
    const moved = 'https://api.example.com/v2/items';
    const wire: Headers = [
      { name: 'Host', value: 'api.example.com' },
      { name: 'Origin', value: PAGE },
      { name: 'Sec-Fetch-Mode', value: 'cors' },
    ];
    const acao = [{ name: 'Access-Control-Allow-Origin', value: '*' }];
    const redirect = (start: number) =>
      entry({ method: 'GET', url: API, headers: wire }, { status: 302, headers: [...acao, { name: 'Location', value: moved }], redirectURL: moved }, start, {
        _resourceType: 'fetch',
      });
    const arrival = (start: number) => entry({ method: 'GET', url: moved, headers: wire }, { status: 200, headers: acao }, start, { _resourceType: 'fetch' });
    const preflightToMoved = {
      ...preflightEntry(3, { status: 204, headers: preflightOk }),
      request: {
        method: 'OPTIONS',
        url: moved,
        headers: [
          { name: 'Access-Control-Request-Method', value: 'PUT' },
          { name: 'Origin', value: PAGE },
        ],
      },
    };
    const har = harOf([arrival(0), redirect(1), redirect(2), preflightToMoved, arrival(4), arrival(5), redirect(6)]);
    const started = harToEvents(har).filter((event) => event.type === 'started');
    // Entry 0 comes before both redirects; entry 3 is a preflight; the last
    // redirect finds no later entry and stays a request of its own.
    expect(started.map((event) => event.id)).toEqual(['har-0', 'har-1', 'har-2', 'har-3', 'har-6']);
    const hops = (id: string) =>
      harToEvents(har)
        .filter((event) => 'id' in event && event.id === id && (event.type === 'redirect' || event.type === 'response'))
        .map((event) => event.type);
    expect(hops('har-1')).toEqual(['redirect', 'response']);
    expect(hops('har-2')).toEqual(['redirect', 'response']);
    expect(hops('har-6')).toEqual(['response']);
  });

  it('leaves a request that failed with net::ERR_FAILED after a preflight that passes either way undetermined, with what it may have been', () => {
    // Chrome's export of a request that never got an answer: status 0, no
    // response headers, only the provisional request headers (no Host, no Origin).
    const provisional: Headers = [
      { name: 'Content-Type', value: 'application/json' },
      { name: 'Referer', value: `${PAGE}/` },
      { name: 'User-Agent', value: UA },
    ];
    const withCredentials = [...preflightOk, { name: 'Access-Control-Allow-Credentials', value: 'true' }];
    const har = harOf([
      entry({ method: 'POST', url: API, headers: provisional }, { status: 0, headers: [], _error: 'net::ERR_FAILED' }, 0, { _resourceType: 'fetch' }),
      preflightEntry(2, { status: 204, headers: withCredentials }),
    ]);
    const [transaction, ...rest] = judge(har);
    expect(rest).toHaveLength(0);
    expect(transaction?.verdict).toMatchObject({ preflight: 'sent', outcome: 'undetermined', failure: null });
    expect(transaction?.verdict.hiddenCauses?.map((cause) => cause.kind)).toContain('local-network-access');
  });

  it('reads credentials into a failed request when only they explain it: the preflight lacks Access-Control-Allow-Credentials', () => {
    const provisional: Headers = [
      { name: 'Content-Type', value: 'application/json' },
      { name: 'Referer', value: `${PAGE}/` },
      { name: 'User-Agent', value: UA },
    ];
    const har = harOf([
      entry({ method: 'POST', url: API, headers: provisional }, { status: 0, headers: [], _error: 'net::ERR_FAILED' }, 0, { _resourceType: 'fetch' }),
      preflightEntry(2, { status: 204, headers: preflightOk }),
    ]);
    const [transaction] = judge(har);
    expect(transaction?.verdict).toMatchObject({
      outcome: 'blocked',
      failure: { corsError: 'PreflightInvalidAllowCredentials' },
      notes: [expect.objectContaining({ kind: 'credentials-inferred' })],
    });
  });

  it('calls net::ERR_CONNECTION_REFUSED a network error, not a CORS block', () => {
    const provisional: Headers = [
      { name: 'User-Agent', value: UA },
      { name: 'Content-Type', value: 'application/json' },
      { name: 'Referer', value: `${PAGE}/` },
    ];
    const refused = { status: 0, headers: [], _error: 'net::ERR_CONNECTION_REFUSED' };
    // As in Chrome 143's export: the preflight starts 1 ms later and fails
    // about 1 ms before the request does.
    const har = harOf([
      entry({ method: 'POST', url: API, headers: provisional }, refused, 0, { _resourceType: 'fetch', time: 2024.3 }),
      preflightEntry(1, refused, false, 2022.6),
    ]);
    const [transaction] = judge(har);
    expect(transaction?.verdict.outcome).toBe('network-error');
    expect(transaction?.verdict.networkError).toBe('net::ERR_CONNECTION_REFUSED');
    expect(transaction?.verdict.outcome).not.toBe('blocked');
  });

  it('accepts a Firefox entry with empty timings and content and a local-offset date', () => {
    const firefox = {
      pageref: 'page_1',
      startedDateTime: '2021-11-06T10:00:00.000+01:00',
      request: {
        bodySize: 0,
        method: 'GET',
        url: 'https://cdn.example.net/lib.js',
        httpVersion: '',
        headers: [
          { name: 'Host', value: 'cdn.example.net' },
          { name: 'Origin', value: 'https://site.example' },
        ],
        cookies: [],
        queryString: [],
        headersSize: null,
      },
      response: { status: 0, statusText: '', httpVersion: '', headers: [], cookies: [], content: {}, redirectURL: '', bodySize: -1 },
      cache: {},
      timings: {},
      time: 0,
    };
    const har = readHar(
      JSON.stringify({
        log: {
          version: '1.2',
          creator: { name: 'Firefox', version: '93.0' },
          browser: { name: 'Firefox', version: '93.0' },
          pages: [{ id: 'page_1', title: 'https://site.example/', startedDateTime: '2021-11-06T10:00:00.000+01:00', pageTimings: {} }],
          entries: [firefox],
        },
      }),
    );
    const events = harToEvents(har);
    expect(events[0]).toMatchObject({ type: 'started', url: 'https://cdn.example.net/lib.js', time: Date.UTC(2021, 10, 6, 9, 0, 0) });
    expect(events.at(-1)).toMatchObject({ type: 'failed', error: UNKNOWN_FAILURE });
    expect(harRecordsPreflights(har)).toBe(false);
  });

  it('accepts a Playwright entry with status -1 and time -1', () => {
    const failed = {
      startedDateTime: '2023-04-11T06:05:46.240Z',
      time: -1,
      request: {
        method: 'GET',
        url: 'http://localhost:8907/api',
        httpVersion: 'HTTP/1.1',
        cookies: [],
        headers: [{ name: 'Host', value: 'localhost:8907' }],
        queryString: [],
        headersSize: -1,
        bodySize: -1,
      },
      response: {
        status: -1,
        statusText: '',
        httpVersion: 'HTTP/1.1',
        cookies: [],
        headers: [],
        content: { size: -1, mimeType: 'x-unknown' },
        headersSize: -1,
        bodySize: -1,
        redirectURL: '',
      },
      cache: {},
      timings: { send: -1, wait: -1, receive: -1 },
    };
    const har = harOf([failed], 'Playwright');
    const events = harToEvents(har);
    const start = Date.parse('2023-04-11T06:05:46.240Z');
    expect(events.some((event) => event.type === 'response')).toBe(false);
    expect(events.at(-1)).toMatchObject({ type: 'failed', error: UNKNOWN_FAILURE, time: start });
    expect(events.every((event) => event.time >= start)).toBe(true);
  });
});

describe('harRecordsPreflights', () => {
  const crossOriginPost = entry(
    { method: 'POST', url: API, headers: postWire },
    { status: 201, headers: [{ name: 'Access-Control-Allow-Origin', value: PAGE }] },
    0,
  );

  it('is false for a Playwright HAR without OPTIONS entries', () => {
    expect(harRecordsPreflights(harOf([crossOriginPost], 'Playwright'))).toBe(false);
  });

  it('is true for a WebInspector (Chrome DevTools) HAR, even one without preflights', () => {
    expect(harRecordsPreflights(harOf([crossOriginPost], 'WebInspector'))).toBe(true);
  });

  it('is true for any file that holds a preflight', () => {
    expect(harRecordsPreflights(harOf([crossOriginPost, preflightEntry(3, { status: 204, headers: preflightOk })], 'chrome-har'))).toBe(true);
  });

  it('makes a Playwright POST that needed a preflight "not-recorded"', () => {
    const [transaction] = judge(harOf([crossOriginPost], 'Playwright'));
    expect(transaction?.verdict.preflight).toBe('not-recorded');
  });
});
