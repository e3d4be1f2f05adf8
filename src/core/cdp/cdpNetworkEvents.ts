import { headerListFromObject, type HeaderList } from '../fetch/headers.ts';
import { serializeOrigin } from '../fetch/origin.ts';
import type { IpAddressSpace } from '../cors/localNetworkAccess.ts';
import type { RequestEvent, SecurityContextSeen } from '../pairing/requestEvent.ts';

// The few fields of the DevTools protocol's Network events the engine reads
// (devtools-protocol, domains/Network.pdl).
type CdpHeaders = Readonly<Record<string, string>>;

interface CdpResponse {
  readonly url: string;
  readonly status: number;
  readonly statusText?: string;
  readonly headers: CdpHeaders;
}

export interface CdpNetworkEventParams {
  readonly requestId: string;
  readonly timestamp?: number;
  readonly wallTime?: number;
  readonly documentURL?: string;
  readonly type?: string;
  readonly request?: { readonly url: string; readonly method: string; readonly headers: CdpHeaders };
  readonly initiator?: { readonly type: string; readonly requestId?: string; readonly url?: string };
  readonly redirectResponse?: CdpResponse;
  readonly response?: CdpResponse;
  readonly headers?: CdpHeaders;
  readonly statusCode?: number;
  readonly errorText?: string;
  readonly blockedReason?: string;
  readonly clientSecurityState?: {
    readonly initiatorIsSecureContext: boolean;
    readonly initiatorIPAddressSpace: string;
    readonly localNetworkAccessRequestPolicy?: string;
    readonly privateNetworkRequestPolicy?: string;
  };
  readonly resourceIPAddressSpace?: string;
  readonly corsErrorStatus?: { readonly corsError: string; readonly failedParameter: string };
}

const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);
/** How many ended request ids to remember (late duplicates arrive within milliseconds). */
const ENDED_MEMORY = 1000;

// Every field from the start, cleared by undefined rather than deleted: a
// deleted property turns the object into a dictionary, slower to read.
interface RequestState {
  offset: number;
  documentOrigin: string | undefined;
  securityState: NonNullable<CdpNetworkEventParams['clientSecurityState']> | undefined;
  started: boolean;
  responded: boolean;
  /** Events that arrived before the request itself (a preflight's ExtraInfo often does). */
  early: RequestEvent[];
  /** A 3xx head from responseReceivedExtraInfo, until we know whether it was followed. */
  redirectHead: { status: number; headers: HeaderList; addressSpace?: IpAddressSpace } | undefined;
}

const ADDRESS_SPACES: Readonly<Record<string, IpAddressSpace>> = { Loopback: 'loopback', Local: 'local', Private: 'local', Public: 'public' };

function addressSpace(cdp: string | undefined): { addressSpace?: IpAddressSpace } {
  const space = cdp ? ADDRESS_SPACES[cdp] : undefined;
  return space ? { addressSpace: space } : {};
}

// Once both the document's origin and its security state are known, say so once.
function securityContext(state: RequestState, time: number): SecurityContextSeen | undefined {
  const security = state.securityState;
  if (!security || !state.documentOrigin) return undefined;
  state.securityState = undefined;
  const policy = security.localNetworkAccessRequestPolicy ?? security.privateNetworkRequestPolicy;
  return {
    type: 'security-context',
    time,
    initiatorOrigin: state.documentOrigin,
    isSecureContext: security.initiatorIsSecureContext,
    addressSpace: ADDRESS_SPACES[security.initiatorIPAddressSpace] ?? 'unknown',
    ...(policy ? { policy } : {}),
  };
}

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
      found = { offset: lastOffset, documentOrigin: undefined, securityState: undefined, started: false, responded: false, early: [], redirectHead: undefined };
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
        const time = timeOf(params, current);
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
            location: params.request.url,
            ...(current.redirectHead?.addressSpace ? { addressSpace: current.redirectHead.addressSpace } : {}),
          });
          current.redirectHead = undefined;
          current.responded = false;
          break;
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
          url: params.request.url,
          method: params.request.method,
          headers: headerListFromObject(params.request.headers),
          ...(initiatorOrigin && initiatorOrigin !== 'null' ? { initiatorOrigin } : {}),
          ...(params.type ? { resourceType: params.type.toLowerCase() } : {}),
          ...(params.initiator?.type === 'preflight' && params.initiator.requestId ? { preflightFor: params.initiator.requestId } : {}),
        });
        for (const early of current.early.splice(0)) events.push({ ...early, time: Math.max(early.time, time) });
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
