import type { Header } from '../fetch/headers.ts';
import type { RequestContext, RequestEvent } from './requestEvent.ts';

// Events for the pairing's tests: a page at PAGE asking API, as Chromium
// reports it (a request started, its preflight, its answer).

export const PAGE = 'http://app.test';
export const API = 'http://api.test/items';
const CHROME = 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0.0.0 Safari/537.36';

export const h = (...pairs: [string, string][]): Header[] => pairs.map(([name, value]) => ({ name, value }));

/** What Chromium puts on the wire for a cors-mode request from PAGE to another site. */
export function wire(extra: [string, string][] = []): Header[] {
  return h(['Host', 'api.test'], ['Origin', PAGE], ['Sec-Fetch-Mode', 'cors'], ['Sec-Fetch-Site', 'cross-site'], ['User-Agent', CHROME], ...extra);
}

interface Actual {
  id: string;
  at: number;
  method?: string;
  url?: string;
  headers?: [string, string][];
  context?: RequestContext;
}

export function started({ id, at, method = 'GET', url = API, headers = [], context }: Actual): RequestEvent {
  return { type: 'started', id, time: at, url, method, headers: h(...headers), initiatorOrigin: PAGE, resourceType: 'fetch', ...(context ? { context } : {}) };
}

export function preflight(
  id: string,
  at: number,
  method: string,
  requestHeaders: string,
  answer: [string, string][],
  options: { url?: string; context?: RequestContext; cacheControl?: string } = {},
): RequestEvent[] {
  const headers = h(
    ['Access-Control-Request-Method', method],
    ['Origin', PAGE],
    ...(requestHeaders ? ([['Access-Control-Request-Headers', requestHeaders]] as [string, string][]) : []),
    ...(options.cacheControl ? ([['Cache-Control', options.cacheControl]] as [string, string][]) : []),
  );
  return [
    { type: 'started', id, time: at, url: options.url ?? API, method: 'OPTIONS', headers, ...(options.context ? { context: options.context } : {}) },
    { type: 'response', id, time: at + 1, status: 204, headers: h(['Access-Control-Allow-Origin', PAGE], ...answer) },
    { type: 'completed', id, time: at + 1 },
  ];
}

export function answered(
  id: string,
  at: number,
  response: [string, string][] = [['Access-Control-Allow-Origin', PAGE]],
  sent: [string, string][] = [],
): RequestEvent[] {
  return [
    { type: 'sent', id, time: at, headers: wire(sent) },
    { type: 'response', id, time: at + 1, status: 200, headers: h(...response) },
    { type: 'completed', id, time: at + 2 },
  ];
}
