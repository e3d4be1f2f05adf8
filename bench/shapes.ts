// Realistic building blocks shared by the verdict and pairing generators:
// page and API origins, page-set headers (safelisted and CORS-unsafe), the
// headers a browser adds on the wire, and server responses with filler lines,
// shaped after e2e/lab/scenarios/*.ts.
import type { Header } from '../src/core/fetch/headers.ts';
import type { Rng } from './prng.ts';

export const PAGE_ORIGINS = ['https://app.example.com', 'https://shop.example', 'http://localhost:5173', 'https://dashboard.acme.io'] as const;
const API_ORIGINS = ['https://api.example.net', 'https://cdn.example.org:8443', 'http://localhost:8080', 'https://auth.acme-cloud.com'] as const;
const RESOURCES = ['users', 'orders', 'cart', 'session', 'search', 'files', 'metrics', 'graphql'] as const;
export const OTHER_ORIGIN = 'https://evil.example';
export const CHROME_UA = 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0.0.0 Safari/537.36';

export const h = (name: string, value: string): Header => ({ name, value });

export function apiOrigin(rng: Rng): string {
  return rng.pick(API_ORIGINS);
}

/** An API URL; `hot` draws from a small pool so URLs repeat (preflight cache hits, concurrent requests). */
export function apiUrl(rng: Rng, hot = false, origin = apiOrigin(rng)): string {
  const id = hot ? rng.int(1, 4) : rng.int(1, 5000);
  const query = !hot && rng.chance(0.3) ? `?page=${rng.int(1, 9)}&sort=desc` : '';
  return `${origin}/v${hot ? 1 : rng.int(1, 3)}/${rng.pick(RESOURCES)}/${id}${query}`;
}

const hex = (rng: Rng, length: number): string => {
  let text = '';
  while (text.length < length)
    text += Math.floor(rng.next() * 0x100000000)
      .toString(16)
      .padStart(8, '0');
  return text.slice(0, length);
};

/** Headers a page sets that never cause a preflight. */
export function safelistedHeaders(rng: Rng): Header[] {
  const headers: Header[] = [];
  if (rng.chance(0.8)) headers.push(h('Accept', rng.pick(['application/json', '*/*', 'application/json, text/plain, */*'])));
  if (rng.chance(0.3)) headers.push(h('Accept-Language', 'en-US,en;q=0.9'));
  if (rng.chance(0.1)) headers.push(h('Content-Language', 'de-DE'));
  return headers;
}

/** 1-3 CORS-unsafe custom headers, distinct names, in page order. */
export function customHeaders(rng: Rng): Header[] {
  const pool = [
    () => h('X-Request-Id', hex(rng, 32)),
    () => h('Authorization', `Bearer ${hex(rng, 40)}`),
    () => h('X-Client-Version', `4.${rng.int(0, 20)}.${rng.int(0, 9)}`),
    () => h('X-Trace-Id', `00-${hex(rng, 32)}-${hex(rng, 16)}-01`),
    () => h('X-CSRF-Token', hex(rng, 24)),
  ];
  const start = rng.int(0, pool.length - 1);
  const count = rng.int(1, 3);
  const headers: Header[] = [];
  for (let i = 0; i < count; i++) headers.push((pool[(start + i) % pool.length] as () => Header)());
  return headers;
}

/** A preflighted request's method and page headers; `unsafe` is its CORS-unsafe names in request order. */
export interface Preflighted {
  readonly method: string;
  readonly headers: Header[];
  readonly unsafe: string[];
  /** Access-Control-Request-Headers as Chromium sends it: sorted, deduplicated, no spaces. */
  readonly acrh: string;
}

export function preflightedRequest(rng: Rng, needsHeader = false): Preflighted {
  const method = rng.pick(['PUT', 'DELETE', 'POST', 'PATCH']);
  const headers = safelistedHeaders(rng);
  if (method === 'POST' || method === 'PUT' || method === 'PATCH') {
    headers.push(h('Content-Type', method === 'POST' || rng.chance(0.7) ? 'application/json' : 'text/plain;charset=UTF-8'));
  }
  if (needsHeader || method === 'DELETE' || rng.chance(0.6)) headers.push(...customHeaders(rng));
  const unsafe = headers.filter((header) => isUnsafe(header)).map((header) => header.name.toLowerCase());
  return { method, headers, unsafe, acrh: [...new Set(unsafe)].sort().join(',') };
}

// Only what the generators above produce: custom names, and a JSON Content-Type.
function isUnsafe({ name, value }: Header): boolean {
  const lower = name.toLowerCase();
  if (lower === 'content-type') return !value.startsWith('text/plain');
  return lower !== 'accept' && lower !== 'accept-language' && lower !== 'content-language';
}

/** Response lines a server adds whatever CORS says: 2 to 9 of them. */
export function fillerHeaders(rng: Rng): Header[] {
  const pool = [
    h('Content-Type', 'application/json; charset=utf-8'),
    h('Date', 'Tue, 14 Jul 2026 10:12:31 GMT'),
    h('Server', rng.pick(['nginx/1.27.4', 'cloudflare', 'envoy'])),
    h('Cache-Control', rng.pick(['no-store', 'private, max-age=0', 'public, max-age=300'])),
    h('Vary', 'Origin, Accept-Encoding'),
    h('Content-Length', String(rng.int(2, 90000))),
    h('ETag', `W/"${hex(rng, 12)}"`),
    h('Strict-Transport-Security', 'max-age=63072000; includeSubDomains'),
    h('X-Powered-By', 'Express'),
  ];
  const count = rng.int(2, pool.length);
  const start = rng.int(0, pool.length - 1);
  const headers: Header[] = [];
  for (let i = 0; i < count; i++) headers.push(pool[(start + i) % pool.length] as Header);
  return headers;
}

/** The headers of a preflight request as the browser sends it. */
export function preflightRequestHeaders(origin: string, method: string, acrh: string): Header[] {
  return [
    h('Accept', '*/*'),
    h('Access-Control-Request-Method', method),
    ...(acrh === '' ? [] : [h('Access-Control-Request-Headers', acrh)]),
    h('Origin', origin),
    h('User-Agent', CHROME_UA),
    h('Sec-Fetch-Mode', 'cors'),
    h('Sec-Fetch-Site', 'cross-site'),
    h('Sec-Fetch-Dest', 'empty'),
    h('Referer', `${origin}/`),
  ];
}

/** The actual request's wire headers: the page's, plus what the network stack adds. */
export function wireHeaders(url: string, origin: string, page: readonly Header[], cookie: boolean): Header[] {
  return [
    h('Host', new URL(url).host),
    h('Connection', 'keep-alive'),
    ...page,
    h('Origin', origin),
    h('Referer', `${origin}/`),
    h('User-Agent', CHROME_UA),
    h('Sec-Fetch-Site', 'cross-site'),
    h('Sec-Fetch-Mode', 'cors'),
    h('Sec-Fetch-Dest', 'empty'),
    h('Accept-Encoding', 'gzip, deflate, br, zstd'),
    ...(cookie ? [h('Cookie', 'session=4f2a9c; theme=dark')] : []),
  ];
}
