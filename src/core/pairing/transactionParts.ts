import type { IpAddressSpace } from '../cors/localNetworkAccess.ts';
import type { Mutable } from '../mutable.ts';
import type { ObservedHop, ObservedPreflight } from '../cors/verdict.ts';
import type { OpenHop, OpenPreflight, OpenRequest } from './openRequests.ts';
import type { CapturedHop, CapturedPreflight } from './transaction.ts';

/** What the engine judges: each hop as observed, its preflight, and whether it went out. */
export function observedHops(open: OpenRequest, serverSpace: (url: string) => IpAddressSpace | undefined): ObservedHop[] {
  const last = open.hops.length - 1;
  return open.hops.map((hop, index) => {
    const space = hop.response?.addressSpace ?? hop.preflight?.response?.addressSpace ?? serverSpace(hop.url);
    const observed: Mutable<ObservedHop> = { url: hop.url, startTime: hop.startTime };
    if (hop.sentHeaders !== undefined || hop.response !== undefined) observed.sent = true;
    else if (open.sendingVisible) observed.sent = false;
    if (space) observed.addressSpace = space;
    if (hop.preflight) observed.preflight = observedPreflight(hop.preflight);
    if (hop.response) observed.response = hop.response;
    if (index === last && open.error) observed.networkError = open.error;
    return observed;
  });
}

function observedPreflight(preflight: OpenPreflight): ObservedPreflight {
  const observed: Mutable<ObservedPreflight> = { requestHeaders: preflight.requestHeaders, startTime: preflight.startTime };
  if (preflight.response) observed.response = preflight.response;
  if (preflight.responseTime !== undefined) observed.responseTime = preflight.responseTime;
  if (preflight.error) observed.networkError = preflight.error;
  return observed;
}

/** What a Transaction keeps of a hop: plain data, for views and exports. */
export function capturedHop(hop: OpenHop): CapturedHop {
  const captured: Mutable<CapturedHop> = { url: hop.url, method: hop.method, startTime: hop.startTime };
  if (hop.sentHeaders) {
    captured.sentHeaders = hop.sentHeaders;
    captured.sentTime = hop.sentTime ?? hop.startTime;
  }
  if (hop.response) {
    captured.response = hop.response;
    captured.responseTime = hop.responseTime ?? hop.startTime;
  }
  if (hop.redirectTo) captured.redirectTo = hop.redirectTo;
  if (hop.preflight) captured.preflight = capturedPreflight(hop.preflight);
  return captured;
}

function capturedPreflight(preflight: OpenPreflight): CapturedPreflight {
  const captured: Mutable<CapturedPreflight> = { id: preflight.id, url: preflight.url, startTime: preflight.startTime, requestHeaders: preflight.requestHeaders };
  if (preflight.endTime !== undefined) captured.endTime = preflight.endTime;
  if (preflight.response) captured.response = preflight.response;
  if (preflight.responseTime !== undefined) captured.responseTime = preflight.responseTime;
  if (preflight.error) captured.error = preflight.error;
  return captured;
}
