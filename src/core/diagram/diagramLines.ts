import type { CachedToken, PreflightCacheEntry, StoreOutcome } from '../cache/preflightCache.ts';
import { firefoxPreflightLifetime, type PreflightLifetime } from '../cache/preflightLifetime.ts';
import type { PreflightNeed } from '../cors/needsPreflight.ts';
import type { ObservedResponse } from '../cors/verdict.ts';
import { lowerCaseHeaderName, type HeaderList } from '../fetch/headers.ts';
import { serializeOrigin } from '../fetch/origin.ts';
import type { DiagramLine, NegotiationDiagram } from './diagram.ts';
import type { DiagramInput } from './diagramInput.ts';

/** The headers of a preflight that CORS reads, in this order, as they went out. */
const PREFLIGHT_HEADERS = ['origin', 'access-control-request-method', 'access-control-request-headers'] as const;

/** Origin, Access-Control-Request-Method and -Headers of a preflight, each as sent. */
export function preflightLines(requestHeaders: HeaderList | undefined): DiagramLine[] {
  const headers = requestHeaders ?? [];
  return PREFLIGHT_HEADERS.flatMap((wanted) => headers.filter((header) => lowerCaseHeaderName(header.name) === wanted).map(headerLine));
}

/** A response's Access-Control-* headers, every line as sent; a line saying so when there is none. */
export function accessControlLines(response: ObservedResponse): DiagramLine[] {
  const lines = response.headers.filter((header) => lowerCaseHeaderName(header.name).startsWith('access-control-')).map(headerLine);
  return lines.length > 0 ? lines : [{ value: 'No Access-Control-* header' }];
}

/**
 * The request's Origin (when CORS applies) and the headers the preflight was
 * about, as the script spelled them: those the engine gave as reasons for a
 * preflight at this hop (nothing is classified here).
 */
export function requestLines(origin: string | null, headers: HeaderList, need: PreflightNeed | undefined): DiagramLine[] {
  const reasons = new Set<string>();
  for (const reason of need?.reasons ?? []) if (reason.kind === 'header' || reason.kind === 'header-not-safelisted-here') reasons.add(reason.header.name);
  return [
    ...(origin === null ? [] : [{ name: 'Origin', value: origin }]),
    ...headers.filter((header) => reasons.has(lowerCaseHeaderName(header.name))).map(headerLine),
  ];
}

export function headerLine(header: { readonly name: string; readonly value: string }): DiagramLine {
  return { name: header.name, value: header.value };
}

export function statusText(response: ObservedResponse): string {
  return response.statusText ? `${response.status} ${response.statusText}` : String(response.status);
}

/**
 * The entry that served a request instead of a preflight: when it was
 * stored, until when, what it allows. A Firefox entry's methods and headers
 * each live until their own time (the last preflight that listed them).
 */
export function cacheHitLines(entry: PreflightCacheEntry, time: (ms: number) => string): DiagramLine[] {
  const { items } = entry;
  const listed = (names: readonly string[], own: readonly CachedToken[] | undefined): string =>
    own ? own.map((item) => `${item.token} (until ${time(item.expiresAt)})`).join(', ') || '(none)' : names.join(', ') || '(safelisted only)';
  return [
    { name: 'Stored', value: time(entry.storedAt) },
    { name: 'Expires', value: time(entry.expiresAt) },
    { name: 'Methods', value: listed(entry.result.methods, items?.methods) },
    { name: 'Headers', value: listed(entry.result.headers, items?.headers) },
    { value: 'No preflight is sent.' },
  ];
}

/** What the cache did with a passing preflight: Chromium's lifetime and, where Firefox would decide otherwise, Firefox's. */
export function cacheStoreLines(stored: StoreOutcome, maxAge: string | null, time: (ms: number) => string): DiagramLine[] {
  const chromium = stored.stored ? stored.entry.lifetime : stored.lifetime;
  const firefox = firefoxPreflightLifetime(maxAge);
  const lines: DiagramLine[] = [{ name: 'Chromium', value: stored.stored ? lifetimeText(chromium, maxAge) : notStoredText(stored, maxAge) }];
  // Firefox has no URL limit and caches opaque origins' preflights.
  const chromiumOnlyRefusal = !stored.stored && (stored.reason === 'url-too-long' || stored.reason === 'opaque-origin');
  if (firefox.seconds !== chromium.seconds || (chromiumOnlyRefusal && firefox.seconds > 0))
    lines.push({ name: 'Firefox', value: lifetimeText(firefox, maxAge) });
  if (stored.stored) lines.push({ name: 'Expires', value: time(stored.entry.expiresAt) });
  return lines;
}

function notStoredText(stored: Extract<StoreOutcome, { stored: false }>, maxAge: string | null): string {
  switch (stored.reason) {
    case 'zero-lifetime':
      return lifetimeText(stored.lifetime, maxAge);
    case 'url-too-long':
      return 'not kept: the URL is 1024 characters or longer';
    case 'bypass':
      return 'not kept: the request bypasses the cache';
    case 'opaque-origin':
      return 'not kept: the page\'s origin is opaque ("null")';
  }
}

/** A lifetime and the rule that gave it, in words. */
export function lifetimeText(lifetime: PreflightLifetime, maxAge: string | null): string {
  switch (lifetime.rule) {
    case 'as-sent':
      return `kept ${lifetime.seconds} s (Access-Control-Max-Age: ${maxAge ?? ''})`;
    case 'capped':
      return `kept ${lifetime.seconds} s (Access-Control-Max-Age: ${maxAge ?? ''}, capped)`;
    case 'default-absent':
      return `kept ${lifetime.seconds} s (no Access-Control-Max-Age: the default)`;
    case 'default-not-an-integer':
      return `kept ${lifetime.seconds} s (Access-Control-Max-Age: ${maxAge ?? ''} is not an integer: the default)`;
    case 'zero':
      return `not kept (Access-Control-Max-Age: ${maxAge ?? ''})`;
    case 'negative':
      return `not kept (Access-Control-Max-Age: ${maxAge ?? ''} is negative)`;
    case 'not-cached-not-digits':
      return `not kept (Access-Control-Max-Age: ${maxAge ?? ''} is not only digits)`;
  }
}

/** The three lanes: the page with its origin, the browser with its cache, the server with each origin the request reached. */
export function laneHeads(input: DiagramInput): NegotiationDiagram['lanes'] {
  const origins = [...new Set(input.hops.map((hop) => originOf(hop.url)))];
  return [
    { lane: 'page', title: 'Page', subtitle: input.request.initiatorOrigin },
    { lane: 'browser', title: 'Browser', subtitle: 'and its preflight cache' },
    { lane: 'server', title: 'Server', subtitle: origins.join(', then ') || originOf(input.request.url) },
  ];
}

function originOf(url: string): string {
  const origin = serializeOrigin(url);
  return origin === 'null' ? url : origin;
}

/** A URL on the first server's origin as its path; any other URL whole. */
export function pathOf(url: string, server: string): string {
  return server !== 'null' && url.startsWith(server) && serializeOrigin(url) === server ? url.slice(server.length) || '/' : url;
}
