import type { FirefoxReason } from '../browsers/firefoxReason.ts';
import type { CorsError } from '../cors/corsError.ts';

/**
 * The negotiation as a sequence diagram, as data: which lanes, which arrows
 * in which order, which one carries the failing check, and every label. The
 * panel only draws it (src/panel/SequenceDiagram.tsx).
 */
export interface NegotiationDiagram {
  /** Always the three lanes, left to right: page, browser (with its preflight cache), server. */
  readonly lanes: readonly DiagramLaneHead[];
  /** Every message in the order it happened, the script's outcome last. */
  readonly arrows: readonly DiagramArrow[];
}

export type DiagramLane = 'page' | 'browser' | 'server';

export interface DiagramLaneHead {
  readonly lane: DiagramLane;
  readonly title: string;
  /** The page's origin, the server's origin(s) in the order the request reached them. */
  readonly subtitle: string;
}

export type DiagramArrowKind =
  /** Page to browser: the script's fetch() or XMLHttpRequest. */
  | 'call'
  /** Browser to itself: the request is refused before anything is sent. */
  | 'refused'
  /** Browser to server: the OPTIONS request. */
  | 'preflight'
  | 'preflight-answer'
  /** Browser to itself: a preflight was needed and the capture shows none (never a claimed cache hit). */
  | 'preflight-unseen'
  /** Browser to its cache: an entry serves the request, instead of an OPTIONS. */
  | 'cache-lookup'
  /** Browser to its cache: the passing preflight's result, kept or not. */
  | 'cache-store'
  | 'request'
  | 'answer'
  /** Server to browser: a 3xx the browser follows (or refuses to). */
  | 'redirect'
  /** Browser to page: what the script gets. */
  | 'outcome';

/** `not-sent`: the message never went (dashed); `pending`: no answer yet. */
export type DiagramArrowStyle = 'message' | 'not-sent' | 'pending';

/** How the drawing colours an arrow: a failure, what script reads, the cache. */
export type DiagramTone = 'plain' | 'bad' | 'good' | 'cache';

/** One line under an arrow: a header as it went on the wire (name and value), or a sentence. */
export interface DiagramLine {
  readonly name?: string;
  readonly value: string;
}

/** The failing check, on the arrow it belongs to. */
export interface DiagramMark {
  /** Exactly as Chromium reports it (`Network.CorsError`). */
  readonly corsError: CorsError;
  readonly failedParameter: string;
  /** The header the check read; null for the request itself or the status line. */
  readonly header: string | null;
  /** What the server sent (null: the header was absent), or what the page asked for when nothing was sent. */
  readonly received: string | null;
  /** What would have passed. */
  readonly needed: string;
  /** Firefox's reason for the same failure (firefoxReasonOf), where Firefox gives it one. */
  readonly firefoxReason?: FirefoxReason;
  /** In the simulator, the step that reveals the mark (see diagramSteps.ts). */
  readonly step?: string;
}

export interface DiagramArrow {
  /** Unique within the diagram: `call`, `hop1.preflight`, `hop2.answer`, `outcome`. */
  readonly id: string;
  readonly kind: DiagramArrowKind;
  /** Which URL of the request (0 first, then one per redirect); null for the call and the outcome. */
  readonly hop: number | null;
  readonly from: DiagramLane;
  readonly to: DiagramLane;
  readonly title: string;
  readonly lines: readonly DiagramLine[];
  readonly style: DiagramArrowStyle;
  readonly tone: DiagramTone;
  readonly mark: DiagramMark | null;
  /** The arrow in words, its lines and mark included: what a screen reader reads for it. */
  readonly text: string;
  /** In the simulator, the step that draws this arrow (see diagramSteps.ts). */
  readonly step?: string;
}

/** An arrow before its text is written from it. */
export type DiagramArrowDraft = Omit<DiagramArrow, 'text'>;

const LANE_NAMES: Readonly<Record<DiagramLane, string>> = { page: 'Page', browser: 'Browser', server: 'Server' };

/** Who sends to whom, in words ("Browser to server", "Browser to its preflight cache"). */
export function arrowDirection(arrow: Pick<DiagramArrow, 'from' | 'to' | 'kind'>): string {
  if (arrow.kind === 'cache-lookup' || arrow.kind === 'cache-store') return 'Browser to its preflight cache';
  return arrow.from === arrow.to ? LANE_NAMES[arrow.from] : `${LANE_NAMES[arrow.from]} to ${LANE_NAMES[arrow.to].toLowerCase()}`;
}

/** The words a screen reader reads for an arrow: direction, title, each line, the failing check. */
export function arrowText(arrow: DiagramArrowDraft): string {
  const lines = arrow.lines.map((line) => lineText(line).replace(/\.$/, ''));
  const parts = [`${arrowDirection(arrow)}: ${arrow.title}.`, ...(lines.length > 0 ? [`${lines.join('; ')}.`] : [])];
  if (arrow.mark) parts.push(markText(arrow.mark));
  return parts.join(' ');
}

export function lineText(line: DiagramLine): string {
  return line.name === undefined ? line.value : `${line.name}: ${line.value}`;
}

/** The failing check in words: the code, then what the server sent (or the browser found) against what was needed. */
export function markText(mark: DiagramMark): string {
  const firefox = mark.firefoxReason ? ` Firefox: ${mark.firefoxReason}.` : '';
  const values =
    mark.header === null
      ? `Found: ${mark.received ?? 'nothing'}. Needed: ${mark.needed}.`
      : `${mark.header}: the server sent ${mark.received ?? '(absent)'}, the browser needed ${mark.needed}.`;
  return `Failed check: ${mark.corsError}. ${values}${firefox}`;
}

/** The diagram as text, one arrow a line (tests snapshot it; it is also what the list of arrows reads). */
export function diagramText(diagram: NegotiationDiagram): string {
  return diagram.arrows.map((arrow, index) => `${index + 1}. ${arrow.text}`).join('\n');
}
