import type { IpAddressSpace } from '../cors/localNetworkAccess.ts';

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

/** CDP's IPAddressSpace values as the engine names them. */
export const ADDRESS_SPACES: Readonly<Record<string, IpAddressSpace>> = { Loopback: 'loopback', Local: 'local', Private: 'local', Public: 'public' };

/** A resource's address space as an event's optional field: absent when CDP gave none the engine knows. */
export function addressSpace(cdp: string | undefined): { addressSpace?: IpAddressSpace } {
  const space = cdp ? ADDRESS_SPACES[cdp] : undefined;
  return space ? { addressSpace: space } : {};
}
