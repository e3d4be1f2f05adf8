import type { CorsRequest } from '../cors/corsRequest.ts';
import type { IpAddressSpace } from '../cors/localNetworkAccess.ts';
import type { ObservedHop, ObservedPreflight, Verdict } from '../cors/verdict.ts';
import type { OpenHop, OpenPreflight, OpenRequest } from './openRequests.ts';
import type { CapturedHop, CapturedPreflight, Transaction } from './transaction.ts';
import type { RequestEvidence } from './wireEvidence.ts';

/** What the engine judges: each hop as observed, its preflight, and whether it went out. */
export function observedHops(open: OpenRequest, serverSpace: (url: string) => IpAddressSpace | undefined): ObservedHop[] {
  const last = open.hops.length - 1;
  return open.hops.map((hop, index) => {
    const space = hop.response?.addressSpace ?? hop.preflight?.response?.addressSpace ?? serverSpace(hop.url);
    return {
      url: hop.url,
      startTime: hop.startTime,
      preflight: hop.preflight ? observedPreflight(hop.preflight) : undefined,
      response: hop.response,
      responseTime: hop.response ? hop.responseTime : undefined,
      networkError: index === last && open.error ? open.error : undefined,
      sent: hop.sentHeaders !== undefined || hop.response !== undefined ? true : open.sendingVisible ? false : undefined,
      addressSpace: space || undefined,
    };
  });
}

function observedPreflight(preflight: OpenPreflight): ObservedPreflight {
  return {
    requestHeaders: preflight.requestHeaders,
    response: preflight.response,
    networkError: preflight.error || undefined,
    startTime: preflight.startTime,
    responseTime: preflight.responseTime,
  };
}

/** The judged request as views and exports take it: what was captured of it, as described, and its verdict. */
export function transactionOf(
  open: OpenRequest,
  described: { readonly request: CorsRequest; readonly evidence: RequestEvidence },
  verdict: Verdict,
): Transaction {
  return {
    id: open.id,
    request: described.request,
    evidence: described.evidence,
    context: open.context,
    resourceType: open.resourceType,
    startTime: open.startTime,
    endTime: open.endTime,
    state: !open.ended ? 'in-flight' : open.error ? 'failed' : 'completed',
    error: open.error || undefined,
    sendingVisible: open.sendingVisible ? true : undefined,
    hops: open.hops.map(capturedHop),
    verdict,
  };
}

/** What a Transaction keeps of a hop: plain data, for views and exports. */
export function capturedHop(hop: OpenHop): CapturedHop {
  return {
    url: hop.url,
    method: hop.method,
    startTime: hop.startTime,
    sentHeaders: hop.sentHeaders || undefined,
    sentTime: hop.sentHeaders ? (hop.sentTime ?? hop.startTime) : undefined,
    response: hop.response,
    responseTime: hop.response ? (hop.responseTime ?? hop.startTime) : undefined,
    redirectTo: hop.redirectTo || undefined,
    preflight: hop.preflight ? capturedPreflight(hop.preflight) : undefined,
  };
}

function capturedPreflight(preflight: OpenPreflight): CapturedPreflight {
  return {
    id: preflight.id,
    url: preflight.url,
    startTime: preflight.startTime,
    endTime: preflight.endTime,
    requestHeaders: preflight.requestHeaders,
    response: preflight.response,
    responseTime: preflight.responseTime,
    error: preflight.error || undefined,
  };
}
