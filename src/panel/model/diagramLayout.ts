import { lineText, type DiagramArrow, type DiagramLane, type DiagramMark, type NegotiationDiagram } from '../../core/diagram/diagram.ts';
import { printable } from '../../core/printable.ts';
import { cutText, type CutText } from './displayText.ts';

// The drawing is monospace so that a width says how many characters fit:
// 0.6 em a glyph, at 12 px for titles and 11 px for the lines under them.
const TITLE_CHAR = 7.2;
const LINE_CHAR = 6.6;
const PAD = 8;
const HEAD = 40;
const LINE = 15;
const ROW_GAP = 10;
/** A line longer than a row goes on in the next, indented; past this many rows it is cut. */
const ROWS_PER_LINE = 2;
const INDENT = '  ';
/** Narrower than this, the drawing scrolls rather than squeezing its lanes. */
export const MIN_DIAGRAM_WIDTH = 300;
/** A title or note narrower than this beside its arrow starts at the left edge instead (how it stays readable at 420 px). */
const NOTE_MIN = 320;

export type NoteTone = 'plain' | 'error' | 'received' | 'needed';

/** One drawn row of a note: a line, or the continuation of one too long for a row. */
export interface NoteLine {
  readonly shown: string;
  readonly tone: NoteTone;
  /** Baseline. */
  readonly y: number;
}

/** A line of a note whole (printable), and whether the drawing had to cut it. */
export interface NoteSource {
  readonly whole: string;
  readonly tone: NoteTone;
  readonly isCut: boolean;
}

/** One arrow placed: its row, its title, the line and head to draw, and the note under it. */
export interface ArrowLayout {
  readonly arrow: DiagramArrow;
  readonly y: number;
  readonly height: number;
  readonly title: CutText;
  readonly titleX: number;
  readonly titleY: number;
  /** SVG path of the shaft (a loop for a message the browser keeps to itself or its cache). */
  readonly path: string;
  /** SVG points of the arrowhead. */
  readonly head: string;
  readonly note: {
    readonly x: number;
    readonly y: number;
    readonly width: number;
    readonly height: number;
    readonly lines: readonly NoteLine[];
    readonly sources: readonly NoteSource[];
  } | null;
}

export interface DiagramLayout {
  readonly width: number;
  readonly height: number;
  readonly lanes: readonly { readonly lane: DiagramLane; readonly title: string; readonly x: number }[];
  /** Where the browser's preflight cache runs, beside the browser. */
  readonly cacheX: number;
  readonly headHeight: number;
  readonly rows: readonly ArrowLayout[];
}

/**
 * Places a negotiation diagram in `width` pixels: three lanes (the browser's
 * cache beside the browser), one row per arrow, its title above the shaft
 * and its lines in a note below, every text cut to the characters that fit
 * (the whole text stays in `whole`).
 */
export function layoutDiagram(diagram: NegotiationDiagram, availableWidth: number): DiagramLayout {
  const width = Math.max(MIN_DIAGRAM_WIDTH, Math.floor(availableWidth));
  const x: Readonly<Record<DiagramLane, number>> = { page: PAD + 18, browser: Math.round(width * 0.38), server: width - PAD - 22 };
  const cacheX = x.browser + 26;
  const rows: ArrowLayout[] = [];
  let y = HEAD;
  for (const arrow of diagram.arrows) {
    const row = layoutArrow(arrow, y, width, x, cacheX);
    rows.push(row);
    y += row.height;
  }
  return {
    width,
    height: y + PAD,
    lanes: diagram.lanes.map((head) => ({ lane: head.lane, title: head.title, x: x[head.lane] })),
    cacheX,
    headHeight: HEAD,
    rows,
  };
}

function layoutArrow(arrow: DiagramArrow, y: number, width: number, x: Readonly<Record<DiagramLane, number>>, cacheX: number): ArrowLayout {
  const arrowY = y + 21;
  const from = x[arrow.from];
  const to = x[arrow.to];
  const self = arrow.from === arrow.to;
  const shaft = self ? selfShaft(arrow, from, cacheX, arrowY) : { path: `M ${from} ${arrowY} H ${to}`, tip: to, tipY: arrowY, direction: Math.sign(to - from) };
  // Beside its arrow when there is room; narrow, every title and note starts at the left edge, one column to read down.
  const besideTitle = self ? cacheX + 10 : Math.min(from, to) + 6;
  const titleX = width - PAD - besideTitle >= NOTE_MIN ? besideTitle : PAD + 2;
  const texts = [
    ...arrow.lines.map((line): { text: string; tone: NoteTone } => ({ text: lineText(line), tone: 'plain' })),
    ...(arrow.mark ? markLines(arrow.mark) : []),
  ];
  const beside = (self ? from : Math.min(from, to)) + 6;
  const noteX = width - PAD - beside >= NOTE_MIN ? beside : PAD + 2;
  const noteWidth = width - PAD - noteX;
  const chars = Math.floor((noteWidth - 8) / LINE_CHAR);
  const noteY = y + 29;
  const wrapped = texts.map((line) => ({ ...wrapRows(printable(line.text, Infinity), chars), tone: line.tone }));
  const sources = wrapped.map(({ whole, isCut, tone }) => ({ whole, isCut, tone }));
  const lines = wrapped.flatMap(({ rows, tone }) => rows.map((shown) => ({ shown, tone }))).map((row, index) => ({ ...row, y: noteY + 12 + index * LINE }));
  const note = texts.length === 0 ? null : { x: noteX, y: noteY, width: noteWidth, height: lines.length * LINE + 5, lines, sources };
  return {
    arrow,
    y,
    height: (note ? 29 + note.height : 29) + ROW_GAP,
    title: cutText(arrow.title, Math.floor((width - PAD - titleX) / TITLE_CHAR)),
    titleX,
    titleY: y + 13,
    path: shaft.path,
    head: headPoints(shaft.tip, shaft.tipY, shaft.direction),
    note,
  };
}

/** A message the browser keeps to itself: to its cache (and back, for a lookup), or a loop beside it. */
function selfShaft(arrow: DiagramArrow, from: number, cacheX: number, y: number): { path: string; tip: number; tipY: number; direction: number } {
  if (arrow.kind === 'cache-store') return { path: `M ${from} ${y} H ${cacheX}`, tip: cacheX, tipY: y, direction: 1 };
  const reach = arrow.kind === 'cache-lookup' ? cacheX : from + 20;
  return { path: `M ${from} ${y - 4} H ${reach} V ${y + 4} H ${from}`, tip: from, tipY: y + 4, direction: -1 };
}

function headPoints(tip: number, y: number, direction: number): string {
  const back = tip - direction * 7;
  return `${tip},${y} ${back},${y - 4} ${back},${y + 4}`;
}

/** The failing check under its arrow: the code, what was sent (or found), what was needed. */
function markLines(mark: DiagramMark): { text: string; tone: NoteTone }[] {
  const sent = mark.header === null ? `found: ${mark.received ?? 'nothing'}` : `sent ${mark.header}: ${mark.received ?? '(absent)'}`;
  return [
    { text: `✕ ${mark.corsError}`, tone: 'error' },
    { text: sent, tone: 'received' },
    { text: `needed: ${mark.needed}`, tone: 'needed' },
    ...(mark.firefoxReason ? [{ text: `Firefox: ${mark.firefoxReason}`, tone: 'error' as const }] : []),
  ];
}

/**
 * A line in rows of `chars` code points, at most ROWS_PER_LINE: broken after
 * a space or comma in a row's second half, else where the row ends; the
 * last row is cut with an ellipsis when the line goes on.
 */
function wrapRows(whole: string, chars: number): { whole: string; rows: string[]; isCut: boolean } {
  const rows: string[] = [];
  let rest = Array.from(whole);
  let width = chars;
  while (rest.length > width && rows.length < ROWS_PER_LINE - 1) {
    const window = rest.slice(0, width);
    const soft = Math.max(window.lastIndexOf(' '), window.lastIndexOf(','));
    const end = soft >= width / 2 ? soft + 1 : width;
    rows.push(`${rows.length > 0 ? INDENT : ''}${rest.slice(0, end).join('')}`);
    rest = rest.slice(end);
    width = chars - INDENT.length;
  }
  const isCut = rest.length > width;
  const last = isCut ? `${rest.slice(0, width - 1).join('')}…` : rest.join('');
  rows.push(`${rows.length > 0 ? INDENT : ''}${last}`);
  return { whole, rows, isCut };
}
