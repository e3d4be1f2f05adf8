import { readUnsafeHeaders, type HeaderReader } from '../fetch/corsUnsafeRequestHeaderNames.ts';
import { addTo, removeFrom } from './keyedLists.ts';
import { currentHop } from './openRequestHops.ts';
import type { OpenHop, OpenPreflight, OpenRequest } from './openRequests.ts';
import { bestMatch, preflightFit } from './preflightFit.ts';

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
  stopWaitingForPreflight(request: OpenRequest, hop: OpenHop): void;
  /** Preflights no request claimed (waiting still, or given up). */
  unclaimed(): number;
}

/**
 * How many requests, and how many preflights, wait per method and URL. Each
 * arrival scores every waiter of the other kind for its key, so without a
 * bound a file of preflights no request claims (their requests were outside
 * the capture, or the file is hostile) costs quadratic time: 20,000 of them
 * took 28 s. Far more than a page's burst of identical concurrent requests;
 * past it the oldest waiter is given up (a request then stays without
 * preflight, a preflight unclaimed).
 */
export const MAX_WAITING_PER_KEY = 128;
/** How many preflights wait in all: a live tab's unclaimed ones would otherwise be kept for as long as the tab lives. */
export const MAX_WAITING_PREFLIGHTS = 4096;

export interface PreflightMatcherOptions {
  /** A preflight given up on (see above): it will never be claimed. */
  readonly onPreflightDropped?: (preflight: OpenPreflight) => void;
  /**
   * Reads a request's header list for CORS (readUnsafeHeaders by default):
   * the pairing passes its own reader, which has read, or will read, the same
   * list when the preflight is checked and the request judged.
   */
  readonly readHeaders?: HeaderReader;
}

export function createPreflightMatcher(options: PreflightMatcherOptions = {}): PreflightMatcher {
  const readHeaders = options.readHeaders ?? readUnsafeHeaders;
  const waitingRequests = new Map<string, OpenRequest[]>();
  const waitingPreflights = new Map<string, OpenPreflight[]>();
  // Every waiting preflight, oldest first, for the overall bound.
  const preflightsByAge = new Set<OpenPreflight>();
  let droppedPreflights = 0;

  const stopWaitingPreflight = (key: string, preflight: OpenPreflight): void => {
    removeFrom(waitingPreflights, key, preflight);
    preflightsByAge.delete(preflight);
  };

  const stopWaitingRequest = (key: string, request: OpenRequest): void => {
    removeFrom(waitingRequests, key, request);
    const waiting = waitingHop(request, key);
    if (waiting) waiting.waitingAs = undefined;
  };

  const dropPreflight = (key: string, preflight: OpenPreflight): void => {
    stopWaitingPreflight(key, preflight);
    droppedPreflights++;
    options.onPreflightDropped?.(preflight);
  };

  const waitForRequest = (key: string, preflight: OpenPreflight): void => {
    const list = addTo(waitingPreflights, key, preflight);
    preflightsByAge.add(preflight);
    if (list.length > MAX_WAITING_PER_KEY) dropPreflight(key, list[0] as OpenPreflight);
    if (preflightsByAge.size > MAX_WAITING_PREFLIGHTS) {
      const oldest = preflightsByAge.values().next().value as OpenPreflight;
      dropPreflight(matchKey(oldest.url, oldest.requestMethod), oldest);
    }
  };

  const waitForPreflight = (key: string, request: OpenRequest, hop: OpenHop): void => {
    const list = addTo(waitingRequests, key, request);
    hop.waitingAs = key;
    if (list.length > MAX_WAITING_PER_KEY) stopWaitingRequest(key, list[0] as OpenRequest);
  };

  const attach = (request: OpenRequest, hop: OpenHop, preflight: OpenPreflight): void => {
    preflight.owner = request;
    hop.preflight = preflight;
    request.described = undefined;
  };

  return {
    hopStarted(request, hop) {
      const key = matchKey(hop.url, hop.method);
      const preflights = waitingPreflights.get(key);
      const preflight = preflights && bestMatch(preflights, (candidate) => preflightFit(request, hop, candidate, readHeaders));
      if (preflight) {
        stopWaitingPreflight(key, preflight);
        attach(request, hop, preflight);
      } else waitForPreflight(key, request, hop);
    },
    preflightStarted(preflight) {
      const key = matchKey(preflight.url, preflight.requestMethod);
      const requests = waitingRequests.get(key);
      const request = requests && bestMatch(requests, (candidate) => preflightFit(candidate, currentHop(candidate), preflight, readHeaders));
      if (request) {
        stopWaitingRequest(key, request);
        attach(request, currentHop(request), preflight);
      } else waitForRequest(key, preflight);
    },
    stopWaitingForPreflight(request, hop) {
      if (hop.waitingAs === undefined) return;
      removeFrom(waitingRequests, hop.waitingAs, request);
      hop.waitingAs = undefined;
    },
    unclaimed() {
      return preflightsByAge.size + droppedPreflights;
    },
  };
}

/** The hop of the request that waits as `key`: the current one, so the search starts from the last (a redirect chain can be long). */
function waitingHop(request: OpenRequest, key: string): OpenHop | undefined {
  for (let index = request.hops.length - 1; index >= 0; index--) {
    const hop = request.hops[index] as OpenHop;
    if (hop.waitingAs === key) return hop;
  }
  return undefined;
}

function matchKey(url: string, method: string): string {
  return `${method}\u0000${url}`;
}
