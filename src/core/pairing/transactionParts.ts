import type { IpAddressSpace } from '../cors/localNetworkAccess.ts';
import type { Verdict } from '../cors/verdict.ts';
import type { OpenPreflight, OpenRequest } from './openRequests.ts';
import type { Capture, CapturedHop, CapturedPreflight, Transaction } from './transaction.ts';
import type { RequestEvidence } from './wireEvidence.ts';

/** The judged request as views and exports take it: what was captured of it, as described, and its verdict. */
export function transactionOf(open: OpenRequest, capture: Capture, evidence: RequestEvidence, verdict: Verdict): Transaction {
  return {
    id: open.id,
    request: capture.request,
    evidence,
    context: open.context,
    resourceType: open.resourceType,
    startTime: open.startTime,
    endTime: open.endTime,
    state: !open.ended ? 'in-flight' : open.error ? 'failed' : 'completed',
    error: open.error || undefined,
    sendingVisible: open.sendingVisible ? true : undefined,
    hops: capture.hops,
    preflightsRecorded: capture.preflightsRecorded,
    verdict,
  };
}

/**
 * The hops of a request as captured, made once: the engine judges them and
 * the transaction keeps them. `serverSpace` gives the address space of a
 * server seen answering before, for a hop whose own answer does not say.
 */
export function capturedHops(open: OpenRequest, serverSpace: (url: string) => IpAddressSpace | undefined): CapturedHop[] {
  const last = open.hops.length - 1;
  return open.hops.map((hop, index) => {
    const space = hop.response?.addressSpace ?? hop.preflight?.response?.addressSpace ?? serverSpace(hop.url);
    // Every field from the start, in one order: see openRequests.ts.
    return {
      url: hop.url,
      method: hop.method,
      startTime: hop.startTime,
      sentHeaders: hop.sentHeaders || undefined,
      sentTime: hop.sentHeaders ? (hop.sentTime ?? hop.startTime) : undefined,
      sent: hop.sentHeaders !== undefined || hop.response !== undefined ? true : open.sendingVisible ? false : undefined,
      response: hop.response,
      responseTime: hop.response ? (hop.responseTime ?? hop.startTime) : undefined,
      redirectTo: hop.redirectTo || undefined,
      networkError: index === last && open.error ? open.error : undefined,
      addressSpace: space || undefined,
      preflight: hop.preflight ? capturedPreflight(hop.preflight) : undefined,
    };
  });
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
