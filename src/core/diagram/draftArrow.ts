import type { DiagramArrowDraft, DiagramArrowKind, DiagramLane, DiagramLine } from './diagram.ts';

/** Where one URL's arrows are drawn, and how its path is written. */
export interface DrawnHop {
  readonly index: number;
  readonly id: string;
  readonly path: string;
}

/** An arrow of the negotiation, on the hop it belongs to (none: the call and the outcome); the failing check is marked later (withMark). */
export function draftArrow(
  kind: DiagramArrowKind,
  at: DrawnHop | null,
  from: DiagramLane,
  to: DiagramLane,
  title: string,
  lines: readonly DiagramLine[],
  style: DiagramArrowDraft['style'] = 'message',
): DiagramArrowDraft {
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
