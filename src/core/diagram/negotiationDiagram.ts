import { PreflightCache, type CacheMissReason } from '../cache/preflightCache.ts';
import { redirectTarget } from '../cors/redirect.ts';
import type { HopVerdict, ObservedHop } from '../cors/verdict.ts';
import { getHeader } from '../fetch/headers.ts';
import { serializeOrigin } from '../fetch/origin.ts';
import { arrowText, type DiagramArrowDraft, type DiagramArrowKind, type DiagramLane, type DiagramLine, type NegotiationDiagram } from './diagram.ts';
import type { DiagramInput } from './diagramInput.ts';
import { accessControlLines, cacheHitLines, cacheStoreLines, laneHeads, pathOf, preflightLines, requestLines, statusText } from './diagramLines.ts';
import { withMark } from './diagramMark.ts';
import { outcomeOf } from './diagramOutcome.ts';

export interface DiagramOptions {
  /** How a time is written: epoch milliseconds in the panel, milliseconds on the clock in the simulator. */
  readonly time: (ms: number) => string;
}

type Draft = DiagramArrowDraft;

/** Where one URL's arrows are drawn, and how its path is written. */
interface At {
  readonly index: number;
  readonly id: string;
  readonly path: string;
}

/**
 * The negotiation as a sequence diagram (MDN's preflight picture): the
 * script's call; per URL, the preflight with Origin and
 * Access-Control-Request-*, its answer with its Access-Control-* headers and
 * the result kept in the cache (or the cache lookup that served instead of
 * an OPTIONS), the request and its answer or redirect; then what script
 * gets. Read from the engine's verdict, never decided here: the failing
 * check is marked on the arrow it belongs to, and a cache hit is drawn only
 * where the verdict's hop says `cache-hit` with the entry.
 */
export function negotiationDiagram(input: DiagramInput, options: DiagramOptions): NegotiationDiagram {
  const { verdict } = input;
  const server = serializeOrigin(input.hops[0]?.url ?? input.request.url);
  const drafts: Draft[] = [
    draft('call', null, 'page', 'browser', `${CALLERS[input.via]}: ${input.request.method} ${pathOf(input.request.url, server)}`, callLines(input)),
  ];
  for (let index = 0; index < input.hops.length; index++) {
    const hop = input.hops[index] as ObservedHop;
    const judged = verdict.hops[index];
    const at: At = { index, id: `hop${index + 1}`, path: pathOf(hop.url, server) };
    const failed = verdict.failedHop === index ? verdict.stage : null;
    // The renderer may refuse a request before the engine looked at any URL (a no-cors request that does not follow redirects).
    if (failed === 'request' || (failed === 'connection' && !hop.preflight)) {
      drafts.push(draft('refused', at, 'browser', 'browser', `Refused: ${judged?.method ?? input.request.method} ${at.path} is never sent`, [], 'not-sent'));
      break;
    }
    if (!judged) break;
    const taint: DiagramLine[] =
      judged.tainted && !verdict.hops[index - 1]?.tainted ? [{ value: 'A redirect to another origin tainted the request: its Origin is now "null".' }] : [];
    const preflight = preflightArrows(input, hop, judged, at, taint, options);
    drafts.push(...preflight);
    if (preflight.some((arrow) => arrow.kind === 'preflight') && (failed === 'preflight' || failed === 'connection' || !hop.preflight?.response)) break;
    drafts.push(requestArrow(hop, judged, at, preflight.length > 0 ? [] : taint));
    if (!hop.response) break;
    const next = redirectTarget(hop.response.status, hop.response.headers, hop.url);
    const location = getHeader(hop.response.headers, 'Location');
    drafts.push(
      next === null
        ? draft('answer', at, 'server', 'browser', `Answer: ${statusText(hop.response)}`, accessControlLines(hop.response))
        : draft('redirect', at, 'server', 'browser', `Redirect: ${hop.response.status} to ${pathOf(input.hops[index + 1]?.url ?? next, server)}`, [
            { name: 'Location', value: location ?? '' },
            ...accessControlLines(hop.response),
          ]),
    );
  }
  drafts.push({ ...draft('outcome', null, 'browser', 'page', '', []), ...outcomeOf(input) });
  return { lanes: laneHeads(input), arrows: withMark(drafts, input, verdict).map((arrow) => ({ ...arrow, text: arrowText(arrow) })) };
}

const CALLERS = { fetch: 'fetch()', xhr: 'XMLHttpRequest', unknown: 'Script' } as const;

function draft(
  kind: DiagramArrowKind,
  at: At | null,
  from: DiagramLane,
  to: DiagramLane,
  title: string,
  lines: readonly DiagramLine[],
  style: Draft['style'] = 'message',
): Draft {
  return {
    id: at ? `${at.id}.${kind}` : kind,
    kind,
    hop: at ? at.index : null,
    from,
    to,
    title,
    lines,
    style,
    tone: kind.startsWith('cache-') ? 'cache' : 'plain',
    mark: null,
  };
}

function callLines(input: DiagramInput): DiagramLine[] {
  const { request } = input;
  // The headers the script set that CORS cares about (a capture's request may also hold every header the browser added).
  const lines: DiagramLine[] = requestLines(null, request.headers, input.verdict.hops[0]?.preflightNeed);
  for (const header of input.dropped ?? []) lines.push({ value: `${CALLERS[input.via]} drops ${header.name}: a forbidden request header.` });
  if (request.mode !== 'cors') lines.push({ name: 'mode', value: request.mode });
  if (request.credentials === 'include') lines.push({ name: 'credentials', value: 'include' });
  if (request.redirect !== 'follow') lines.push({ name: 'redirect', value: request.redirect });
  return lines;
}

// One case per preflight status: a new status fails to compile here rather than being drawn as another.
function preflightArrows(input: DiagramInput, hop: ObservedHop, judged: HopVerdict, at: At, taint: readonly DiagramLine[], options: DiagramOptions): Draft[] {
  switch (judged.preflight) {
    case 'not-needed':
      return [];
    case 'sent':
      return sentPreflight(input, hop, judged, at, taint, options);
    case 'cache-hit':
      if (judged.cacheEntry)
        return [draft('cache-lookup', at, 'browser', 'browser', 'Cache hit: no preflight', cacheHitLines(judged.cacheEntry, options.time))];
      return [unseen(at, 'The cache model names no entry that served it.')];
    case 'not-seen':
      return [unseen(at, 'The capture shows no preflight and the cache model holds no entry: the browser may hold one from before the capture began.')];
    case 'not-recorded':
      return [unseen(at, 'The tool that wrote this file does not record preflights.')];
  }
}

function unseen(at: At, why: string): Draft {
  return draft('preflight-unseen', at, 'browser', 'browser', 'Preflight needed, none seen', [{ value: why }], 'not-sent');
}

function sentPreflight(input: DiagramInput, hop: ObservedHop, judged: HopVerdict, at: At, taint: readonly DiagramLine[], options: DiagramOptions): Draft[] {
  const preflight = hop.preflight;
  if (!preflight) return [];
  const miss = judged.cacheMiss ? MISS_LINES[judged.cacheMiss.reason] : null;
  const lines = [...preflightLines(preflight.requestHeaders), ...taint, ...(miss ? [{ value: miss }] : [])];
  const title = `Preflight: OPTIONS ${at.path}`;
  if (!preflight.response) {
    return preflight.error === undefined
      ? [draft('preflight', at, 'browser', 'server', title, [...lines, { value: 'Waiting for the answer.' }], 'pending')]
      : [{ ...draft('preflight', at, 'browser', 'server', title, [...lines, { name: 'No answer', value: preflight.error }]), tone: 'bad' }];
  }
  const arrows = [
    draft('preflight', at, 'browser', 'server', title, lines),
    draft('preflight-answer', at, 'server', 'browser', `Preflight answer: ${statusText(preflight.response)}`, accessControlLines(preflight.response)),
  ];
  const result = judged.preflightResult;
  if (!result) return arrows;
  // A captured verdict does not say what the cache did with the result
  // (pairing stores it once the request goes out): the same store on an
  // empty model says, by the model's own rules.
  const stored =
    judged.stored ??
    new PreflightCache().store({ origin: input.request.initiatorOrigin, url: hop.url }, result, preflight.responseTime ?? preflight.startTime ?? input.at ?? 0);
  const storeTitle = stored.stored ? `Result cached for ${stored.entry.lifetime.seconds} s` : 'Result not cached';
  return [...arrows, draft('cache-store', at, 'browser', 'browser', storeTitle, cacheStoreLines(stored, result.maxAge, options.time))];
}

const MISS_LINES: Readonly<Record<CacheMissReason | 'bypass-requested', string | null>> = {
  'no-entry': null,
  'stored-later': null,
  expired: 'The cache entry for this URL has expired.',
  credentials: 'The cache entry was kept without credentials; this request includes them.',
  'credentials-mode': 'Firefox keeps entries for requests with and without credentials apart: the entry for this URL is for the other kind.',
  method: 'The cache entry does not allow this method.',
  header: 'The cache entry does not allow one of the headers.',
  bypass: 'The request bypasses the preflight cache.',
  'bypass-requested': 'The request bypasses the preflight cache.',
};

function requestArrow(hop: ObservedHop, judged: HopVerdict, at: At, taint: readonly DiagramLine[]): Draft {
  const lines = [...requestLines(judged.corsFlag ? judged.origin : null, judged.headers, judged.preflightNeed), ...taint];
  if (hop.sent === false) return draft('request', at, 'browser', 'server', `Request: ${judged.method} ${at.path} (not sent)`, lines, 'not-sent');
  const title = `Request: ${judged.method} ${at.path}`;
  if (hop.response) return draft('request', at, 'browser', 'server', title, lines);
  if (hop.networkError !== undefined)
    return { ...draft('request', at, 'browser', 'server', title, [...lines, { name: 'No answer', value: hop.networkError }]), tone: 'bad' };
  return draft('request', at, 'browser', 'server', title, [...lines, { value: 'Waiting for the answer.' }], 'pending');
}
