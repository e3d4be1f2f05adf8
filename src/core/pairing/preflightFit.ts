import type { HeaderReader } from '../fetch/corsUnsafeRequestHeaderNames.ts';
import type { OpenHop, OpenPreflight, OpenRequest } from './openRequests.ts';
import type { RequestContext } from './requestEvent.ts';

/** How well a preflight fits a request's hop; below 1 means it cannot be its preflight. */
export function preflightFit(request: OpenRequest, hop: OpenHop, preflight: OpenPreflight, readHeaders: HeaderReader): number {
  if (hop.preflight || hop.sentHeaders || hop.response || request.ended) return -1;
  if (!sameContext(request.context, preflight.context)) return -1;
  const { origin } = preflight;
  if (origin !== null && origin !== 'null' && request.initiatorOrigin && origin !== request.initiatorOrigin) return -1;
  // A link the source claims (CDP's preflight initiator, which the oracle
  // holds against Chromium) decides: concurrent requests of the page and of
  // its same-origin iframes can be alike in everything else.
  if (preflight.preflightFor !== undefined && preflight.preflightFor !== request.id) return -1;
  let points = preflight.preflightFor === undefined ? 1 : 9;
  // Without the page's headers, the request is expected to announce none.
  const expected = request.pageHeaders ? readHeaders(request.pageHeaders).requestHeadersValue : '';
  if (expected === preflight.announcedHeaders) points += 2;
  return points;
}

function sameContext(a: RequestContext | undefined, b: RequestContext | undefined): boolean {
  if (!a || !b) return true;
  if (a.tabId !== undefined && b.tabId !== undefined && a.tabId !== b.tabId) return false;
  return !(a.frameId !== undefined && b.frameId !== undefined && a.frameId !== b.frameId);
}

/** The highest-scoring item (the first of equals, hence FIFO), if any scores at least 1. */
export function bestMatch<T>(items: readonly T[], rate: (item: T) => number): T | undefined {
  let best: T | undefined;
  let bestScore = 0;
  for (let index = 0; index < items.length; index++) {
    const item = items[index] as T;
    const points = rate(item);
    if (points > bestScore) {
      best = item;
      bestScore = points;
    }
  }
  return best;
}
