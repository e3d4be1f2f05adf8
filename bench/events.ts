// Generates the pairing benchmark's RequestEvent stream, as a CDP or HAR
// capture would give it: per request, the actual request started with the
// page's headers, its preflight OPTIONS (Origin, Access-Control-Request-*),
// the preflight's response and completion, the actual request's wire headers,
// response and completion. Mixed in: simple requests, blocked ones, network
// failures, redirects (with a preflight per hop) and bursts of concurrent
// requests to one URL followed by a request the preflight cache serves.
// Events are emitted request by request, not in time order: pairEvents sorts.
import type { Header } from '../src/core/fetch/headers.ts';
import type { VerdictOutcome } from '../src/core/cors/verdict.ts';
import type { RequestEvent } from '../src/core/pairing/requestEvent.ts';
import { mulberry32, weighted, type Rng } from './prng.ts';
import {
  apiUrl,
  fillerHeaders,
  h,
  PAGE_ORIGINS,
  preflightedRequest,
  preflightRequestHeaders,
  safelistedHeaders,
  wireHeaders,
  type Preflighted,
} from './shapes.ts';

export interface ExpectedTransaction {
  readonly outcome: VerdictOutcome;
  /** Who the preflights belong to: the request's own id, or its burst's id (any member may take any of the burst's preflights). */
  readonly owner: string;
  readonly preflights: number;
  /** A request sent without a preflight because the cache model holds one. */
  readonly cacheHit: boolean;
}

export interface GeneratedStream {
  readonly events: RequestEvent[];
  readonly preflights: number;
  /** Actual request id -> what pairing must make of it. */
  readonly expected: Map<string, ExpectedTransaction>;
  /** Preflight id -> the owner it must be paired within. */
  readonly preflightOwner: Map<string, string>;
}

export function generateEvents(count: number, seed = 4242): GeneratedStream {
  const rng: Rng = mulberry32(seed);
  const events: RequestEvent[] = [];
  const expected = new Map<string, ExpectedTransaction>();
  const preflightOwner = new Map<string, string>();
  let preflights = 0;
  let nextId = 1000;
  let clock = 1_784_000_000_000;

  interface Spec {
    url: string;
    origin: string;
    p: Preflighted;
    owner?: string;
    preflightAt?: number;
    pass?: boolean;
    cacheHit?: boolean;
    credentialed?: boolean;
  }

  /** One preflight (3 events), for `url` on behalf of `actual`; returns when its answer arrived. */
  const preflight = (actual: string, owner: string, spec: Spec, url: string, at: number, lines: Header[], status = 204): number => {
    const id = String(nextId++);
    const answered = at + rng.int(4, 60) + rng.next();
    events.push(
      {
        type: 'started',
        id,
        time: at,
        url,
        method: 'OPTIONS',
        headers: preflightRequestHeaders(spec.origin, spec.p.method, spec.p.acrh),
        initiatorOrigin: spec.origin,
        resourceType: 'preflight',
        ...(rng.chance(0.5) ? { preflightFor: actual } : {}),
      },
      { type: 'response', id, time: answered, status, headers: [...lines, ...fillerHeaders(rng).slice(0, 3)] },
      { type: 'completed', id, time: answered + 0.1 },
    );
    preflightOwner.set(id, owner);
    preflights++;
    return answered;
  };
  const allow = (spec: { origin: string; credentialed?: boolean }): Header[] => [
    h('Access-Control-Allow-Origin', spec.origin),
    ...(spec.credentialed ? [h('Access-Control-Allow-Credentials', 'true')] : []),
  ];
  const preflightAllows = (spec: Spec): Header[] => [
    ...allow(spec),
    h('Access-Control-Allow-Methods', `GET, POST, ${spec.p.method}`),
    ...(spec.p.acrh ? [h('Access-Control-Allow-Headers', spec.p.acrh)] : []),
  ];

  /** A request (preflighted unless `cacheHit`), passing or failing at its preflight. */
  const preflighted = (t: number, spec: Spec): void => {
    const id = String(nextId++);
    const owner = spec.owner ?? id;
    const pass = spec.pass !== false;
    events.push({
      type: 'started',
      id,
      time: t,
      url: spec.url,
      method: spec.p.method,
      headers: spec.p.headers,
      initiatorOrigin: spec.origin,
      resourceType: 'fetch',
    });
    let at = t + 0.2;
    if (!spec.cacheHit) {
      const failing = rng.pick([
        [h('Access-Control-Allow-Methods', spec.p.method)],
        [...allow(spec), h('Access-Control-Allow-Methods', 'GET')],
        [h('WWW-Authenticate', 'Bearer')],
      ]);
      at =
        preflight(id, owner, spec, spec.url, spec.preflightAt ?? t + 0.3, pass ? preflightAllows(spec) : failing, pass || failing.length > 1 ? 204 : 401) + 0.3;
    }
    if (pass) {
      events.push(
        { type: 'sent', id, time: at, headers: wireHeaders(spec.url, spec.origin, spec.p.headers, spec.credentialed === true) },
        { type: 'response', id, time: at + rng.int(5, 80), status: 200, headers: [...fillerHeaders(rng), ...allow(spec)] },
        { type: 'completed', id, time: at + 81 },
      );
    } else events.push({ type: 'failed', id, time: at, error: 'net::ERR_FAILED' });
    expected.set(id, { outcome: pass ? 'allowed' : 'blocked', owner, preflights: spec.cacheHit ? 0 : 1, cacheHit: spec.cacheHit === true });
  };

  const simple = (t: number, blocked: boolean): void => {
    const id = String(nextId++);
    const spec = { url: apiUrl(rng), origin: rng.pick(PAGE_ORIGINS), credentialed: rng.chance(0.2) };
    const page = safelistedHeaders(rng);
    events.push(
      { type: 'started', id, time: t, url: spec.url, method: 'GET', headers: page, initiatorOrigin: spec.origin, resourceType: rng.pick(['fetch', 'xhr']) },
      { type: 'sent', id, time: t + 0.4, headers: wireHeaders(spec.url, spec.origin, page, spec.credentialed) },
      {
        type: 'response',
        id,
        time: t + rng.int(5, 120),
        status: rng.pick([200, 200, 200, 204, 404]),
        headers: [...fillerHeaders(rng), ...(blocked ? [] : allow(spec))],
      },
      blocked ? { type: 'failed', id, time: t + 121, error: 'net::ERR_FAILED' } : { type: 'completed', id, time: t + 121 },
    );
    expected.set(id, { outcome: blocked ? 'blocked' : 'allowed', owner: id, preflights: 0, cacheHit: false });
  };

  /** Two hops, the 307 passing the CORS check; a preflight per hop when the request needs one. */
  const redirected = (t: number, withPreflight: boolean): void => {
    const id = String(nextId++);
    const origin = rng.pick(PAGE_ORIGINS);
    const spec: Spec = {
      url: apiUrl(rng, withPreflight),
      origin,
      p: withPreflight ? preflightedRequest(rng) : { method: 'GET', headers: safelistedHeaders(rng), unsafe: [], acrh: '' },
    };
    const moved = `${new URL(spec.url).origin}/v2/moved/${rng.int(1, 999)}`;
    events.push({
      type: 'started',
      id,
      time: t,
      url: spec.url,
      method: spec.p.method,
      headers: spec.p.headers,
      initiatorOrigin: origin,
      resourceType: 'fetch',
    });
    let at = withPreflight ? preflight(id, id, spec, spec.url, t + 0.3, preflightAllows(spec)) + 0.3 : t + 0.3;
    const wire = wireHeaders(spec.url, origin, spec.p.headers, false);
    events.push(
      { type: 'sent', id, time: at, headers: wire },
      { type: 'redirect', id, time: at + 10, status: 307, headers: [h('Location', moved), ...allow(spec), ...fillerHeaders(rng).slice(0, 2)], location: moved },
    );
    at = withPreflight ? preflight(id, id, spec, moved, at + 10.3, preflightAllows(spec)) + 0.3 : at + 10.3;
    events.push(
      { type: 'sent', id, time: at, headers: wire },
      { type: 'response', id, time: at + rng.int(5, 60), status: 200, headers: [...fillerHeaders(rng), ...allow(spec)] },
      { type: 'completed', id, time: at + 61 },
    );
    expected.set(id, { outcome: 'allowed', owner: id, preflights: withPreflight ? 2 : 0, cacheHit: false });
  };

  const networkFailure = (t: number): void => {
    const id = String(nextId++);
    events.push(
      {
        type: 'started',
        id,
        time: t,
        url: apiUrl(rng),
        method: 'GET',
        headers: safelistedHeaders(rng),
        initiatorOrigin: rng.pick(PAGE_ORIGINS),
        resourceType: 'fetch',
      },
      { type: 'failed', id, time: t + rng.int(1, 30), error: 'net::ERR_CONNECTION_REFUSED' },
    );
    expected.set(id, { outcome: 'network-error', owner: id, preflights: 0, cacheHit: false });
  };

  /** 2-4 identical preflighted requests to one URL, started together, their preflights interleaved; often one more the cache then serves. */
  const burst = (t: number): void => {
    const owner = `burst-${nextId}`;
    const base = apiUrl(rng);
    const spec: Spec = { url: `${base}${base.includes('?') ? '&' : '?'}burst=${nextId}`, origin: rng.pick(PAGE_ORIGINS), p: preflightedRequest(rng), owner };
    const members = rng.int(2, 4);
    for (let i = 0; i < members; i++) preflighted(t + i * 0.1, { ...spec, preflightAt: t + members * 0.1 + i * 0.1 });
    if (rng.chance(0.6)) preflighted(t + 400, { ...spec, cacheHit: true });
  };

  const kinds = { preflighted: 30, preflightFails: 8, simple: 30, simpleBlocked: 6, redirect: 5, redirectPreflighted: 4, networkFailure: 4, burst: 8 };
  while (events.length + 40 <= count) {
    clock += rng.int(0, 2) + rng.next();
    const kind = weighted(rng, kinds);
    if (kind === 'preflighted' || kind === 'preflightFails') {
      preflighted(clock, {
        url: apiUrl(rng, rng.chance(0.3)),
        origin: rng.pick(PAGE_ORIGINS),
        p: preflightedRequest(rng),
        pass: kind === 'preflighted',
        credentialed: rng.chance(0.2),
      });
    } else if (kind === 'simple' || kind === 'simpleBlocked') simple(clock, kind === 'simpleBlocked');
    else if (kind === 'redirect' || kind === 'redirectPreflighted') redirected(clock, kind === 'redirectPreflighted');
    else if (kind === 'networkFailure') networkFailure(clock);
    else burst(clock);
  }
  while (events.length + 4 <= count) simple((clock += 1), false);
  while (events.length + 2 <= count) networkFailure((clock += 1));
  if (events.length < count) {
    const id = String(nextId++);
    events.push({ type: 'started', id, time: clock + 1, url: apiUrl(rng), method: 'GET', initiatorOrigin: PAGE_ORIGINS[0], resourceType: 'fetch' });
    expected.set(id, { outcome: 'incomplete', owner: id, preflights: 0, cacheHit: false });
  }
  return { events, preflights, expected, preflightOwner };
}
