import type { RequestEvent } from '../core/pairing/requestEvent.ts';

/**
 * The webRequest option only Chromium has: without it Chromium hides
 * preflights, the Origin header and the headers of blocked responses from
 * extensions (Chrome 79+). Firefox shows all of them anyway, and throws
 * ("Invalid enumeration value") when a listener asks for it.
 */
export const EXTRA_HEADERS = 'extraHeaders';

/** The addListener of a webRequest event (structural, so tests need no browser). */
type AddListener<L> = (listener: L, filter: { urls: string[] }, extraInfoSpec?: string[]) => void;

/**
 * Adds a listener asking for `extraInfo` plus 'extraHeaders', or without it
 * where the browser refuses the option. Returns whether it was accepted.
 */
export function addListenerWithExtraHeaders<L>(addListener: AddListener<L>, listener: L, filter: { urls: string[] }, extraInfo: string[]): boolean {
  try {
    addListener(listener, filter, [...extraInfo, EXTRA_HEADERS]);
    return true;
  } catch {
    addListener(listener, filter, extraInfo);
    return false;
  }
}

/** Turns one webRequest event's RequestEvents into what pairing expects (in place for Chromium). */
export type EventOrderAdapter = (events: RequestEvent[]) => RequestEvent[];

/** Chromium's order is the one pairing was written for. */
export const chromiumEventOrder: EventOrderAdapter = (events) => events;

/** Requests whose `sent` event is held at once; past it the oldest is dropped (a request that never ends). */
const MAX_HELD = 10_000;

/**
 * Firefox's webRequest fires the actual request's onSendHeaders before its
 * preflight starts, even when the preflight then fails and the request is
 * never sent (the lab server sees only the OPTIONS): onSendHeaders there
 * says what would be sent, not that it went out. Pairing would take that
 * `sent` as the request leaving and let no preflight claim it. So a
 * request's `sent` is held until something proves it went out (its
 * response, a redirect, its completion) and then passed on just before that
 * proof, at the proof's time (Firefox shows no moment it left); it is
 * dropped when the request fails first. A preflight's own `sent` (it names
 * Access-Control-Request-Method) is passed on at once: its headers are what
 * pairing matches it by.
 */
export function createGeckoEventOrder(): EventOrderAdapter {
  const held = new Map<string, RequestEvent & { type: 'sent' }>();
  return (events) => {
    const out: RequestEvent[] = [];
    for (const event of events) {
      if (event.type === 'security-context') {
        out.push(event);
        continue;
      }
      const waiting = held.get(event.id);
      switch (event.type) {
        case 'sent':
          if (isPreflightSent(event)) out.push(event);
          else hold(held, event);
          continue;
        case 'response':
        case 'redirect':
        case 'completed':
          if (waiting) out.push({ ...waiting, time: event.time });
          break;
        case 'started':
          // A new hop after a redirect: its own headers come next.
          break;
        case 'failed':
          break;
      }
      if (event.type !== 'started') held.delete(event.id);
      out.push(event);
    }
    return out;
  };
}

function hold(held: Map<string, RequestEvent & { type: 'sent' }>, event: RequestEvent & { type: 'sent' }): void {
  held.delete(event.id);
  held.set(event.id, event);
  if (held.size > MAX_HELD) {
    const oldest = held.keys().next().value;
    if (oldest !== undefined) held.delete(oldest);
  }
}

function isPreflightSent(event: RequestEvent & { type: 'sent' }): boolean {
  return event.headers.some((header) => header.name.toLowerCase() === 'access-control-request-method');
}
