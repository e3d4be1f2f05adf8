import { accessControlRequestHeadersValue } from '../fetch/corsUnsafeRequestHeaderNames.ts';
import { getHeader, getHeaders } from '../fetch/headers.ts';
import { isOptionsMethod } from '../fetch/method.ts';
import { MAX_WAITING_PER_KEY } from '../pairing/preflightMatcher.ts';
import type { HarEntry } from './harSchema.ts';

/** What the explicit links of a HAR's preflights say (see linkPreflights). */
export interface PreflightLinks {
  /** Preflight entry -> the entry its request starts with (the head of its redirect chain). */
  readonly requestOf: ReadonlyMap<number, number>;
  /** Preflight entry -> when it started and ended, moved to fit before its request's answer (see linkPreflights). */
  readonly preflightSpan: ReadonlyMap<number, TimeSpan>;
  /** Entry (one hop of a request) -> the earliest time it can have started, for it to be answered after its preflight ended. */
  readonly hopNotBefore: ReadonlyMap<number, number>;
}

export interface TimeSpan {
  readonly start: number;
  readonly end: number;
}

/**
 * Chrome DevTools names a preflight's request (`_initiator: {type:
 * "preflight", requestId}`), but not a request's own id. Every preflight
 * naming the same id guards a hop of the same request, and a request one
 * link claimed is no other link's. Which earlier entry a link names is read
 * from what the entries show: the method the preflight announces and its
 * URL; its Origin, and its Access-Control-Request-Headers against the
 * entry's own headers, where both are known; then a request still in flight
 * when the preflight started (the earliest, as requests made together get
 * their ids in order), else the latest that had already ended.
 *
 * On a loaded machine the two entries' timings disagree: a preflight's entry
 * can end (by its own timings) after its request's entry was answered, or
 * even start after it (both seen in DevTools exports of the lab). The
 * request's timeline is the one to trust: its answer came after the
 * preflight's, and the requests that followed it started by the same clock
 * (a second request that started once the first was answered found the
 * preflight cached). So the preflight is moved to end just before its
 * request's answer; only a request with no time at all to hold it is moved
 * later instead.
 */
export function linkPreflights(entries: readonly HarEntry[], headOf: (index: number) => number, timeOf: (entry: HarEntry) => number): PreflightLinks {
  const requestOf = new Map<number, number>();
  const preflightSpan = new Map<number, TimeSpan>();
  const hopNotBefore = new Map<number, number>();
  if (!entries.some((entry) => preflightLinkOf(entry) !== null)) return { requestOf, preflightSpan, hopNotBefore };
  const headByLink = new Map<string, number>();
  const linkedHeads = new Set<number>();
  // The entries of each method and URL so far, to search backwards from a preflight.
  const byKey = new Map<string, number[]>();
  for (let index = 0; index < entries.length; index++) {
    const entry = entries[index] as HarEntry;
    const link = preflightLinkOf(entry);
    const [method, origin, announced] = getHeaders(entry.request.headers, PREFLIGHT_HEADERS);
    if (link === null || method === null) {
      if (method === null || !isOptionsMethod(entry.request.method)) push(byKey, keyOf(entry.request.method, entry.request.url), index);
      continue;
    }
    const known = headByLink.get(link);
    const started = timeOf(entry);
    const candidates = (byKey.get(keyOf(method, entry.request.url)) ?? []).slice(-MAX_WAITING_PER_KEY).filter((candidate) => {
      const head = headOf(candidate);
      return (known === undefined ? !linkedHeads.has(head) : head === known) && originFits(entries[candidate] as HarEntry, origin);
    });
    const hop = bestCandidate(candidates, entries, { started, origin, announced: announced ?? '' }, timeOf);
    if (hop === undefined) continue;
    const head = headOf(hop);
    headByLink.set(link, head);
    linkedHeads.add(head);
    requestOf.set(index, head);
    // The request can only go out, or fail, once its preflight has ended.
    const hopEntry = entries[hop] as HarEntry;
    const hopStarted = timeOf(hopEntry);
    const answered = hopStarted + Math.max(0, (hopEntry.time ?? 0) - Math.max(0, hopEntry.timings?.receive ?? 0));
    const preflightEnded = started + Math.max(0, entry.time ?? 0);
    if (answered > preflightEnded) continue;
    if (answered - hopStarted > 3 * AFTER) {
      const end = answered - AFTER;
      preflightSpan.set(index, { start: Math.min(Math.max(started, hopStarted + AFTER), end - AFTER), end });
    } else {
      hopNotBefore.set(hop, Math.max(hopNotBefore.get(hop) ?? 0, preflightEnded - (answered - hopStarted) + AFTER));
    }
  }
  return { requestOf, preflightSpan, hopNotBefore };
}

/**
 * How far apart two entries' clocks were seen under load (a preflight's
 * entry starting up to 17 ms after its request's entry had ended): a
 * request that ended less than this before a preflight started may still
 * have been waiting for it.
 */
const CLOCK_DISAGREEMENT_MS = 50;

/** The gap left between a moved preflight and its request, so that sorting by time keeps them in that order (ms). */
const AFTER = 0.001;

const PREFLIGHT_HEADERS = ['access-control-request-method', 'origin', 'access-control-request-headers'] as const;

/** A request entry that sent an Origin (not a provisional one) must have sent the preflight's. */
function originFits(entry: HarEntry, preflightOrigin: string | null): boolean {
  const sent = getHeader(entry.request.headers, 'Origin');
  return sent === null || preflightOrigin === null || sent === preflightOrigin;
}

// In flight when the preflight started, earliest first; else ended before it, latest first. Those whose
// headers call for exactly what the preflight announced come first in each.
function bestCandidate(
  candidates: readonly number[],
  entries: readonly HarEntry[],
  preflight: { readonly started: number; readonly origin: string | null; readonly announced: string },
  timeOf: (entry: HarEntry) => number,
): number | undefined {
  const { started, origin, announced } = preflight;
  let best: number | undefined;
  let bestRank = -Infinity;
  for (const candidate of candidates) {
    const entry = entries[candidate] as HarEntry;
    const inFlight = timeOf(entry) + Math.max(0, entry.time ?? 0) + CLOCK_DISAGREEMENT_MS >= started;
    const exact = accessControlRequestHeadersValue(entry.request.headers) === announced.toLowerCase();
    // An entry that shows the preflight's Origin beats one that shows none
    // (a worker's request in a DevTools export may carry no Origin): the
    // one without may be waiting for another origin's preflight.
    const sameOrigin = origin !== null && getHeader(entry.request.headers, 'Origin') === origin;
    // Earlier candidates come first: among the in-flight, the first of equals wins; among the ended, the last.
    const rank = (inFlight ? 4 : 0) + (exact ? 2 : 0) + (sameOrigin ? 1 : 0);
    if (rank > bestRank || (rank === bestRank && !inFlight)) {
      best = candidate;
      bestRank = rank;
    }
  }
  return best;
}

/** The request id a preflight entry names, or null when it names none. */
function preflightLinkOf(entry: HarEntry): string | null {
  const initiator = entry._initiator as { type?: unknown; requestId?: unknown } | null | undefined;
  if (!initiator || initiator.type !== 'preflight') return null;
  return typeof initiator.requestId === 'string' && initiator.requestId !== '' ? initiator.requestId : null;
}

function keyOf(method: string, url: string): string {
  return `${method}\u0000${url}`;
}

function push(map: Map<string, number[]>, key: string, value: number): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
