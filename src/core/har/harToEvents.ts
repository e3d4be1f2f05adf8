import type { IpAddressSpace } from '../cors/localNetworkAccess.ts';
import { getHeader, hasHeader } from '../fetch/headers.ts';
import { resolveLocation, serializeOrigin } from '../fetch/origin.ts';
import { UNKNOWN_FAILURE } from '../cors/verdict.ts';
import type { PlannedEvents, RequestEvent } from '../pairing/requestEvent.ts';
import { pageHeadersFromWire } from '../pairing/wireEvidence.ts';
import type { Har, HarEntry } from './harSchema.ts';

/**
 * Turns a HAR log into the engine's RequestEvents, entry by entry. What HAR
 * exporters disagree on is settled here:
 *  - a redirect chain is several entries (3xx with redirectURL, then the next
 *    URL): they become one request with one id;
 *  - wire headers (Host, :authority) mean the request went out; otherwise
 *    they are the provisional headers the page set (Chrome keeps only those
 *    for a request that failed), and whether it went out is unknown;
 *  - the initiator's origin is what CORS Lens wrote, else the request's own
 *    Origin or Referer header, else its page's (when the page title is a
 *    URL): an iframe's or a worker's origin may differ from the page's;
 *  - dates may carry any offset, times may be -1, timings may be empty.
 */
/**
 * Whether the tool that wrote the file records preflights at all. Chrome
 * DevTools (and CORS Lens) does; Playwright's recordHar and the Firefox
 * exports seen never do. A file holding any preflight obviously does.
 */
export function harRecordsPreflights(har: Har): boolean {
  const creator = har.log.creator?.name ?? '';
  if (creator === 'WebInspector' || creator === 'CORS Lens') return true;
  return har.log.entries.some(isPreflightEntry);
}

/** The log's events in the order they are listed (a plan's events, each built). */
export function harToEvents(har: Har): RequestEvent[] {
  const plan = planHarEvents(har);
  const events: RequestEvent[] = [];
  for (let index = 0; index < plan.times.length; index++) events.push(plan.event(index));
  return events;
}

// What each listed event is; the entry it is built from is listed beside it.
const SECURITY_CONTEXT = 0;
const STARTED = 1;
const SENT = 2;
const REDIRECT = 3;
const RESPONSE = 4;
const FAILED = 5;
const COMPLETED = 6;
// At most per entry: a security context, a start, then a hop's sending, answer and end.
const MOST_EVENTS_PER_ENTRY = 5;

/**
 * Lists the log's events in one pass over the entries, reading only what
 * decides which events there are and when; event(index) reads the rest of
 * the entry when it builds the event.
 */
export function planHarEvents(har: Har): PlannedEvents {
  const entries = har.log.entries;
  const pageOrigins = new Map((har.log.pages ?? []).map((page) => [page.id, originOfTitle(page.title ?? undefined)]));
  const next = chainRedirects(entries);
  const claimed = new Set(next.values());
  const capacity = entries.length * MOST_EVENTS_PER_ENTRY;
  const times = new Float64Array(capacity);
  const kinds = new Uint8Array(capacity);
  // The entry an event is built from (a hop's own entry), and the request it belongs to (its first entry, which names it).
  const sources = new Int32Array(capacity);
  const requests = new Int32Array(capacity);
  // Per request entry: whether its headers are the wire's; the origin its security context is for.
  const wireRequests = new Uint8Array(entries.length);
  const contextOrigins = new Map<number, string>();
  let count = 0;
  const list = (kind: number, time: number, source: number, request: number): void => {
    kinds[count] = kind;
    times[count] = time;
    sources[count] = source;
    requests[count] = request;
    count++;
  };

  let lastStart = 0;
  for (let index = 0; index < entries.length; index++) {
    const entry = entries[index] as HarEntry;
    const start = timeOf(entry.startedDateTime, lastStart);
    lastStart = start;
    if (claimed.has(index)) continue;
    if (entry._corsLens?.initiatorSecurity) {
      const contextOrigin = initiatorOriginOf(entry) ?? (entry.pageref ? pageOrigins.get(entry.pageref) : undefined);
      if (contextOrigin) {
        contextOrigins.set(index, contextOrigin);
        list(SECURITY_CONTEXT, start, index, index);
      }
    }
    const wire = hasWireHeaders(entry);
    wireRequests[index] = wire ? 1 : 0;
    list(STARTED, start, index, index);
    // startedDateTime has millisecond precision, so a redirect's next entry
    // can seem to start before the previous one answered: each hop starts no
    // earlier than the previous one ended, which keeps a request's events in
    // causal order (a hop's events never go back in time).
    let hopIndex = index;
    let hopStart = start;
    let hopWire = wire;
    for (;;) {
      const hop = entries[hopIndex] as HarEntry;
      const following = next.get(hopIndex);
      const end = hopStart + Math.max(0, hop.time ?? 0);
      const answered = hopStart + Math.max(0, (hop.time ?? 0) - Math.max(0, hop.timings?.receive ?? 0));
      const sentFact = hop._corsLens?.sent;
      if ((hopWire && sentFact !== false) || sentFact === true) list(SENT, answered, hopIndex, index);
      if (following !== undefined) {
        list(REDIRECT, answered, hopIndex, index);
        const followingEntry = entries[following] as HarEntry;
        hopIndex = following;
        hopStart = Math.max(timeOf(followingEntry.startedDateTime, hopStart), answered);
        hopWire = hasWireHeaders(followingEntry);
        continue;
      }
      const answer = hasResponse(hop);
      if (answer) list(RESPONSE, answered, hopIndex, index);
      list(errorOf(hop, answer) === null ? COMPLETED : FAILED, end, hopIndex, index);
      break;
    }
  }

  // A request's id is written once, for whichever of its events is built first.
  const ids: string[] = [];
  const idOf = (request: number): string => (ids[request] ??= `har-${request}`);
  const event = (index: number): RequestEvent => {
    const entry = entries[sources[index] as number] as HarEntry;
    const request = requests[index] as number;
    const time = times[index] as number;
    switch (kinds[index]) {
      case SECURITY_CONTEXT: {
        const security = entry._corsLens?.initiatorSecurity;
        return {
          type: 'security-context',
          time,
          initiatorOrigin: contextOrigins.get(request) ?? '',
          isSecureContext: security?.isSecureContext ?? false,
          addressSpace: toAddressSpace(security?.addressSpace ?? ''),
          policy: security?.policy || undefined,
        };
      }
      case STARTED: {
        const facts = entry._corsLens;
        // A preflight's headers are all the browser's: no page headers to recover from them.
        const pageHeaders = wireRequests[request] === 1 && !isPreflightEntry(entry) ? pageHeadersFromWire(entry.request.headers) : entry.request.headers;
        // Every field, absent or not, in one order: see openRequests.ts.
        return {
          type: 'started',
          id: idOf(request),
          time,
          url: entry.request.url,
          method: entry.request.method,
          headers: facts?.headers === 'none' ? undefined : pageHeaders,
          initiatorOrigin: initiatorOriginOf(entry) || undefined,
          pageOrigin: (entry.pageref ? pageOrigins.get(entry.pageref) : undefined) || undefined,
          resourceType: entry._resourceType ? entry._resourceType.toLowerCase() : undefined,
          context: undefined,
          preflightFor: undefined,
          sendingVisible: typeof facts?.sent === 'boolean',
        };
      }
      case SENT:
        return { type: 'sent', id: idOf(request), time, headers: entry.request.headers };
      case REDIRECT: {
        const { response } = entry;
        const location = (entries[next.get(sources[index] as number) as number] as HarEntry).request.url;
        return { type: 'redirect', id: idOf(request), time, status: response.status, statusText: response.statusText || undefined, headers: response.headers, addressSpace: serverSpaceOf(entry), location };
      }
      case RESPONSE: {
        const { response } = entry;
        return { type: 'response', id: idOf(request), time, status: response.status, statusText: response.statusText || undefined, headers: response.headers, addressSpace: serverSpaceOf(entry) };
      }
      case FAILED:
        return { type: 'failed', id: idOf(request), time, error: errorOf(entry, hasResponse(entry)) ?? UNKNOWN_FAILURE };
      default:
        return { type: 'completed', id: idOf(request), time };
    }
  };
  return { times: times.subarray(0, count), event };
}

/** Whether the entry holds an answer: a status, and headers or no error. */
function hasResponse(entry: HarEntry): boolean {
  const { response } = entry;
  return response.status > 0 && (response.headers.length > 0 || (response._error ?? null) === null);
}

/** The network error the entry ended with; null when it ended well. */
function errorOf(entry: HarEntry, answered: boolean): string | null {
  return entry.response._error ?? (answered ? null : UNKNOWN_FAILURE);
}

function serverSpaceOf(entry: HarEntry): IpAddressSpace | undefined {
  const space = entry._corsLens?.serverAddressSpace;
  return space ? toAddressSpace(space) : undefined;
}

// HTTP/1 wire headers always hold Host; HTTP/2 and 3 hold :authority.
// webRequest's hold neither: CORS Lens says so in `_corsLens.headers`.
function hasWireHeaders(entry: HarEntry): boolean {
  const fact = entry._corsLens?.headers;
  if (fact) return fact === 'wire';
  return hasHeader(entry.request.headers, 'Host') || hasHeader(entry.request.headers, ':authority');
}

/**
 * The origin of the page, frame or worker that made the request: what CORS
 * Lens wrote, else the request's own Origin header (a frame's or a worker's
 * may differ from the page's, and pairing a preflight needs the right one).
 */
function initiatorOriginOf(entry: HarEntry): string | undefined {
  const origin = entry._corsLens?.initiatorOrigin ?? getHeader(entry.request.headers, 'Origin') ?? undefined;
  return origin && origin !== 'null' && serializeOrigin(origin) === origin ? origin : undefined;
}

/**
 * Index of each redirect entry -> index of the entry that continues it: the
 * first later entry for the Location, not a preflight, not taken yet. Later
 * entries are looked up by URL, each list read forward once (redirects come
 * in file order), so a file of redirects to nowhere costs linear time.
 */
function chainRedirects(entries: readonly HarEntry[]): Map<number, number> {
  const next = new Map<number, number>();
  const targets = redirectTargets(entries);
  if (targets.size === 0) return next;
  const laterByUrl = entriesByUrl(entries, new Set(targets.values()));
  targets.forEach((target, index) => {
    const later = laterByUrl.get(target);
    if (!later) return;
    // What lies at or before this entry can continue no later redirect either; each entry is taken once.
    while (later.unread < later.indices.length && (later.indices[later.unread] as number) <= index) later.unread++;
    if (later.unread === later.indices.length) return;
    next.set(index, later.indices[later.unread++] as number);
  });
  return next;
}

/** Index of each redirect entry (3xx with a Location that resolves) -> the URL it leads to, in file order. */
function redirectTargets(entries: readonly HarEntry[]): Map<number, string> {
  const targets = new Map<number, string>();
  for (let index = 0; index < entries.length; index++) {
    const { response, request } = entries[index] as HarEntry;
    const location = response.redirectURL;
    if (!location || response.status < 300 || response.status > 399) continue;
    const target = resolveLocation(location, request.url);
    if (target) targets.set(index, target);
  }
  return targets;
}

/**
 * The indices of the entries for these URLs that may continue a redirect
 * (any but preflights), by request URL, ascending. Only redirect targets are
 * indexed: most entries are none.
 */
function entriesByUrl(entries: readonly HarEntry[], urls: ReadonlySet<string>): Map<string, { readonly indices: number[]; unread: number }> {
  const byUrl = new Map<string, { readonly indices: number[]; unread: number }>();
  for (let index = 0; index < entries.length; index++) {
    const entry = entries[index] as HarEntry;
    if (!urls.has(entry.request.url) || isPreflightEntry(entry)) continue;
    const known = byUrl.get(entry.request.url);
    if (known) known.indices.push(index);
    else byUrl.set(entry.request.url, { indices: [index], unread: 0 });
  }
  return byUrl;
}

function isPreflightEntry(entry: HarEntry): boolean {
  const { method, headers } = entry.request;
  return method.length === 7 && method.toUpperCase() === 'OPTIONS' && getHeader(headers, 'Access-Control-Request-Method') !== null;
}

function toAddressSpace(space: string): IpAddressSpace {
  const lower = space.toLowerCase();
  if (lower === 'loopback' || lower === 'public') return lower;
  return lower === 'local' || lower === 'private' ? 'local' : 'unknown';
}

function originOfTitle(title: string | undefined): string | undefined {
  if (!title) return undefined;
  const origin = serializeOrigin(title);
  return origin === 'null' ? undefined : origin;
}

// Dates may be local with any offset (Firefox) or malformed: fall back to the
// previous entry's time so the order survives.
function timeOf(date: string, fallback: number): number {
  const time = Date.parse(date);
  return Number.isFinite(time) ? time : fallback;
}
