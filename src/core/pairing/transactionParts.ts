import type { IpAddressSpace } from '../cors/localNetworkAccess.ts';
import type { ObservedHop, ObservedPreflight } from '../cors/verdict.ts';
import type { OpenHop, OpenPreflight, OpenRequest } from './openRequests.ts';
import type { CapturedHop, CapturedPreflight } from './transaction.ts';

/** What the engine judges: each hop as observed, its preflight, and whether it went out. */
export function observedHops(open: OpenRequest, serverSpace: (url: string) => IpAddressSpace | undefined): ObservedHop[] {
  const last = open.hops.length - 1;
  return open.hops.map((hop, index) => {
    const space = hop.response?.addressSpace ?? hop.preflight?.response?.addressSpace ?? serverSpace(hop.url);
    return {
      url: hop.url,
      startTime: hop.startTime,
      ...sentness(open, hop),
      ...(space ? { addressSpace: space } : {}),
      ...(hop.preflight ? { preflight: observedPreflight(hop.preflight) } : {}),
      ...(hop.response ? { response: hop.response } : {}),
      ...(index === last && open.error ? { networkError: open.error } : {}),
    };
  });
}

function sentness(open: OpenRequest, hop: OpenHop): { sent?: boolean } {
  if (hop.sentHeaders !== undefined || hop.response !== undefined) return { sent: true };
  return open.sendingVisible ? { sent: false } : {};
}

function observedPreflight(preflight: OpenPreflight): ObservedPreflight {
  return {
    requestHeaders: preflight.requestHeaders,
    startTime: preflight.startTime,
    ...(preflight.response ? { response: preflight.response } : {}),
    ...(preflight.responseTime !== undefined ? { responseTime: preflight.responseTime } : {}),
    ...(preflight.error ? { networkError: preflight.error } : {}),
  };
}

/** What a Transaction keeps of a hop: plain data, for views and exports. */
export function capturedHop(hop: OpenHop): CapturedHop {
  const preflight: CapturedPreflight | undefined = hop.preflight && {
    id: hop.preflight.id,
    url: hop.preflight.url,
    startTime: hop.preflight.startTime,
    requestHeaders: hop.preflight.requestHeaders,
    ...(hop.preflight.endTime !== undefined ? { endTime: hop.preflight.endTime } : {}),
    ...(hop.preflight.response ? { response: hop.preflight.response } : {}),
    ...(hop.preflight.responseTime !== undefined ? { responseTime: hop.preflight.responseTime } : {}),
    ...(hop.preflight.error ? { error: hop.preflight.error } : {}),
  };
  return {
    url: hop.url,
    method: hop.method,
    startTime: hop.startTime,
    ...(hop.sentHeaders ? { sentHeaders: hop.sentHeaders, sentTime: hop.sentTime ?? hop.startTime } : {}),
    ...(hop.response ? { response: hop.response, responseTime: hop.responseTime ?? hop.startTime } : {}),
    ...(hop.redirectTo ? { redirectTo: hop.redirectTo } : {}),
    ...(preflight ? { preflight } : {}),
  };
}
