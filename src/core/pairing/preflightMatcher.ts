import { accessControlRequestHeadersValue } from '../fetch/corsUnsafeRequestHeaderNames.ts';
import { getHeader } from '../fetch/headers.ts';
import { currentHop, type OpenHop, type OpenPreflight, type OpenRequest } from './openRequests.ts';
import type { RequestContext } from './requestEvent.ts';

/**
 * Matches preflights with the requests they guard, by what the preflight
 * says, never by request ids (a preflight has its own id, and ids interleave
 * under concurrency): the same tab and frame, the same URL, the method named
 * in Access-Control-Request-Method, the page's origin in Origin and,
 * preferably, the header list named in Access-Control-Request-Headers; among
 * equals, the earliest request (FIFO). A preflight seen before its request
 * (some HAR writers put it first) waits for it. Where the source links a
 * preflight to its request (CDP), the link decides.
 */
export interface PreflightMatcher {
  /** A request's hop started: it claims a waiting preflight, or waits for one. */
  hopStarted(request: OpenRequest, hop: OpenHop): void;
  /** A preflight started: a waiting request claims it, or it waits for one. */
  preflightStarted(preflight: OpenPreflight): void;
  /** The hop went out or ended: no preflight can be its own any more. */
  hopLeft(request: OpenRequest, hop: OpenHop): void;
  /** Preflights no request claimed. */
  unclaimed(): number;
}

export function createPreflightMatcher(): PreflightMatcher {
  const waitingRequests = new Map<string, OpenRequest[]>();
  const waitingPreflights = new Map<string, OpenPreflight[]>();

  const attach = (request: OpenRequest, hop: OpenHop, preflight: OpenPreflight): void => {
    preflight.owner = request;
    hop.preflight = preflight;
    request.described = undefined;
  };

  return {
    hopStarted(request, hop) {
      const key = matchKey(hop.url, hop.method);
      const preflights = waitingPreflights.get(key);
      const preflight = preflights && bestMatch(preflights, (candidate) => score(request, hop, candidate));
      if (preflight) {
        removeFrom(waitingPreflights, key, preflight);
        attach(request, hop, preflight);
      } else {
        addTo(waitingRequests, key, request);
        hop.waitingAs = key;
      }
    },
    preflightStarted(preflight) {
      const key = matchKey(preflight.url, preflight.requestMethod);
      const requests = waitingRequests.get(key);
      const request = requests && bestMatch(requests, (candidate) => score(candidate, currentHop(candidate), preflight));
      if (request) {
        removeFrom(waitingRequests, key, request);
        const waiting = request.hops.find((hop) => hop.waitingAs === key);
        if (waiting) waiting.waitingAs = undefined;
        attach(request, currentHop(request), preflight);
      } else addTo(waitingPreflights, key, preflight);
    },
    hopLeft(request, hop) {
      if (hop.waitingAs === undefined) return;
      removeFrom(waitingRequests, hop.waitingAs, request);
      hop.waitingAs = undefined;
    },
    unclaimed() {
      let count = 0;
      for (const list of waitingPreflights.values()) count += list.length;
      return count;
    },
  };
}

/** How well a preflight fits a request's hop; below 1 means it cannot be its preflight. */
function score(request: OpenRequest, hop: OpenHop, preflight: OpenPreflight): number {
  if (hop.preflight || hop.sentHeaders || hop.response || request.ended) return -1;
  if (!sameContext(request.context, preflight.context)) return -1;
  const origin = getHeader(preflight.requestHeaders, 'Origin');
  if (origin !== null && origin !== 'null' && request.initiatorOrigin && origin !== request.initiatorOrigin) return -1;
  // A link the source claims (CDP's preflight initiator, which the oracle
  // holds against Chromium) decides: concurrent requests of the page and of
  // its same-origin iframes can be alike in everything else.
  if (preflight.preflightFor !== undefined && preflight.preflightFor !== request.id) return -1;
  let points = preflight.preflightFor === undefined ? 1 : 9;
  const expected = accessControlRequestHeadersValue(request.pageHeaders ?? []);
  if (expected === (getHeader(preflight.requestHeaders, 'Access-Control-Request-Headers') ?? '')) points += 2;
  return points;
}

function matchKey(url: string, method: string): string {
  return `${method}\u0000${url}`;
}

function sameContext(a: RequestContext | undefined, b: RequestContext | undefined): boolean {
  if (!a || !b) return true;
  if (a.tabId !== undefined && b.tabId !== undefined && a.tabId !== b.tabId) return false;
  return !(a.frameId !== undefined && b.frameId !== undefined && a.frameId !== b.frameId);
}

/** The highest-scoring item (the first of equals, hence FIFO), if any scores at least 1. */
function bestMatch<T>(items: readonly T[], rate: (item: T) => number): T | undefined {
  let best: T | undefined;
  let bestScore = 0;
  for (const item of items) {
    const points = rate(item);
    if (points > bestScore) {
      best = item;
      bestScore = points;
    }
  }
  return best;
}

function addTo<T>(map: Map<string, T[]>, key: string, item: T): void {
  const list = map.get(key);
  if (list) list.push(item);
  else map.set(key, [item]);
}

function removeFrom<T>(map: Map<string, T[]>, key: string, item: T): void {
  const list = map.get(key);
  if (!list) return;
  const index = list.indexOf(item);
  if (index >= 0) list.splice(index, 1);
  if (list.length === 0) map.delete(key);
}
