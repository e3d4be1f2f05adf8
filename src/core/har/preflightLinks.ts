import { getHeaders } from '../fetch/headers.ts';
import { isOptionsMethod } from '../fetch/method.ts';
import { MAX_WAITING_PER_KEY } from '../pairing/preflightMatcher.ts';
import type { HarEntry } from './harSchema.ts';
import { bestCandidate, originFits } from './preflightLinkCandidates.ts';

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

/** The gap left between a moved preflight and its request, so that sorting by time keeps them in that order (ms). */
const AFTER = 0.001;

const PREFLIGHT_HEADERS = ['access-control-request-method', 'origin', 'access-control-request-headers'] as const;

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
