import type { RequestEvent } from '../pairing/requestEvent.ts';
import { pageHeadersFromWire } from '../pairing/networkAddedHeaders.ts';
import { harHopEvents } from './harHopEvents.ts';
import { chainHeads, chainRedirects, isPreflightEntry } from './harRedirectChains.ts';
import { readRequestHeaders } from './harRequestHeaders.ts';
import type { Har, HarEntry } from './harSchema.ts';
import { originOfTitle, timeOf, toAddressSpace } from './harValues.ts';
import { linkPreflights } from './preflightLinks.ts';

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
export function harToEvents(har: Har): RequestEvent[] {
  const entries = har.log.entries;
  const pageOrigins = new Map((har.log.pages ?? []).map((page) => [page.id, originOfTitle(page.title ?? undefined)]));
  const next = chainRedirects(entries);
  const claimed = new Set(next.values());
  const heads = chainHeads(entries.length, next, claimed);
  const links = linkPreflights(
    entries,
    (index) => heads[index] ?? index,
    (entry) => timeOf(entry.startedDateTime, 0),
  );
  const events: RequestEvent[] = [];
  let lastStart = 0;
  for (let index = 0; index < entries.length; index++) {
    const entry = entries[index] as HarEntry;
    const recorded = timeOf(entry.startedDateTime, lastStart);
    lastStart = recorded;
    if (claimed.has(index)) continue;
    const span = links.preflightSpan.get(index);
    const start = span ? span.start : recorded;
    const id = `har-${index}`;
    const facts = entry._corsLens;
    const { initiatorOrigin, wire, isPreflight } = readRequestHeaders(entry);
    const pageOrigin = entry.pageref ? pageOrigins.get(entry.pageref) : undefined;
    const contextOrigin = initiatorOrigin ?? pageOrigin;
    const security = facts?.initiatorSecurity;
    if (security && contextOrigin) {
      events.push({
        type: 'security-context',
        time: start,
        initiatorOrigin: contextOrigin,
        isSecureContext: security.isSecureContext,
        addressSpace: toAddressSpace(security.addressSpace),
        policy: security.policy || undefined,
      });
    }
    // A preflight's headers are all the browser's: no page headers to recover from them.
    const pageHeaders = wire && !isPreflight ? pageHeadersFromWire(entry.request.headers) : entry.request.headers;
    // Every field, absent or not, in one order: see openRequests.ts.
    events.push({
      type: 'started',
      id,
      time: start,
      url: entry.request.url,
      method: entry.request.method,
      headers: facts?.headers === 'none' ? undefined : pageHeaders,
      initiatorOrigin: initiatorOrigin || undefined,
      pageOrigin: pageOrigin || undefined,
      resourceType: entry._resourceType ? entry._resourceType.toLowerCase() : undefined,
      context: undefined,
      preflightFor: links.requestOf.has(index) ? `har-${links.requestOf.get(index)}` : undefined,
      sendingVisible: typeof facts?.sent === 'boolean',
    });
    let hop: HarEntry = entry;
    let hopIndex = index;
    // startedDateTime has millisecond precision, so a redirect's next entry
    // can seem to start before the previous one answered: each hop starts no
    // earlier than the previous one ended, which keeps a request's events in
    // causal order (hopEvents never goes back in time within a hop).
    let hopStart = Math.max(start, links.hopNotBefore.get(index) ?? start);
    for (;;) {
      const following = next.get(hopIndex);
      const followingEntry = following === undefined ? undefined : entries[following];
      const ended = harHopEvents(
        events,
        id,
        hop,
        hopStart,
        followingEntry,
        hop === entry ? wire : readRequestHeaders(hop).wire,
        hop === entry ? span?.end : undefined,
      );
      if (following === undefined || !followingEntry) break;
      hop = followingEntry;
      hopIndex = following;
      hopStart = Math.max(timeOf(hop.startedDateTime, hopStart), ended, links.hopNotBefore.get(hopIndex) ?? 0);
    }
  }
  return events;
}
