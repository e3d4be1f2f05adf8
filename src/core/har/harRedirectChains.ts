import { getHeader } from '../fetch/headers.ts';
import { isOptionsMethod } from '../fetch/method.ts';
import { resolveLocation } from '../fetch/origin.ts';
import type { HarEntry } from './harSchema.ts';

// A redirect chain in a HAR file is several entries: a 3xx with its
// redirectURL, then the entry for the next URL. These find the chains.

/** The entry each entry's request starts with: itself, or the first entry of the redirect chain it continues. */
export function chainHeads(count: number, next: ReadonlyMap<number, number>, claimed: ReadonlySet<number>): number[] {
  const heads: number[] = new Array<number>(count);
  for (let index = 0; index < count; index++) {
    if (claimed.has(index)) continue;
    for (let at: number | undefined = index; at !== undefined && heads[at] === undefined; at = next.get(at)) heads[at] = index;
  }
  return heads;
}

/**
 * Index of each redirect entry -> index of the entry that continues it: the
 * first later entry for the Location, not a preflight, not taken yet. Later
 * entries are looked up by URL, each list read forward once (redirects come
 * in file order), so a file of redirects to nowhere costs linear time.
 */
export function chainRedirects(entries: readonly HarEntry[]): Map<number, number> {
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

/** An OPTIONS request that names a method in Access-Control-Request-Method. */
export function isPreflightEntry(entry: HarEntry): boolean {
  const { method, headers } = entry.request;
  return isOptionsMethod(method) && getHeader(headers, 'Access-Control-Request-Method') !== null;
}
