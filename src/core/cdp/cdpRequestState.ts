import type { HeaderList } from '../fetch/headers.ts';
import type { IpAddressSpace } from '../cors/localNetworkAccess.ts';
import type { RequestEvent, SecurityContextSeen } from '../pairing/requestEvent.ts';
import { ADDRESS_SPACES, type CdpNetworkEventParams } from './cdpNetworkParams.ts';

// Every field from the start, cleared by undefined rather than deleted: a
// deleted property turns the object into a dictionary, slower to read.
export interface RequestState {
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

/** A request's state before any of its events: its times anchored by `offset` until its own wallTime says otherwise. */
export function newRequestState(offset: number): RequestState {
  return { offset, documentOrigin: undefined, securityState: undefined, started: false, responded: false, early: [], redirectHead: undefined };
}

// Once both the document's origin and its security state are known, say so once.
export function securityContext(state: RequestState, time: number): SecurityContextSeen | undefined {
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
