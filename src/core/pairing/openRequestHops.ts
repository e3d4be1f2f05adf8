import type { OpenHop, OpenPreflight, OpenRequest } from './openRequests.ts';

export function currentHop(request: OpenRequest): OpenHop {
  return request.hops[request.hops.length - 1] as OpenHop;
}

export function firstPreflight(request: OpenRequest): OpenPreflight | undefined {
  return request.hops.find((hop) => hop.preflight)?.preflight;
}

/** A preflight neither answered nor ended: its outcome may still change the verdict. */
export function hasOpenPreflight(request: OpenRequest): boolean {
  return request.hops.some((hop) => hop.preflight !== undefined && hop.preflight.response === undefined && hop.preflight.endTime === undefined);
}
