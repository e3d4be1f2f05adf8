import { headerListFromObject } from '../fetch/headers.ts';
import type { RequestEvent } from '../pairing/requestEvent.ts';
import { addressSpace, type CdpNetworkEventParams } from './cdpNetworkParams.ts';
import { newRequestState, securityContext, type RequestState } from './cdpRequestState.ts';
import { requestWillBeSent } from './cdpRequestWillBeSent.ts';

const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);
/** How many ended request ids to remember (late duplicates arrive within milliseconds). */
const ENDED_MEMORY = 1000;

/**
 * Turns the DevTools protocol's Network domain events into the engine's
 * RequestEvents. Stateful: feed every event of one target, in arrival order.
 * Raw wire headers (the ExtraInfo events) are preferred, since a blocked
 * response is only visible there. CDP times are monotonic seconds; each
 * request's wallTime anchors them to epoch milliseconds.
 */
export function createCdpEventConverter(): (method: string, params: CdpNetworkEventParams) => RequestEvent[] {
  const states = new Map<string, RequestState>();
  // Chromium may report a request's end twice (a blockedReason, then
  // ERR_ABORTED): events for a request that already ended are dropped.
  const ended = new Set<string>();
  let lastOffset = 0;
  let clock = 0;

  const state = (id: string): RequestState => {
    let found = states.get(id);
    if (!found) {
      found = newRequestState(lastOffset);
      states.set(id, found);
    }
    return found;
  };
  const timeOf = (params: CdpNetworkEventParams, requestState: RequestState): number => {
    if (params.timestamp !== undefined) clock = Math.max(clock, params.timestamp * 1000 + requestState.offset);
    return clock;
  };

  return (method, params) => {
    const id = params.requestId;
    if (ended.has(id)) return [];
    const current = state(id);
    const events: RequestEvent[] = [];
    const flushRedirectHead = (time: number): void => {
      if (current.redirectHead && !current.responded) {
        events.push({ type: 'response', id, time, ...current.redirectHead });
        current.responded = true;
      }
      current.redirectHead = undefined;
    };
    switch (method) {
      case 'Network.requestWillBeSent': {
        if (!params.request) break;
        if (params.wallTime !== undefined && params.timestamp !== undefined) {
          current.offset = params.wallTime * 1000 - params.timestamp * 1000;
          lastOffset = current.offset;
        }
        requestWillBeSent(events, id, timeOf(params, current), params, params.request, current);
        break;
      }
      case 'Network.requestWillBeSentExtraInfo': {
        if (params.clientSecurityState) current.securityState = params.clientSecurityState;
        const context = current.started ? securityContext(current, clock) : undefined;
        if (context) events.push(context);
        events.push({ type: 'sent', id, time: clock, headers: headerListFromObject(params.headers) });
        break;
      }
      case 'Network.responseReceivedExtraInfo': {
        if (params.statusCode === undefined) break;
        const headers = headerListFromObject(params.headers);
        if (REDIRECT_STATUSES.has(params.statusCode)) {
          current.redirectHead = { status: params.statusCode, headers, ...addressSpace(params.resourceIPAddressSpace) };
          break;
        }
        events.push({ type: 'response', id, time: clock, status: params.statusCode, headers, ...addressSpace(params.resourceIPAddressSpace) });
        current.responded = true;
        break;
      }
      case 'Network.responseReceived': {
        const time = timeOf(params, current);
        flushRedirectHead(time);
        if (!params.response || current.responded) break;
        events.push({
          type: 'response',
          id,
          time,
          status: params.response.status,
          ...(params.response.statusText ? { statusText: params.response.statusText } : {}),
          headers: headerListFromObject(params.response.headers),
        });
        current.responded = true;
        break;
      }
      case 'Network.loadingFinished': {
        const time = timeOf(params, current);
        flushRedirectHead(time);
        events.push({ type: 'completed', id, time });
        break;
      }
      case 'Network.loadingFailed': {
        const time = timeOf(params, current);
        flushRedirectHead(time);
        // Chromium leaves errorText empty when it names a blockedReason instead.
        const error = params.errorText || (params.blockedReason ? `blocked:${params.blockedReason}` : 'net::ERR_FAILED');
        events.push({ type: 'failed', id, time, error });
        break;
      }
    }
    if (!current.started) {
      current.early.push(...events);
      return [];
    }
    if (method === 'Network.loadingFinished' || method === 'Network.loadingFailed') {
      states.delete(id);
      ended.add(id);
      if (ended.size > ENDED_MEMORY) ended.delete(ended.values().next().value as string);
    }
    return events;
  };
}
