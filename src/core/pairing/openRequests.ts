import type { HeaderList } from '../fetch/headers.ts';
import type { IpAddressSpace } from '../cors/localNetworkAccess.ts';
import type { ObservedResponse } from '../cors/verdict.ts';
import type { DescribedRequest } from './describeRequest.ts';
import type { RequestContext, RequestStarted } from './requestEvent.ts';

/** One URL of a request being paired: the first, then one per redirect. */
export interface OpenHop {
  url: string;
  method: string;
  startTime: number;
  sentHeaders?: HeaderList;
  sentTime?: number;
  response?: ObservedResponse;
  responseTime?: number;
  redirectTo?: string;
  preflight?: OpenPreflight;
  /** The preflight's result went into the cache model (once the hop went out). */
  settled: boolean;
  /** The matcher's key while the hop waits for its preflight (preflightMatcher.ts). */
  waitingAs?: string;
}

/** An actual request, from its start until it is judged. */
export interface OpenRequest {
  kind: 'actual';
  /** Arrival order of its start: transactions come out in this order. */
  seq: number;
  id: string;
  method: string;
  pageHeaders?: HeaderList;
  initiatorOrigin?: string;
  pageOrigin?: string;
  resourceType?: string;
  context?: RequestContext;
  sendingVisible: boolean;
  startTime: number;
  hops: OpenHop[];
  endTime?: number;
  error?: string;
  ended: boolean;
  /** Ended, but judged only once its preflight has ended too (they may end in the same millisecond). */
  waitingForPreflight: boolean;
  /** describeRequest's answer, kept until the request learns something new. */
  described?: DescribedRequest | null;
}

/** A preflight, from its start; `owner` once a request claimed it. */
export interface OpenPreflight {
  kind: 'preflight';
  id: string;
  url: string;
  startTime: number;
  requestHeaders: HeaderList;
  requestMethod: string;
  context?: RequestContext;
  preflightFor?: string;
  response?: ObservedResponse;
  responseTime?: number;
  endTime?: number;
  error?: string;
  owner?: OpenRequest;
}

/** An OPTIONS request whose headers have not arrived yet (webRequest's onBeforeRequest). */
export interface UndecidedRequest {
  kind: 'undecided';
  started: RequestStarted;
  seq: number;
}

export function currentHop(request: OpenRequest): OpenHop {
  return request.hops[request.hops.length - 1] as OpenHop;
}

export function firstPreflight(request: OpenRequest): OpenPreflight | undefined {
  return request.hops.find((hop) => hop.preflight)?.preflight;
}

/** A preflight neither answered nor ended: its outcome may still change the verdict. */
export function hasOpenPreflight(request: OpenRequest): boolean {
  return request.hops.some((hop) => hop.preflight !== undefined && hop.preflight.response === undefined && hop.preflight.endTime === undefined);
}

export function responseOf(event: { status: number; statusText?: string; headers: HeaderList; addressSpace?: IpAddressSpace }): ObservedResponse {
  return {
    status: event.status,
    headers: event.headers,
    ...(event.statusText ? { statusText: event.statusText } : {}),
    ...(event.addressSpace ? { addressSpace: event.addressSpace } : {}),
  };
}
