import { PreflightCache, type CacheMissReason } from '../cache/preflightCache.ts';
import type { HopVerdict, ObservedHop } from '../cors/verdict.ts';
import type { DiagramArrowDraft, DiagramLine } from './diagram.ts';
import type { DiagramInput } from './diagramInput.ts';
import { accessControlLines, cacheHitLines, cacheStoreLines, preflightLines, statusText } from './diagramLines.ts';
import { draftArrow, type DrawnHop } from './draftArrow.ts';

/**
 * A hop's preflight as arrows: the OPTIONS, its answer and what the cache
 * kept of it; or the cache lookup that served instead; or a preflight needed
 * and not seen, with why.
 */
export function preflightArrows(
  input: DiagramInput,
  hop: ObservedHop,
  judged: HopVerdict,
  at: DrawnHop,
  taint: readonly DiagramLine[],
  time: (ms: number) => string,
): DiagramArrowDraft[] {
  // One case per preflight status: a new status fails to compile here rather than being drawn as another.
  switch (judged.preflight) {
    case 'not-needed':
      return [];
    case 'sent':
      return sentPreflight(input, hop, judged, at, taint, time);
    case 'cache-hit':
      if (judged.cacheEntry) return [draftArrow('cache-lookup', at, 'browser', 'browser', 'Cache hit: no preflight', cacheHitLines(judged.cacheEntry, time))];
      return [unseen(at, 'The cache model names no entry that served it.')];
    case 'not-seen':
      return [unseen(at, 'The capture shows no preflight and the cache model holds no entry: the browser may hold one from before the capture began.')];
    case 'not-recorded':
      return [unseen(at, 'The tool that wrote this file does not record preflights.')];
  }
}

function unseen(at: DrawnHop, why: string): DiagramArrowDraft {
  return draftArrow('preflight-unseen', at, 'browser', 'browser', 'Preflight needed, none seen', [{ value: why }], 'not-sent');
}

function sentPreflight(
  input: DiagramInput,
  hop: ObservedHop,
  judged: HopVerdict,
  at: DrawnHop,
  taint: readonly DiagramLine[],
  time: (ms: number) => string,
): DiagramArrowDraft[] {
  const preflight = hop.preflight;
  if (!preflight) return [];
  const miss = judged.cacheMiss ? MISS_LINES[judged.cacheMiss.reason] : null;
  const lines = [...preflightLines(preflight.requestHeaders), ...taint, ...(miss ? [{ value: miss }] : [])];
  const title = `Preflight: OPTIONS ${at.path}`;
  if (!preflight.response) {
    return preflight.error === undefined
      ? [draftArrow('preflight', at, 'browser', 'server', title, [...lines, { value: 'Waiting for the answer.' }], 'pending')]
      : [{ ...draftArrow('preflight', at, 'browser', 'server', title, [...lines, { name: 'No answer', value: preflight.error }]), tone: 'bad' }];
  }
  const arrows = [
    draftArrow('preflight', at, 'browser', 'server', title, lines),
    draftArrow('preflight-answer', at, 'server', 'browser', `Preflight answer: ${statusText(preflight.response)}`, accessControlLines(preflight.response)),
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
  return [...arrows, draftArrow('cache-store', at, 'browser', 'browser', storeTitle, cacheStoreLines(stored, result.maxAge, time))];
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
