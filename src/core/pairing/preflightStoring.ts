import type { PreflightCache } from '../cache/preflightCache.ts';
import type { HeaderReader } from '../fetch/corsUnsafeRequestHeaderNames.ts';
import type { PreflightChecks } from '../cors/preflightChecks.ts';
import type { DescribedRequest } from './describeRequest.ts';
import type { OpenHop, OpenRequest } from './openRequests.ts';

/**
 * When a preflight's result enters the cache model. Once a hop went out, its
 * preflight passed: the result is stored at the time the preflight answered,
 * for the credentials mode the request turned out to have.
 *
 * Chromium stores a passing preflight's result when the answer arrives, and
 * its request may then wait (six connections per host): a later request can
 * be served by that entry and end first. So before a request is judged, the
 * answered preflights of requests that have not gone out yet enter the
 * model, for the credentials mode they seem to have now; when their request
 * goes out, the entry is stored again (same time: it replaces) as it turned out.
 */
export interface PreflightStoring {
  /** The hop's preflight answered before the hop went out: held until it does, or until a request is judged. */
  answeredBeforeOut(request: OpenRequest, hop: OpenHop): void;
  /** The hop went out: its preflight's result, if answered, is stored (once). */
  wentOut(request: OpenRequest, hop: OpenHop): void;
  /** A request is about to be judged: the held results enter the model as their requests stand. */
  storeHeld(): void;
  /** The request was judged: nothing of it is held any more. */
  forget(request: OpenRequest): void;
}

export interface PreflightStoringOptions {
  readonly cache: PreflightCache;
  /** The pairing's checks, which the verdict asks again: each preflight is checked once. */
  readonly preflightChecks: PreflightChecks;
  readonly readHeaders: HeaderReader;
  /** The request as the pairing describes it now (its headers, origin, credentials). */
  readonly describe: (request: OpenRequest) => DescribedRequest | null;
}

export function createPreflightStoring({ cache, preflightChecks, readHeaders, describe }: PreflightStoringOptions): PreflightStoring {
  const answeredNotOut = new Map<OpenHop, OpenRequest>();

  const store = (request: OpenRequest, hop: OpenHop): void => {
    const preflight = hop.preflight;
    if (!preflight?.response) return;
    const described = describe(request)?.request;
    if (!described) return;
    const origin = request.hops[0] === hop ? described.initiatorOrigin : (preflight.origin ?? described.initiatorOrigin);
    const check = preflightChecks.check({
      url: hop.url,
      method: hop.method,
      headers: described.headers,
      credentials: described.credentials,
      origin,
      response: preflight.response,
      unsafeNames: readHeaders(described.headers).names,
    });
    if (check.passed) cache.store({ origin: described.initiatorOrigin, url: hop.url }, check.result, preflight.responseTime ?? preflight.startTime);
  };

  return {
    answeredBeforeOut(request, hop) {
      if (!hop.preflightStored) answeredNotOut.set(hop, request);
    },
    wentOut(request, hop) {
      if (hop.preflightStored || !hop.preflight?.response) return;
      hop.preflightStored = true;
      answeredNotOut.delete(hop);
      store(request, hop);
    },
    storeHeld() {
      for (const [hop, request] of answeredNotOut) store(request, hop);
      answeredNotOut.clear();
    },
    forget(request) {
      for (const hop of request.hops) answeredNotOut.delete(hop);
    },
  };
}
