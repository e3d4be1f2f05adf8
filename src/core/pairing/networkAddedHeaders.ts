import { hasHeader, isHeaderName, lowerCaseHeaderName, type Header, type HeaderList } from '../fetch/headers.ts';

// Headers the browser writes on the wire that the page did not set, so they
// say nothing about preflights: HTTP/2 pseudo-headers, the RFC 9218
// priority, the HTTP cache's revalidation headers, navigation-only headers,
// Chrome's X-Client-Data for Google hosts, and the cache-bypass pair
// DevTools' "Disable cache" adds. Forbidden names need no entry: the engine
// ignores them anyway.
const NETWORK_ADDED = new Set(['priority', 'if-none-match', 'if-modified-since', 'upgrade-insecure-requests', 'x-client-data', 'purpose']);
const CACHE_MARKERS = new Set(['cache-control', 'pragma']);
const NOTHING_LISTED: ReadonlySet<string> = new Set();
// The lengths of the names above, as bits: a name of any other length is
// none of them and is kept without being lower-cased (most of a list).
const DROPPABLE_LENGTHS = [...NETWORK_ADDED, ...CACHE_MARKERS].reduce((bits, name) => bits | (1 << name.length), 0);

/**
 * The page's own request headers, recovered from wire headers: drops what the
 * network stack adds, unless the preflight's Access-Control-Request-Headers
 * value (`announced`, as pairing read it) proves the page set it.
 */
export function pageHeadersFromWire(wire: HeaderList, announced?: string): Header[] {
  const listed: ReadonlySet<string> = announced ? new Set(announced.split(',').map((name) => name.trim().toLowerCase())) : NOTHING_LISTED;
  const page: Header[] = [];
  for (let index = 0; index < wire.length; index++) {
    const header = wire[index] as Header;
    const { name } = header;
    // HTTP/2 and HTTP/3 pseudo-headers.
    if (name.charCodeAt(0) === 0x3a) continue;
    if (name.length < 32 && (DROPPABLE_LENGTHS & (1 << name.length)) !== 0) {
      const lower = lowerCaseHeaderName(name);
      if (!listed.has(lower) && (NETWORK_ADDED.has(lower) || (CACHE_MARKERS.has(lower) && isCacheMarkerValue(header.value)))) continue;
    }
    page.push(header);
  }
  return page;
}

function isCacheMarkerValue(value: string): boolean {
  const lower = value.trim().toLowerCase();
  return lower === 'no-cache' || lower === 'max-age=0';
}

/** Whether wire headers carry the cache-bypass markers the network stack adds for a bypassing request. */
export function hasCacheBypassMarkers(wire: HeaderList, pageHeaders: HeaderList): boolean {
  return wire.some(({ name, value }) => {
    const lower = isHeaderName(name, 'cache-control') ? 'cache-control' : isHeaderName(name, 'pragma') ? 'pragma' : null;
    return lower !== null && isCacheMarkerValue(value) && !hasHeader(pageHeaders, lower);
  });
}
