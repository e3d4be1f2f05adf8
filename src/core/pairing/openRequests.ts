import type { HeaderList } from '../fetch/headers.ts';
import type { ObservedResponse } from '../cors/verdict.ts';
import type { DescribedRequest } from './describeRequest.ts';
import { readPreflightHeaders } from './preflightRequestHeaders.ts';
import type { RequestContext, RequestStarted } from './requestEvent.ts';

// These records are built and changed on every event a capture holds. Each
// has every field from the start, in one order (openHop, openRequest,
// openPreflight): a field added later gives the record another hidden class
// for each combination of fields, and the code reading records of many
// classes is slower (pairing a 100 MB HAR took a quarter longer).

/** One URL of a request being paired: the first, then one per redirect. */
export interface OpenHop {
  url: string;
  method: string;
  startTime: number;
  sentHeaders: HeaderList | undefined;
  sentTime: number | undefined;
  response: ObservedResponse | undefined;
  responseTime: number | undefined;
  redirectTo: string | undefined;
  preflight: OpenPreflight | undefined;
  /** The preflight's result went into the cache model for good (once the hop went out). */
  preflightStored: boolean;
  /** The matcher's key while the hop waits for its preflight (preflightMatcher.ts). */
  waitingAs: string | undefined;
}

export function openHop(url: string, method: string, startTime: number): OpenHop {
  return {
    url,
    method,
    startTime,
    sentHeaders: undefined,
    sentTime: undefined,
    response: undefined,
    responseTime: undefined,
    redirectTo: undefined,
    preflight: undefined,
    preflightStored: false,
    waitingAs: undefined,
  };
}

/** An actual request, from its start until it is judged. */
export interface OpenRequest {
  kind: 'actual';
  /** Arrival order of its start: transactions come out in this order. */
  seq: number;
  id: string;
  method: string;
  pageHeaders: HeaderList | undefined;
  initiatorOrigin: string | undefined;
  pageOrigin: string | undefined;
  resourceType: string | undefined;
  context: RequestContext | undefined;
  sendingVisible: boolean;
  startTime: number;
  hops: OpenHop[];
  endTime: number | undefined;
  error: string | undefined;
  ended: boolean;
  /** Ended, but judged only once its preflight has ended too (they may end in the same millisecond). */
  waitingForPreflight: boolean;
  /** describeRequest's answer, kept until the request learns something new. */
  described: DescribedRequest | null | undefined;
}

export function openRequest(started: RequestStarted, seq: number): OpenRequest {
  return {
    kind: 'actual',
    seq,
    id: started.id,
    method: started.method,
    pageHeaders: started.headers,
    initiatorOrigin: started.initiatorOrigin || undefined,
    pageOrigin: started.pageOrigin || undefined,
    resourceType: started.resourceType || undefined,
    context: started.context,
    sendingVisible: started.sendingVisible !== false,
    startTime: started.time,
    hops: [],
    endTime: undefined,
    error: undefined,
    ended: false,
    waitingForPreflight: false,
    described: undefined,
  };
}

/** A preflight, from its start; `owner` once a request claimed it. */
export interface OpenPreflight {
  kind: 'preflight';
  id: string;
  url: string;
  startTime: number;
  requestHeaders: HeaderList;
  requestMethod: string;
  /** Its Origin and Access-Control-Request-Headers ('' when absent), read once: the matcher compares them with every candidate request. */
  origin: string | null;
  announcedHeaders: string;
  /** Whether it went out with the HTTP cache bypassed (preflightBypassesCache), read with the rest. */
  bypassesCache: boolean;
  context: RequestContext | undefined;
  preflightFor: string | undefined;
  response: ObservedResponse | undefined;
  responseTime: number | undefined;
  endTime: number | undefined;
  error: string | undefined;
  owner: OpenRequest | undefined;
}

/** The preflight an OPTIONS request is, when its headers name a method; null for any other OPTIONS request. */
export function openPreflight(started: RequestStarted, requestHeaders: HeaderList): OpenPreflight | null {
  const read = readPreflightHeaders(requestHeaders);
  if (read.requestMethod === null) return null;
  return {
    kind: 'preflight',
    id: started.id,
    url: started.url,
    startTime: started.time,
    requestHeaders,
    requestMethod: read.requestMethod,
    origin: read.origin,
    announcedHeaders: read.announcedHeaders,
    bypassesCache: read.bypassesCache,
    context: started.context,
    preflightFor: started.preflightFor || undefined,
    response: undefined,
    responseTime: undefined,
    endTime: undefined,
    error: undefined,
    owner: undefined,
  };
}

/** An OPTIONS request whose headers have not arrived yet (webRequest's onBeforeRequest). */
export interface UndecidedRequest {
  kind: 'undecided';
  started: RequestStarted;
  seq: number;
}
