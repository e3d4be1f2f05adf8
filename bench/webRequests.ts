// Generates the worker benchmark's webRequest events, as Chromium delivers
// them to the extension with 'extraHeaders' (no headers when a request
// starts; wire headers without Host; a preflight as a request of its own).
// Per request, one of: a simple GET the server allows (50%), a preflighted
// PUT/DELETE/POST/PATCH it allows (30%), one whose preflight refuses it
// (10%), a GET whose response lacks Access-Control-Allow-Origin (10%).
// Requests overlap six at a time, as a page's do.
import type { WebRequestDetails, WebRequestHeader, WebRequestPhase } from '../src/background/webRequestEvents.ts';
import { mulberry32, weighted } from './prng.ts';
import { apiUrl, fillerHeaders, PAGE_ORIGINS, preflightedRequest, preflightRequestHeaders, wireHeaders } from './shapes.ts';

export interface WebRequestEvent {
  readonly phase: WebRequestPhase;
  readonly details: WebRequestDetails;
}

const TAB = 7;

export function generateWebRequests(requests: number, seed = 7331): WebRequestEvent[] {
  const rng = mulberry32(seed);
  const origin = PAGE_ORIGINS[0];
  let nextId = 1;
  const lanes: WebRequestEvent[][] = [];
  const base = (requestId: string, url: string, method: string, type: string) => ({ requestId, url, method, tabId: TAB, frameId: 0, type, initiator: origin });
  const wire = (headers: readonly { name: string; value: string }[]): WebRequestHeader[] =>
    headers.filter((header) => header.name !== 'Host').map(({ name, value }) => ({ name, value }));

  for (let index = 0; index < requests; index++) {
    const events: WebRequestEvent[] = [];
    const push = (phase: WebRequestPhase, details: Omit<WebRequestDetails, 'timeStamp'>) => events.push({ phase, details: { ...details, timeStamp: 0 } });
    const id = String(nextId++);
    const kind = weighted(rng, { simple: 50, preflighted: 30, refused: 10, unlabelled: 10 });
    const url = apiUrl(rng);
    if (kind === 'simple' || kind === 'unlabelled') {
      const request = base(id, url, 'GET', 'xmlhttprequest');
      push('onBeforeRequest', request);
      push('onSendHeaders', { ...request, requestHeaders: wire(wireHeaders(url, origin, [], false)) });
      const allow = kind === 'simple' ? [{ name: 'Access-Control-Allow-Origin', value: origin }] : [];
      push('onHeadersReceived', { ...request, statusCode: 200, statusLine: 'HTTP/1.1 200 OK', responseHeaders: [...allow, ...fillerHeaders(rng)] });
      push(kind === 'simple' ? 'onCompleted' : 'onErrorOccurred', { ...request, ...(kind === 'simple' ? {} : { error: 'net::ERR_FAILED' }) });
    } else {
      const shape = preflightedRequest(rng);
      const request = base(id, url, shape.method, 'xmlhttprequest');
      const preflight = base(String(nextId++), url, 'OPTIONS', 'other');
      push('onBeforeRequest', request);
      push('onBeforeRequest', preflight);
      push('onSendHeaders', { ...preflight, requestHeaders: wire(preflightRequestHeaders(origin, shape.method, shape.acrh)) });
      const methods = kind === 'preflighted' ? `GET, POST, ${shape.method}` : 'GET';
      const answer = [
        { name: 'Access-Control-Allow-Origin', value: origin },
        { name: 'Access-Control-Allow-Methods', value: methods },
        { name: 'Access-Control-Allow-Headers', value: shape.acrh || 'content-type' },
        ...fillerHeaders(rng).slice(0, 3),
      ];
      push('onHeadersReceived', { ...preflight, statusCode: 204, statusLine: 'HTTP/1.1 204 No Content', responseHeaders: answer });
      push('onCompleted', preflight);
      if (kind === 'preflighted') {
        push('onSendHeaders', { ...request, requestHeaders: wire(wireHeaders(url, origin, shape.headers, false)) });
        push('onHeadersReceived', {
          ...request,
          statusCode: 200,
          statusLine: 'HTTP/1.1 200 OK',
          responseHeaders: [{ name: 'Access-Control-Allow-Origin', value: origin }, ...fillerHeaders(rng)],
        });
        push('onCompleted', request);
      } else {
        push('onErrorOccurred', { ...request, error: 'net::ERR_FAILED' });
      }
    }
    lanes.push(events);
  }
  return interleave(lanes, 6);
}

/** Requests `width` at a time: their events interleave, each request's in order, stamped in arrival order. */
function interleave(lanes: readonly WebRequestEvent[][], width: number): WebRequestEvent[] {
  const out: WebRequestEvent[] = [];
  let clock = 1_784_000_000_000;
  for (let start = 0; start < lanes.length; start += width) {
    const group = lanes.slice(start, start + width).map((lane) => [...lane]);
    while (group.some((lane) => lane.length > 0)) {
      for (const lane of group) {
        const next = lane.shift();
        if (next) out.push({ phase: next.phase, details: { ...next.details, timeStamp: (clock += 0.7) } });
      }
    }
  }
  return out;
}
