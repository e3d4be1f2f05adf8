import type { HeaderList } from '../fetch/headers.ts';
import type { IpAddressSpace } from '../cors/localNetworkAccess.ts';

/**
 * Where a request came from, when the source knows (webRequest does; HAR
 * and CDP captures of one page do not need it). Preflights pair only with
 * requests from the same tab and frame.
 */
export interface RequestContext {
  readonly tabId?: number;
  readonly frameId?: number;
}

/**
 * The engine's own stream of request events: what HAR files, CDP captures and
 * the extension's webRequest listeners are all turned into before pairing.
 * Times are epoch milliseconds. A request keeps its `id` across redirects;
 * a preflight is a request of its own, recognised by its method and its
 * Access-Control-Request-Method header, never by an id relation.
 *
 * WARNING: the service worker persists these shapes; add fields, never
 * rename them.
 */
export type RequestEvent = SecurityContextSeen | RequestStarted | RequestSent | ResponseReceived | RedirectReceived | RequestCompleted | RequestFailed;

/**
 * What the browser knows of a document or worker (CDP clientSecurityState):
 * its address space and whether it is a secure context. It applies to every
 * request from that origin, including those blocked before they went out.
 */
export interface SecurityContextSeen {
  readonly type: 'security-context';
  readonly time: number;
  readonly initiatorOrigin: string;
  readonly isSecureContext: boolean;
  readonly addressSpace: IpAddressSpace;
  readonly policy?: string;
}

export interface RequestStarted {
  readonly type: 'started';
  readonly id: string;
  readonly time: number;
  readonly url: string;
  readonly method: string;
  /** The headers as the page set them, when the source has them at this point. */
  readonly headers?: HeaderList;
  /** The serialized origin of the document or worker that made the request. */
  readonly initiatorOrigin?: string;
  /**
   * The origin of the page the capture was taken from (a HAR's page), when
   * the source does not know the initiator: a last resort, weaker than any
   * header (an iframe or worker may be of another origin).
   */
  readonly pageOrigin?: string;
  /** The source's resource type: fetch, xhr, font, document, preflight, ... */
  readonly resourceType?: string;
  readonly context?: RequestContext;
  /** The request a preflight was sent for, when the source says (CDP's preflight initiator): it decides the pairing. */
  readonly preflightFor?: string;
  /**
   * False when the source cannot show whether the request went out: a HAR
   * entry with only provisional headers looks the same whether the browser
   * never sent it or sent it and blocked the response.
   */
  readonly sendingVisible?: boolean;
}

/** The request went out on the wire with these headers (what the network stack added included). */
export interface RequestSent {
  readonly type: 'sent';
  readonly id: string;
  readonly time: number;
  readonly headers: HeaderList;
}

/** The final response's head arrived (even one the browser then blocked). */
export interface ResponseReceived {
  readonly type: 'response';
  readonly id: string;
  readonly time: number;
  readonly status: number;
  readonly statusText?: string;
  readonly headers: HeaderList;
  /** The address space of the server that answered, when the source knows it. */
  readonly addressSpace?: IpAddressSpace;
}

/** The response was a redirect the browser followed: the request goes on to `location` under the same id. */
export interface RedirectReceived {
  readonly type: 'redirect';
  readonly id: string;
  readonly time: number;
  readonly status: number;
  readonly statusText?: string;
  readonly headers: HeaderList;
  readonly location: string;
  readonly addressSpace?: IpAddressSpace;
}

export interface RequestCompleted {
  readonly type: 'completed';
  readonly id: string;
  readonly time: number;
}

/** The request ended in an error: `net::ERR_FAILED` for every CORS block, other codes for network failures. */
export interface RequestFailed {
  readonly type: 'failed';
  readonly id: string;
  readonly time: number;
  readonly error: string;
}
