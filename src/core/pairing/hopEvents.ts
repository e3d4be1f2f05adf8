import type { HeaderList } from '../fetch/headers.ts';
import { serializeOrigin } from '../fetch/origin.ts';
import type { IpAddressSpace } from '../cors/localNetworkAccess.ts';
import { methodAfterRedirect } from '../cors/redirect.ts';
import type { ObservedResponse } from '../cors/verdict.ts';
import { judge } from './judgeRequest.ts';
import { currentHop, hasOpenPreflight } from './openRequestHops.ts';
import { openHop, type OpenHop, type OpenPreflight, type OpenRequest } from './openRequests.ts';
import { setPreflightRequestHeaders } from './preflightRequestHeaders.ts';
import type { PairingState } from './pairingState.ts';
import type { RequestEvent, RequestStarted, SecurityContextSeen } from './requestEvent.ts';

/** An event of a request already started: what moves an open request or preflight along (each switch over one handles every kind). */
export type HopEvent = Exclude<RequestEvent, SecurityContextSeen | RequestStarted>;

/** Opens the request's next hop (its first, or a redirect's), which may claim a waiting preflight (preflightMatcher.ts). */
export function startHop(state: PairingState, request: OpenRequest, url: string, method: string, time: number): void {
  const hop = openHop(url, method, time);
  request.hops.push(hop);
  request.described = undefined;
  state.matcher.hopStarted(request, hop);
}

/** Moves a preflight along; the request it guards is judged once it ended and this was its last open preflight. */
export function onPreflightEvent(state: PairingState, preflight: OpenPreflight, event: HopEvent): void {
  switch (event.type) {
    case 'sent':
      setPreflightRequestHeaders(preflight, event.headers);
      break;
    case 'response':
    case 'redirect': {
      preflight.response = responseOf(event);
      preflight.responseTime = event.time;
      noteServerSpace(state, preflight.url, event.addressSpace);
      // A capture may show the request going out before its preflight's answer (HAR times on a loaded machine).
      const hop = preflight.owner?.hops.find((each) => each.preflight === preflight);
      if (preflight.owner && hop && (hop.sentHeaders || hop.response)) hopWentOut(state, preflight.owner, hop);
      else if (preflight.owner && hop) state.preflightStoring.answeredBeforeOut(preflight.owner, hop);
      break;
    }
    case 'completed':
    case 'failed':
      preflight.endTime = event.time;
      if (event.type === 'failed') preflight.error = event.error;
      break;
  }
  const owner = preflight.owner;
  if (owner?.waitingForPreflight && !hasOpenPreflight(owner)) {
    owner.waitingForPreflight = false;
    judge(state, owner);
  }
}

/** Moves a request's current hop along; an ended request is judged, or waits for its open preflights. */
export function onRequestEvent(state: PairingState, request: OpenRequest, event: HopEvent): void {
  if (request.ended) return;
  const hop = currentHop(request);
  switch (event.type) {
    case 'sent':
      hop.sentHeaders = event.headers;
      hop.sentTime = event.time;
      request.described = undefined;
      hopWentOut(state, request, hop);
      break;
    case 'response':
    case 'redirect':
      hop.response = responseOf(event);
      hop.responseTime = event.time;
      noteServerSpace(state, hop.url, event.addressSpace);
      hopWentOut(state, request, hop);
      if (event.type === 'redirect') {
        hop.redirectTo = event.location;
        startHop(state, request, event.location, methodAfterRedirect(event.status, hop.method), event.time);
      }
      break;
    case 'completed':
    case 'failed':
      if (event.type === 'failed') request.error = event.error;
      request.endTime = event.time;
      request.ended = true;
      for (let index = 0; index < request.hops.length; index++) state.matcher.stopWaitingForPreflight(request, request.hops[index] as OpenHop);
      if (hasOpenPreflight(request)) request.waitingForPreflight = true;
      else judge(state, request);
      break;
  }
}

function noteServerSpace(state: PairingState, url: string, space: IpAddressSpace | undefined): void {
  if (space && space !== 'unknown') state.serverSpaces.set(serializeOrigin(url, state.readUrl), space);
}

// Once a hop went out, no preflight can be its own any more, and its own passed (preflightStoring.ts).
function hopWentOut(state: PairingState, request: OpenRequest, hop: OpenHop): void {
  state.matcher.stopWaitingForPreflight(request, hop);
  state.preflightStoring.wentOut(request, hop);
}

function responseOf(event: { status: number; statusText?: string; headers: HeaderList; addressSpace?: IpAddressSpace }): ObservedResponse {
  return { status: event.status, statusText: event.statusText || undefined, headers: event.headers, addressSpace: event.addressSpace || undefined };
}
