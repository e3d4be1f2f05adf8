import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Header } from '../fetch/headers.ts';
import { harRecordsPreflights, harToEvents } from '../har/harToEvents.ts';
import { readHar } from '../har/readHar.ts';
import { pairEvents } from '../pairing/pairEvents.ts';
import type { RequestEvent } from '../pairing/requestEvent.ts';
import type { Transaction } from '../pairing/transaction.ts';
import { traceToHar } from './traceToHar.ts';
import { corsErrorOf, failedParameterOf } from '../cors/verdictFacts.ts';

// Events shaped as the extension's webRequest capture gives them: no headers
// when a request starts, wire headers without Host when it goes out, a
// preflight as a request of its own.
const PAGE = 'http://app.test';
const OTHER_FRAME = 'http://widget.test';
const API = 'http://api.test/items';
const T0 = Date.UTC(2026, 10, 23, 12, 0, 0);
const h = (...pairs: [string, string][]): Header[] => pairs.map(([name, value]) => ({ name, value }));
const wire = (origin = PAGE, ...extra: [string, string][]) =>
  h(['Origin', origin], ['Sec-Fetch-Mode', 'cors'], ['Sec-Fetch-Site', 'cross-site'], ['Accept', '*/*'], ...extra);
const acao = (origin = PAGE): [string, string] => ['Access-Control-Allow-Origin', origin];
const allowOrigin = (origin = PAGE) => h(acao(origin));
const context = { tabId: 7, frameId: 0 };

function started(id: string, at: number, method: string, url = API, initiator = PAGE): RequestEvent {
  return { type: 'started', id, time: T0 + at, url, method, initiatorOrigin: initiator, resourceType: 'xmlhttprequest', context };
}

function preflight(id: string, at: number, method: string, names: string, answer: Header[], url = API, origin = PAGE): RequestEvent[] {
  return [
    { type: 'started', id, time: T0 + at, url, method: 'OPTIONS', initiatorOrigin: origin, resourceType: 'other', context },
    {
      type: 'sent',
      id,
      time: T0 + at + 1,
      headers: h(
        ['Access-Control-Request-Method', method],
        ['Origin', origin],
        ...(names ? ([['Access-Control-Request-Headers', names]] as [string, string][]) : []),
      ),
    },
    { type: 'response', id, time: T0 + at + 2, status: 204, headers: answer },
    { type: 'completed', id, time: T0 + at + 3 },
  ];
}

/** A session's worth of CORS: allowed, preflighted, blocked at each stage, cached, redirected, failed. */
function capture(): RequestEvent[] {
  return [
    // 1. A simple GET, allowed.
    started('1', 0, 'GET'),
    { type: 'sent', id: '1', time: T0 + 1, headers: wire() },
    { type: 'response', id: '1', time: T0 + 2, status: 200, headers: allowOrigin() },
    { type: 'completed', id: '1', time: T0 + 3 },
    // 2. A PUT with a custom header, preflighted and allowed (cached for 600 s).
    started('2', 10, 'PUT'),
    ...preflight(
      '2p',
      11,
      'PUT',
      'x-trace',
      h(acao(), ['Access-Control-Allow-Methods', 'PUT'], ['Access-Control-Allow-Headers', 'X-Trace'], ['Access-Control-Max-Age', '600']),
    ),
    { type: 'sent', id: '2', time: T0 + 15, headers: wire(PAGE, ['X-Trace', 'a']) },
    { type: 'response', id: '2', time: T0 + 16, status: 200, headers: allowOrigin() },
    { type: 'completed', id: '2', time: T0 + 17 },
    // 3. The same PUT again: served by the preflight cache.
    started('3', 20, 'PUT'),
    { type: 'sent', id: '3', time: T0 + 21, headers: wire(PAGE, ['X-Trace', 'b']) },
    { type: 'response', id: '3', time: T0 + 22, status: 200, headers: allowOrigin() },
    { type: 'completed', id: '3', time: T0 + 23 },
    // 4. A DELETE whose preflight does not allow it: never sent.
    started('4', 30, 'DELETE', `${API}/4`),
    ...preflight('4p', 31, 'DELETE', '', h(acao(), ['Access-Control-Allow-Methods', 'GET, PUT']), `${API}/4`),
    { type: 'failed', id: '4', time: T0 + 35, error: 'net::ERR_FAILED' },
    // 5. A GET whose response lacks Access-Control-Allow-Origin.
    started('5', 40, 'GET', `${API}/5`),
    { type: 'sent', id: '5', time: T0 + 41, headers: wire() },
    { type: 'response', id: '5', time: T0 + 42, status: 200, headers: h(['Content-Type', 'application/json']) },
    { type: 'failed', id: '5', time: T0 + 43, error: 'net::ERR_FAILED' },
    // 6. A credentialed GET answered with the wildcard.
    started('6', 50, 'GET', `${API}/6`),
    { type: 'sent', id: '6', time: T0 + 51, headers: wire(PAGE, ['Cookie', 'session=secret']) },
    { type: 'response', id: '6', time: T0 + 52, status: 200, headers: h(['Access-Control-Allow-Origin', '*'], ['Set-Cookie', 'session=renewed']) },
    { type: 'failed', id: '6', time: T0 + 53, error: 'net::ERR_FAILED' },
    // 7. A GET redirected to another allowed URL.
    started('7', 60, 'GET', `${API}/7`),
    { type: 'sent', id: '7', time: T0 + 61, headers: wire() },
    { type: 'redirect', id: '7', time: T0 + 62, status: 302, headers: h(['Location', 'http://cdn.test/7'], acao()), location: 'http://cdn.test/7' },
    { type: 'sent', id: '7', time: T0 + 63, headers: wire('null') },
    // After a redirect to another origin the request's origin is "null".
    { type: 'response', id: '7', time: T0 + 64, status: 200, headers: h(['Access-Control-Allow-Origin', '*']) },
    { type: 'completed', id: '7', time: T0 + 65 },
    // 8. A connection refused.
    started('8', 70, 'GET', 'http://down.test/8'),
    { type: 'failed', id: '8', time: T0 + 71, error: 'net::ERR_CONNECTION_REFUSED' },
    // 9. A preflighted PATCH from a cross-origin iframe, allowed for that frame's origin.
    started('9', 80, 'PATCH', `${API}/9`, OTHER_FRAME),
    ...preflight('9p', 81, 'PATCH', '', h(acao(OTHER_FRAME), ['Access-Control-Allow-Methods', 'PATCH']), `${API}/9`, OTHER_FRAME),
    { type: 'sent', id: '9', time: T0 + 85, headers: wire(OTHER_FRAME) },
    { type: 'response', id: '9', time: T0 + 86, status: 200, headers: allowOrigin(OTHER_FRAME) },
    { type: 'completed', id: '9', time: T0 + 87 },
    // 10. A JSON POST whose preflight does not allow Content-Type: never sent,
    // so only the preflight tells that the request had a Content-Type at all.
    started('10', 90, 'POST', `${API}/10`),
    ...preflight('10p', 91, 'POST', 'content-type', h(acao(), ['Access-Control-Allow-Methods', 'POST']), `${API}/10`),
    { type: 'failed', id: '10', time: T0 + 95, error: 'net::ERR_FAILED' },
  ];
}

function essentials(transactions: readonly Transaction[]) {
  return transactions.map(({ request, verdict, hops }) => ({
    url: request.url,
    method: request.method,
    origin: request.initiatorOrigin,
    credentials: request.credentials,
    outcome: verdict.outcome,
    corsError: corsErrorOf(verdict),
    failedParameter: failedParameterOf(verdict),
    preflight: verdict.preflight,
    hops: hops.map((hop) => ({ url: hop.url, preflight: hop.preflight !== undefined, sent: hop.sentHeaders !== undefined })),
  }));
}

describe('traceToHar', () => {
  const captured = pairEvents(capture()).transactions;
  const har = traceToHar({ pages: [{ url: `${PAGE}/`, transactions: captured }], browser: { name: 'Chromium', version: '156.0.0.0' } });

  it('the capture holds every kind of transaction the file must carry', () => {
    expect(essentials(captured).map((each) => [each.outcome, each.corsError, each.preflight])).toEqual([
      ['allowed', null, 'not-needed'],
      ['allowed', null, 'sent'],
      ['allowed', null, 'cache-hit'],
      ['blocked', 'MethodDisallowedByPreflightResponse', 'sent'],
      ['blocked', 'MissingAllowOriginHeader', 'not-needed'],
      ['blocked', 'WildcardOriginNotAllowed', 'not-needed'],
      ['allowed', null, 'not-needed'],
      ['network-error', null, 'not-needed'],
      ['allowed', null, 'sent'],
      ['blocked', 'HeaderDisallowedByPreflightResponse', 'sent'],
    ]);
  });

  it('read back, the file gives every transaction the same verdict, pairing and hops', () => {
    const read = readHar(JSON.stringify(har));
    const again = pairEvents(harToEvents(read), { preflightsRecorded: harRecordsPreflights(read) }).transactions;
    expect(essentials(again)).toEqual(essentials(captured));
  });

  it('has every field Chrome DevTools writes on a preflight and on a request entry, with the same JSON type, but those a capture cannot know', () => {
    // The Chrome DevTools exports of the team's fixtures (test/fixtures/har/SOURCES.md).
    const devtoolsExports = [
      'chrome143-devtools-preflights-conn-refused-and-supabase-h3.har',
      'chrome-devtools-2025-preflights-ok-custom-headers-mobile-emulation.har',
    ].map(
      (name) =>
        JSON.parse(readFileSync(new URL(`../../../test/fixtures/har/${name}`, import.meta.url), 'utf8')) as { log: { entries: Record<string, unknown>[] } },
    );
    // Known only to DevTools itself: request priority, the server's address and connection, bytes on the wire and their
    // compression, service-worker routing and timings, queueing time, the script stack of an initiator. And bodies,
    // which CORS Lens never captures.
    const UNKNOWABLE = new Set([
      '_priority',
      'serverIPAddress',
      'connection',
      '_connectionId',
      'response._transferSize',
      'response._fetchedViaServiceWorker',
      'response.content.compression',
      'timings._blocked_queueing',
      'timings._workerStart',
      'timings._workerReady',
      'timings._workerFetchStart',
      'timings._workerRespondWithSettled',
      '_initiator.stack',
      'request.postData',
      'response.content.text',
    ]);
    const typeOf = (value: unknown): string =>
      value === null ? 'string-or-null' : Array.isArray(value) ? 'array' : typeof value === 'string' ? 'string-or-null' : typeof value;
    const fields = (value: unknown, prefix = ''): Map<string, string> => {
      const found = new Map<string, string>();
      for (const [key, child] of Object.entries(value as Record<string, unknown>)) {
        const path = `${prefix}${key}`;
        if ([...UNKNOWABLE].some((unknown) => path === unknown || path.startsWith(`${unknown}.`))) continue;
        found.set(path, typeOf(child));
        if (child && typeof child === 'object' && !Array.isArray(child)) for (const [inner, type] of fields(child, `${path}.`)) found.set(inner, type);
      }
      return found;
    };
    const kinds = {
      preflight: (entry: Record<string, unknown>) => entry._resourceType === 'preflight',
      request: (entry: Record<string, unknown>) => entry._resourceType === 'fetch' || entry._resourceType === 'xhr',
    };
    const ours = har.log.entries as unknown as Record<string, unknown>[];
    const missing = new Set<string>();
    for (const [kind, isKind] of Object.entries(kinds)) {
      const theirs = devtoolsExports.flatMap((file) => file.log.entries.filter(isKind));
      expect(theirs.length, kind).toBeGreaterThan(0);
      const mine = ours.filter((entry) => (kind === 'preflight' ? entry._resourceType === 'preflight' : entry._resourceType !== 'preflight'));
      for (const entry of theirs) {
        for (const [path, type] of fields(entry)) {
          for (const written of mine) if (fields(written).get(path) !== type) missing.add(`${kind} ${path}: ${type}, ours ${fields(written).get(path)}`);
        }
      }
    }
    expect([...missing]).toEqual([]);
  });

  it('writes entries as Chrome DevTools does: preflights as their own entries, redirects as one entry per URL', () => {
    const entries = har.log.entries;
    expect(entries.map((entry) => `${entry.request.method} ${entry.request.url}`)).toEqual([
      `GET ${API}`,
      `PUT ${API}`,
      `OPTIONS ${API}`,
      `PUT ${API}`,
      `DELETE ${API}/4`,
      `OPTIONS ${API}/4`,
      `GET ${API}/5`,
      `GET ${API}/6`,
      `GET ${API}/7`,
      'GET http://cdn.test/7',
      'GET http://down.test/8',
      `PATCH ${API}/9`,
      `OPTIONS ${API}/9`,
      `POST ${API}/10`,
      `OPTIONS ${API}/10`,
    ]);
    const preflightEntry = entries[2] as (typeof entries)[number] & { _initiator: unknown; _resourceType: string };
    expect(preflightEntry._resourceType).toBe('preflight');
    expect(preflightEntry._initiator).toMatchObject({ type: 'preflight', requestId: '2' });
    expect(entries[8]?.response).toMatchObject({ status: 302, redirectURL: 'http://cdn.test/7' });
    expect(har.log.creator).toMatchObject({ name: 'CORS Lens' });
    expect(har.log.pages?.[0]?.title).toBe(`${PAGE}/`);
  });

  it('keeps what DevTools loses: a blocked response keeps its headers, an unsent request says so', () => {
    const blocked = har.log.entries[6] as unknown as { response: { status: number; headers: Header[]; _error: string | null } };
    expect(blocked.response).toMatchObject({ status: 200, _error: 'net::ERR_FAILED' });
    expect(blocked.response.headers).toEqual(h(['Content-Type', 'application/json']));
    const neverSent = har.log.entries[4] as unknown as { _corsLens: unknown };
    // webRequest never showed its headers: the file says so rather than claim it had none.
    expect(neverSent._corsLens).toMatchObject({ sent: false, headers: 'none', initiatorOrigin: PAGE });
  });

  it('keeps times consistent: each entry ends after it starts, and wait never exceeds the total', () => {
    for (const entry of har.log.entries) {
      expect(entry.time).toBeGreaterThanOrEqual(0);
      expect(entry.timings.wait).toBeLessThanOrEqual(entry.time);
      expect(Date.parse(entry.startedDateTime)).toBeGreaterThanOrEqual(T0);
    }
  });
});
