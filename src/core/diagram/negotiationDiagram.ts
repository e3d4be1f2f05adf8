import { redirectTarget } from '../cors/redirect.ts';
import type { HopVerdict, ObservedHop } from '../cors/verdict.ts';
import { getHeader } from '../fetch/headers.ts';
import { serializeOrigin } from '../fetch/origin.ts';
import { arrowText, type DiagramArrowDraft, type DiagramLine, type NegotiationDiagram } from './diagram.ts';
import type { DiagramInput } from './diagramInput.ts';
import { accessControlLines, laneHeads, pathOf, requestLines, statusText } from './diagramLines.ts';
import { withMark } from './diagramMark.ts';
import { outcomeOf } from './diagramOutcome.ts';
import { draftArrow, type DrawnHop } from './draftArrow.ts';
import { preflightArrows } from './preflightArrows.ts';

export interface DiagramOptions {
  /** How a time is written: epoch milliseconds in the panel, milliseconds on the clock in the simulator. */
  readonly time: (ms: number) => string;
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
  const drafts: DiagramArrowDraft[] = [
    draftArrow('call', null, 'page', 'browser', `${CALLERS[input.via]}: ${input.request.method} ${pathOf(input.request.url, server)}`, callLines(input)),
  ];
  for (let index = 0; index < input.hops.length; index++) {
    const hop = input.hops[index] as ObservedHop;
    const judged = verdict.hops[index];
    const at: DrawnHop = { index, id: `hop${index + 1}`, path: pathOf(hop.url, server) };
    const failed = verdict.failedHop === index ? verdict.stage : null;
    // The renderer may refuse a request before the engine looked at any URL (a no-cors request that does not follow redirects).
    if (failed === 'request' || (failed === 'connection' && !hop.preflight)) {
      drafts.push(
        draftArrow('refused', at, 'browser', 'browser', `Refused: ${judged?.method ?? input.request.method} ${at.path} is never sent`, [], 'not-sent'),
      );
      break;
    }
    if (!judged) break;
    const taint: DiagramLine[] =
      judged.tainted && !verdict.hops[index - 1]?.tainted ? [{ value: 'A redirect to another origin tainted the request: its Origin is now "null".' }] : [];
    const preflight = preflightArrows(input, hop, judged, at, taint, options.time);
    drafts.push(...preflight);
    if (preflight.some((arrow) => arrow.kind === 'preflight') && (failed === 'preflight' || failed === 'connection' || !hop.preflight?.response)) break;
    drafts.push(requestArrow(hop, judged, at, preflight.length > 0 ? [] : taint));
    if (!hop.response) break;
    const next = redirectTarget(hop.response.status, hop.response.headers, hop.url);
    const location = getHeader(hop.response.headers, 'Location');
    drafts.push(
      next === null
        ? draftArrow('answer', at, 'server', 'browser', `Answer: ${statusText(hop.response)}`, accessControlLines(hop.response))
        : draftArrow('redirect', at, 'server', 'browser', `Redirect: ${hop.response.status} to ${pathOf(input.hops[index + 1]?.url ?? next, server)}`, [
            { name: 'Location', value: location ?? '' },
            ...accessControlLines(hop.response),
          ]),
    );
  }
  drafts.push({ ...draftArrow('outcome', null, 'browser', 'page', '', []), ...outcomeOf(input) });
  return { lanes: laneHeads(input), arrows: withMark(drafts, input, verdict).map((arrow) => ({ ...arrow, text: arrowText(arrow) })) };
}

const CALLERS = { fetch: 'fetch()', xhr: 'XMLHttpRequest', unknown: 'Script' } as const;

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

function requestArrow(hop: ObservedHop, judged: HopVerdict, at: DrawnHop, taint: readonly DiagramLine[]): DiagramArrowDraft {
  const lines = [...requestLines(judged.corsFlag ? judged.origin : null, judged.headers, judged.preflightNeed), ...taint];
  if (hop.sent === false) return draftArrow('request', at, 'browser', 'server', `Request: ${judged.method} ${at.path} (not sent)`, lines, 'not-sent');
  const title = `Request: ${judged.method} ${at.path}`;
  if (hop.response) return draftArrow('request', at, 'browser', 'server', title, lines);
  if (hop.networkError !== undefined)
    return { ...draftArrow('request', at, 'browser', 'server', title, [...lines, { name: 'No answer', value: hop.networkError }]), tone: 'bad' };
  return draftArrow('request', at, 'browser', 'server', title, [...lines, { value: 'Waiting for the answer.' }], 'pending');
}
