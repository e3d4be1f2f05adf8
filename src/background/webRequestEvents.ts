import type { Header } from '../core/fetch/headers.ts';
import { serializeOrigin } from '../core/fetch/origin.ts';
import type { RequestEvent } from '../core/pairing/requestEvent.ts';
import { isTabNavigation } from './captureFilter.ts';
import type { TabSessions } from '../core/session/tabSessions.ts';
import { chromiumEventOrder, type EventOrderAdapter } from './webRequestDialect.ts';

/** The fields of chrome.webRequest's event details this worker reads (structural, so tests need no browser). */
export interface WebRequestDetails {
  readonly requestId: string;
  readonly url: string;
  readonly method: string;
  readonly tabId: number;
  readonly frameId: number;
  readonly type: string;
  readonly timeStamp: number;
  /** Chromium: the origin that started the request. */
  readonly initiator?: string;
  /** Firefox (no `initiator`): the URL of the document or worker that started it, and of its document. */
  readonly originUrl?: string;
  readonly documentUrl?: string;
  readonly requestHeaders?: readonly WebRequestHeader[];
  readonly responseHeaders?: readonly WebRequestHeader[];
  readonly statusCode?: number;
  readonly statusLine?: string;
  readonly redirectUrl?: string;
  readonly error?: string;
}

export interface WebRequestHeader {
  readonly name: string;
  readonly value?: string;
  readonly binaryValue?: readonly number[];
}

/** The webRequest events the worker listens to, by the name of their `on…` event. */
export type WebRequestPhase = 'onBeforeRequest' | 'onSendHeaders' | 'onHeadersReceived' | 'onBeforeRedirect' | 'onCompleted' | 'onErrorOccurred';

/**
 * One webRequest event as the engine's RequestEvents. With 'extraHeaders',
 * Chromium reports a preflight as a request of its own (onBeforeRequest
 * without headers, then onSendHeaders with Access-Control-Request-*), the
 * actual request's wire headers at onSendHeaders (never, when its preflight
 * failed), and a response it then blocks at onHeadersReceived before
 * onErrorOccurred. Chrome's webRequest documentation says what
 * 'extraHeaders' shows (https://developer.chrome.com/docs/extensions/reference/api/webRequest);
 * the order is that of Chromium's web_request_proxying_url_loader_factory.cc
 * (https://source.chromium.org/chromium/chromium/src/+/main:extensions/browser/api/web_request/web_request_proxying_url_loader_factory.cc),
 * re-checked in Chromium 156 by the e2e sweep (e2e/oracle.spec.ts).
 */
export function webRequestToEvents(phase: WebRequestPhase, details: WebRequestDetails): RequestEvent[] {
  const id = details.requestId;
  const time = details.timeStamp;
  switch (phase) {
    case 'onBeforeRequest':
      return [
        {
          type: 'started',
          id,
          time,
          url: details.url,
          method: details.method,
          ...initiatorOf(details),
          resourceType: details.type,
          context: { tabId: details.tabId, frameId: details.frameId },
        },
      ];
    case 'onSendHeaders':
      return [{ type: 'sent', id, time, headers: toHeaders(details.requestHeaders) }];
    case 'onHeadersReceived':
      return [{ type: 'response', id, time, status: details.statusCode ?? 0, ...statusText(details.statusLine), headers: toHeaders(details.responseHeaders) }];
    case 'onBeforeRedirect':
      return [
        {
          type: 'redirect',
          id,
          time,
          status: details.statusCode ?? 0,
          ...statusText(details.statusLine),
          headers: toHeaders(details.responseHeaders),
          location: details.redirectUrl ?? details.url,
        },
      ];
    case 'onCompleted':
      return [{ type: 'completed', id, time }];
    case 'onErrorOccurred':
      return [{ type: 'failed', id, time, error: details.error ?? 'net::ERR_FAILED' }];
  }
}

/** Chromium names the initiator's origin; Firefox the URL of what started the request (its origin is the same). */
function initiatorOf(details: WebRequestDetails): { initiatorOrigin?: string } {
  if (details.initiator) return { initiatorOrigin: details.initiator };
  const origin = details.originUrl ? serializeOrigin(details.originUrl) : 'null';
  // An opaque one (about:blank, data:) says nothing: the Origin header will.
  return origin === 'null' ? {} : { initiatorOrigin: origin };
}

function toHeaders(headers: readonly WebRequestHeader[] | undefined): Header[] {
  return (headers ?? []).map(({ name, value, binaryValue }) => ({ name, value: value ?? String.fromCharCode(...(binaryValue ?? [])) }));
}

// "HTTP/1.1 404 Not Found" -> "Not Found"
function statusText(statusLine: string | undefined): { statusText?: string } {
  const match = statusLine ? /^\S+\s+\d{3}\s+(.+)$/.exec(statusLine) : null;
  return match?.[1] ? { statusText: match[1] } : {};
}

/**
 * What the worker does with each webRequest event of a page's traffic: a
 * top-level navigation starts the tab's session again, and the event goes
 * to the tab's pairing, in the order pairing expects (`order`: see
 * webRequestDialect.ts). (The bench times exactly this.)
 */
export function recordWebRequest(tabs: TabSessions, phase: WebRequestPhase, details: WebRequestDetails, order: EventOrderAdapter = chromiumEventOrder): void {
  if (phase === 'onBeforeRequest' && isTabNavigation(details)) tabs.navigated(details.tabId, details.url);
  for (const event of order(webRequestToEvents(phase, details))) tabs.push(details.tabId, event);
}
