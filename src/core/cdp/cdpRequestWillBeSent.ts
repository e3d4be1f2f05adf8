import { headerListFromObject } from '../fetch/headers.ts';
import { serializeOrigin } from '../fetch/origin.ts';
import type { RequestEvent } from '../pairing/requestEvent.ts';
import type { CdpNetworkEventParams } from './cdpNetworkParams.ts';
import { securityContext, type RequestState } from './cdpRequestState.ts';

/**
 * The events of a Network.requestWillBeSent, added to `events`: the
 * request's start (after its document's security context, and followed by
 * the events that arrived before it), or, for a request already started,
 * the redirect to its next hop.
 */
export function requestWillBeSent(
  events: RequestEvent[],
  id: string,
  time: number,
  params: CdpNetworkEventParams,
  request: NonNullable<CdpNetworkEventParams['request']>,
  current: RequestState,
): void {
  // A second requestWillBeSent for a request is the next hop of a
  // redirect. It lacks redirectResponse when the renderer refused to
  // follow (a same-origin-mode request sent elsewhere): the 3xx head
  // then comes only from responseReceivedExtraInfo.
  if (current.started) {
    const head = params.redirectResponse;
    events.push({
      type: 'redirect',
      id,
      time,
      status: head?.status ?? current.redirectHead?.status ?? 0,
      ...(head?.statusText ? { statusText: head.statusText } : {}),
      headers: current.redirectHead?.headers ?? headerListFromObject(head?.headers),
      location: request.url,
      ...(current.redirectHead?.addressSpace ? { addressSpace: current.redirectHead.addressSpace } : {}),
    });
    current.redirectHead = undefined;
    current.responded = false;
    return;
  }
  current.started = true;
  const initiatorOrigin = params.documentURL ? serializeOrigin(params.documentURL) : undefined;
  if (initiatorOrigin && initiatorOrigin !== 'null') current.documentOrigin = initiatorOrigin;
  const context = securityContext(current, time);
  if (context) events.push(context);
  events.push({
    type: 'started',
    id,
    time,
    url: request.url,
    method: request.method,
    headers: headerListFromObject(request.headers),
    ...(initiatorOrigin && initiatorOrigin !== 'null' ? { initiatorOrigin } : {}),
    ...(params.type ? { resourceType: params.type.toLowerCase() } : {}),
    ...(params.initiator?.type === 'preflight' && params.initiator.requestId ? { preflightFor: params.initiator.requestId } : {}),
  });
  for (const early of current.early.splice(0)) events.push({ ...early, time: Math.max(early.time, time) });
}
