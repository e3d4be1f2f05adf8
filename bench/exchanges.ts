// Generates the verdict benchmark's exchanges: a deterministic mix of every
// shape decideVerdict meets (simple, credentialed, preflighted passing and
// failing each way, redirects, cache-served, network errors), each with the
// verdict it was built to get, so the engine can be checked before timing.
import type { CorsError } from '../src/core/cors/corsError.ts';
import type { CorsRequest } from '../src/core/cors/corsRequest.ts';
import type { Exchange, ObservedHop, ObservedPreflight, ObservedResponse, PreflightStatus, VerdictOutcome } from '../src/core/cors/verdict.ts';
import type { Header } from '../src/core/fetch/headers.ts';
import { mulberry32, weighted, type Rng } from './prng.ts';
import {
  apiOrigin,
  apiUrl,
  fillerHeaders,
  h,
  OTHER_ORIGIN,
  PAGE_ORIGINS,
  preflightedRequest,
  preflightRequestHeaders,
  safelistedHeaders,
  type Preflighted,
} from './shapes.ts';

export interface Expected {
  readonly outcome: VerdictOutcome;
  readonly corsError: CorsError | null;
  readonly failedParameter?: string;
  readonly preflight: PreflightStatus;
}

export interface GeneratedExchange {
  readonly kind: Kind;
  readonly exchange: Exchange;
  readonly expected: Expected;
}

interface Ctx {
  readonly rng: Rng;
  readonly t: number;
  readonly origin: string;
}

type Built = { request: Pick<CorsRequest, 'method' | 'headers'> & Partial<CorsRequest>; hops: ObservedHop[]; expected: Expected };

const ok = (preflight: PreflightStatus = 'not-needed'): Expected => ({ outcome: 'allowed', corsError: null, preflight });
const no = (corsError: CorsError, failedParameter?: string, preflight: PreflightStatus = 'not-needed'): Expected => ({
  outcome: 'blocked',
  corsError,
  preflight,
  ...(failedParameter === undefined ? {} : { failedParameter }),
});

const respond = (c: Ctx, lines: Header[], status = 200): ObservedResponse => ({ status, headers: [...fillerHeaders(c.rng), ...lines] });
const acao = (value: string): Header => h('Access-Control-Allow-Origin', value);
const acac = h('Access-Control-Allow-Credentials', 'true');

/** One hop; `answer` is the actual response, or undefined when the browser never sent it (a failed preflight). */
function hop(c: Ctx, url: string, answer: ObservedResponse | undefined, preflight?: ObservedPreflight, at = c.t): ObservedHop {
  return answer
    ? { url, startTime: at, sent: true, response: answer, ...(preflight ? { preflight } : {}) }
    : { url, startTime: at, sent: false, networkError: 'net::ERR_FAILED', ...(preflight ? { preflight } : {}) };
}

function preflight(c: Ctx, p: Preflighted, lines: Header[], status = 204, at = c.t, origin = c.origin): ObservedPreflight {
  const startTime = at + 0.3;
  return {
    requestHeaders: preflightRequestHeaders(origin, p.method, p.acrh),
    startTime,
    responseTime: startTime + c.rng.int(4, 60),
    response: { status, headers: [...lines, ...fillerHeaders(c.rng).slice(0, 3)] },
  };
}

/** Access-Control-Allow-* lines that let `p` through (explicit lists when credentialed). */
function passing(c: Ctx, p: Preflighted, credentialed: boolean): Header[] {
  const lines = [acao(c.origin), ...(credentialed ? [acac] : [])];
  lines.push(h('Access-Control-Allow-Methods', !credentialed && c.rng.chance(0.2) ? '*' : c.rng.chance(0.5) ? p.method : `GET, POST, ${p.method}, OPTIONS`));
  if (p.unsafe.length > 0) lines.push(h('Access-Control-Allow-Headers', !credentialed && c.rng.chance(0.2) ? '*' : p.acrh.toUpperCase().split(',').join(', ')));
  const maxAge = c.rng.pick([null, '600', '86400', '0']);
  if (maxAge !== null) lines.push(h('Access-Control-Max-Age', maxAge));
  return lines;
}

const simple = (c: Ctx, lines: Header[], status = 200, credentials: CorsRequest['credentials'] = 'same-origin'): Built => {
  const url = apiUrl(c.rng);
  return { request: { method: 'GET', headers: safelistedHeaders(c.rng), url, credentials }, hops: [hop(c, url, respond(c, lines, status))], expected: ok() };
};

/** A preflighted request whose preflight answers `lines`: blocked at the preflight with `error`. */
const failingPreflight = (
  c: Ctx,
  p: Preflighted,
  lines: Header[],
  expected: Expected,
  status = 204,
  credentials: CorsRequest['credentials'] = 'same-origin',
): Built => {
  const url = apiUrl(c.rng, true);
  return { request: { method: p.method, headers: p.headers, url, credentials }, hops: [hop(c, url, undefined, preflight(c, p, lines, status))], expected };
};

const passingPreflight = (c: Ctx, credentialed: boolean, actualLines?: Header[]): Built => {
  const p = preflightedRequest(c.rng);
  const url = apiUrl(c.rng, true);
  const credentials = credentialed ? 'include' : 'same-origin';
  const answer = respond(c, actualLines ?? [acao(c.origin), ...(credentialed ? [acac] : [])]);
  const expected = actualLines ? no('MissingAllowOriginHeader', '', 'sent') : ok('sent');
  return {
    request: { method: p.method, headers: p.headers, url, credentials },
    hops: [hop(c, url, answer, preflight(c, p, passing(c, p, credentialed)))],
    expected,
  };
};

const expecting = (built: Built, expected: Expected): Built => ({ ...built, expected });

const KINDS = {
  'simple-allowed': [14, (c) => simple(c, [acao(c.rng.pick([c.origin, '*', `${c.origin}   `]))])],
  'simple-post-text': [
    4,
    (c) => {
      const url = apiUrl(c.rng);
      return {
        request: { method: 'POST', headers: [h('Content-Type', 'text/plain;charset=UTF-8')], url },
        hops: [hop(c, url, respond(c, [acao(c.origin)], 201))],
        expected: ok(),
      };
    },
  ],
  'simple-missing-acao': [5, (c) => expecting(simple(c, [], c.rng.pick([200, 500, 429, 404])), no('MissingAllowOriginHeader', ''))],
  'simple-mismatch': [2, (c) => expecting(simple(c, [acao(OTHER_ORIGIN)]), no('AllowOriginMismatch', OTHER_ORIGIN))],
  'simple-multiple-acao': [1, (c) => expecting(simple(c, [acao(c.origin), acao(c.origin)]), no('MultipleAllowOriginValues', `${c.origin}, ${c.origin}`))],
  'simple-invalid-acao': [1, (c) => expecting(simple(c, [acao('')]), no('InvalidAllowOriginValue', ''))],
  'credentialed-allowed': [5, (c) => simple(c, [acao(c.origin), acac], 200, 'include')],
  'credentialed-wildcard': [2, (c) => expecting(simple(c, [acao('*'), acac], 200, 'include'), no('WildcardOriginNotAllowed', ''))],
  'credentialed-no-acac': [2, (c) => expecting(simple(c, [acao(c.origin)], 200, 'include'), no('InvalidAllowCredentials', ''))],
  'preflight-passes': [14, (c) => passingPreflight(c, false)],
  'preflight-passes-credentialed': [4, (c) => passingPreflight(c, true)],
  'preflight-passes-actual-missing-acao': [2, (c) => passingPreflight(c, false, [])],
  'preflight-missing-acao': [
    3,
    (c) => {
      const p = preflightedRequest(c.rng);
      return failingPreflight(c, p, [h('Access-Control-Allow-Methods', p.method)], no('PreflightMissingAllowOriginHeader', '', 'sent'));
    },
  ],
  'preflight-acao-mismatch': [
    2,
    (c) => {
      const p = preflightedRequest(c.rng);
      return failingPreflight(
        c,
        p,
        [acao(OTHER_ORIGIN), h('Access-Control-Allow-Methods', p.method)],
        no('PreflightAllowOriginMismatch', OTHER_ORIGIN, 'sent'),
      );
    },
  ],
  'preflight-wildcard-credentialed': [
    2,
    (c) => {
      const p = preflightedRequest(c.rng);
      return failingPreflight(
        c,
        p,
        [acao('*'), acac, h('Access-Control-Allow-Methods', p.method)],
        no('PreflightWildcardOriginNotAllowed', '', 'sent'),
        204,
        'include',
      );
    },
  ],
  'preflight-method-not-allowed': [
    3,
    (c) => {
      const p = { ...preflightedRequest(c.rng), method: c.rng.pick(['PUT', 'DELETE', 'PATCH']) };
      return failingPreflight(
        c,
        p,
        [acao(c.origin), h('Access-Control-Allow-Methods', 'GET, POST'), h('Access-Control-Allow-Headers', '*')],
        no('MethodDisallowedByPreflightResponse', p.method, 'sent'),
      );
    },
  ],
  'preflight-header-not-allowed': [
    3,
    (c) => {
      const p = preflightedRequest(c.rng, true);
      return failingPreflight(
        c,
        p,
        [acao(c.origin), h('Access-Control-Allow-Methods', p.method), h('Access-Control-Allow-Headers', 'x-unrelated')],
        no('HeaderDisallowedByPreflightResponse', p.unsafe[0] ?? '', 'sent'),
      );
    },
  ],
  'preflight-invalid-methods': [
    1,
    (c) => {
      const p = preflightedRequest(c.rng);
      return failingPreflight(
        c,
        p,
        [acao(c.origin), h('Access-Control-Allow-Methods', `${p.method} GET`)],
        no('InvalidAllowMethodsPreflightResponse', '', 'sent'),
      );
    },
  ],
  'preflight-invalid-headers': [
    1,
    (c) => {
      const p = preflightedRequest(c.rng, true);
      return failingPreflight(
        c,
        p,
        [acao(c.origin), h('Access-Control-Allow-Methods', p.method), h('Access-Control-Allow-Headers', 'x-a; x-b')],
        no('InvalidAllowHeadersPreflightResponse', '', 'sent'),
      );
    },
  ],
  'preflight-4xx-with-cors': [
    2,
    (c) => {
      const p = preflightedRequest(c.rng);
      return failingPreflight(
        c,
        p,
        [acao(c.origin), h('Access-Control-Allow-Methods', p.method)],
        no('PreflightInvalidStatus', '', 'sent'),
        c.rng.pick([404, 405, 403]),
      );
    },
  ],
  'preflight-401-without-cors': [
    2,
    (c) => {
      const p = preflightedRequest(c.rng);
      return failingPreflight(c, p, [h('WWW-Authenticate', 'Bearer')], no('PreflightMissingAllowOriginHeader', '', 'sent'), 401);
    },
  ],
  'redirect-allowed': [
    4,
    (c) => {
      const url = apiUrl(c.rng);
      const moved = `${new URL(url).origin}/v2/moved/${c.rng.int(1, 999)}`;
      return {
        request: { method: 'GET', headers: safelistedHeaders(c.rng), url },
        hops: [hop(c, url, respond(c, [h('Location', moved), acao(c.origin)], 302)), hop(c, moved, respond(c, [acao(c.origin)]), undefined, c.t + 20)],
        expected: ok(),
      };
    },
  ],
  'redirect-missing-acao': [
    2,
    (c) => {
      const url = apiUrl(c.rng);
      return {
        request: { method: 'GET', headers: safelistedHeaders(c.rng), url },
        hops: [hop(c, url, respond(c, [h('Location', '/login?next=%2F')], 302))],
        expected: no('MissingAllowOriginHeader', ''),
      };
    },
  ],
  'redirect-preflighted': [
    3,
    (c) => {
      const p = preflightedRequest(c.rng);
      const url = apiUrl(c.rng, true);
      const moved = `${new URL(url).origin}/v2/moved/${c.rng.int(1, 999)}`;
      const first = hop(c, url, respond(c, [h('Location', moved), acao(c.origin)], 307), preflight(c, p, passing(c, p, false)));
      const second = hop(c, moved, respond(c, [acao(c.origin)]), preflight(c, p, passing(c, p, false), 204, c.t + 90), c.t + 90);
      return { request: { method: p.method, headers: p.headers, url }, hops: [first, second], expected: ok('sent') };
    },
  ],
  'redirect-tainted': [
    2,
    (c) => {
      const url = apiUrl(c.rng);
      const elsewhere = apiUrl(c.rng, false, new URL(url).origin === 'https://api.example.net' ? 'https://cdn.example.org:8443' : 'https://api.example.net');
      const good = c.rng.chance(0.5);
      const hops = [
        hop(c, url, respond(c, [h('Location', elsewhere), acao(c.origin)], 302)),
        hop(c, elsewhere, respond(c, [acao(good ? 'null' : c.origin)]), undefined, c.t + 30),
      ];
      return { request: { method: 'GET', headers: safelistedHeaders(c.rng), url }, hops, expected: good ? ok() : no('AllowOriginMismatch', c.origin) };
    },
  ],
  'cache-served': [
    5,
    (c) => {
      const p = preflightedRequest(c.rng);
      const url = apiUrl(c.rng, true);
      // Judged alone its preflight is "not-seen": a hit is claimed only when the
      // cache model holds the entry that served it (the timed run with a
      // PreflightCache counts the hops the model serves).
      return { request: { method: p.method, headers: p.headers, url }, hops: [hop(c, url, respond(c, [acao(c.origin)]))], expected: ok('not-seen') };
    },
  ],
  'network-error': [
    2,
    (c) => {
      const url = apiUrl(c.rng);
      return {
        request: { method: 'GET', headers: safelistedHeaders(c.rng), url },
        hops: [{ url, startTime: c.t, sent: false, networkError: c.rng.pick(['net::ERR_CONNECTION_REFUSED', 'net::ERR_NAME_NOT_RESOLVED']) }],
        expected: { outcome: 'network-error', corsError: null, preflight: 'not-needed' },
      };
    },
  ],
  'same-origin': [
    2,
    (c) => {
      const url = `${c.origin}/api/${c.rng.int(1, 999)}`;
      return {
        request: { method: 'GET', headers: safelistedHeaders(c.rng), url },
        hops: [hop(c, url, respond(c, []))],
        expected: { outcome: 'not-cors', corsError: null, preflight: 'not-needed' },
      };
    },
  ],
} satisfies Record<string, [number, (c: Ctx) => Built]>;

export type Kind = keyof typeof KINDS;
export const KIND_NAMES = Object.keys(KINDS) as Kind[];

export function generateExchanges(count: number, seed = 20260714): GeneratedExchange[] {
  const rng = mulberry32(seed);
  const weights = Object.fromEntries(KIND_NAMES.map((kind) => [kind, KINDS[kind][0]])) as Record<Kind, number>;
  const generated: GeneratedExchange[] = [];
  for (let i = 0; i < count; i++) {
    const kind = weighted(rng, weights);
    const c: Ctx = { rng, t: 1_784_000_000_000 + i * 3, origin: rng.pick(PAGE_ORIGINS) };
    const built = KINDS[kind][1](c);
    const request: CorsRequest = {
      url: built.hops[0]?.url ?? apiOrigin(rng),
      initiatorOrigin: c.origin,
      mode: 'cors',
      credentials: 'same-origin',
      redirect: 'follow',
      ...built.request,
    };
    generated.push({ kind, exchange: { request, hops: built.hops }, expected: built.expected });
  }
  return generated;
}
