import { useMemo, useRef, useState, type KeyboardEvent } from 'react';
import type { NegotiationDiagram } from '../core/diagram/diagram.ts';
import { printable } from '../core/printable.ts';
import { layoutDiagram, type ArrowLayout, type DiagramLayout } from './model/diagramLayout.ts';
import { useElementWidth } from './model/useElementWidth.ts';

interface Props {
  readonly diagram: NegotiationDiagram;
  /** Said under the heading (the simulator names the send drawn). */
  readonly caption?: string;
}

/** The width the drawing assumes before it is measured: the panel's narrow width. */
const FIRST_WIDTH = 420;
const NOTE_CHAR = 6.6;

/**
 * The negotiation as a sequence diagram, drawn in SVG from core data
 * (src/core/diagram/): page, browser with its preflight cache, and server;
 * one arrow per message. It is a list for assistive technology: each arrow a
 * focusable item whose name is its whole text, read in order. Text is cut to
 * fit the width and shown whole on hover or focus. Everything from the
 * network is rendered as text.
 */
export function SequenceDiagram({ diagram, caption }: Props) {
  const [canvas, width] = useElementWidth<HTMLDivElement>(FIRST_WIDTH);
  const layout = useMemo(() => layoutDiagram(diagram, width), [diagram, width]);
  const [active, setActive] = useState<string | null>(null);
  const [focusable, setFocusable] = useState(0);
  const svg = useRef<SVGSVGElement>(null);
  const [page, , server] = diagram.lanes;
  const activeRow = layout.rows.find((row) => row.arrow.id === active);

  const moveFocus = (event: KeyboardEvent, index: number): void => {
    const last = layout.rows.length - 1;
    const next = { ArrowDown: index + 1, ArrowUp: index - 1, Home: 0, End: last }[event.key];
    if (next === undefined) return;
    event.preventDefault();
    const items = svg.current?.querySelectorAll<SVGGElement>('[role="listitem"]');
    items?.[Math.max(0, Math.min(last, next))]?.focus();
  };

  return (
    <details className="seq" open>
      <summary>Sequence diagram</summary>
      {caption && <p className="seq-caption">{caption}</p>}
      <p className="seq-lanes">
        {'Page '}
        <code>{printable(page?.subtitle ?? '', Infinity)}</code>
        {', browser with its preflight cache, server '}
        <code>{printable(server?.subtitle ?? '', Infinity)}</code>
      </p>
      <div className="seq-canvas" ref={canvas}>
        <svg
          ref={svg}
          role="list"
          aria-label="The negotiation, message by message"
          width={layout.width}
          height={layout.height}
          viewBox={`0 0 ${layout.width} ${layout.height}`}
        >
          <Lanes layout={layout} />
          {layout.rows.map((row, index) => (
            <ArrowRow
              key={row.arrow.id}
              row={row}
              width={layout.width}
              focusable={index === Math.min(focusable, layout.rows.length - 1)}
              onActive={(isActive) => {
                setActive(isActive ? row.arrow.id : null);
                if (isActive) setFocusable(index);
              }}
              onKeyDown={(event) => moveFocus(event, index)}
            />
          ))}
        </svg>
        {activeRow && <WholeText row={activeRow} height={layout.height} />}
      </div>
    </details>
  );
}

function Lanes({ layout }: { readonly layout: DiagramLayout }) {
  const bottom = layout.height - 4;
  return (
    <g aria-hidden="true" className="seq-lanes-drawing">
      {layout.lanes.map((lane) => (
        <g key={lane.lane}>
          <text className="seq-lane-title" x={lane.x} y={14} textAnchor="middle">
            {lane.title}
          </text>
          <line className="seq-lifeline" x1={lane.x} x2={lane.x} y1={layout.headHeight - 6} y2={bottom} />
        </g>
      ))}
      <text className="seq-cache-title" x={layout.cacheX} y={29} textAnchor="middle">
        cache
      </text>
      <line className="seq-cacheline" x1={layout.cacheX} x2={layout.cacheX} y1={layout.headHeight - 6} y2={bottom} />
    </g>
  );
}

interface RowProps {
  readonly row: ArrowLayout;
  readonly width: number;
  readonly focusable: boolean;
  readonly onActive: (isActive: boolean) => void;
  readonly onKeyDown: (event: KeyboardEvent) => void;
}

function ArrowRow({ row, width, focusable, onActive, onKeyDown }: RowProps) {
  const { arrow, note } = row;
  return (
    <g
      role="listitem"
      aria-label={printable(arrow.text, Infinity)}
      tabIndex={focusable ? 0 : -1}
      className={`seq-arrow seq-${arrow.kind} tone-${arrow.tone} style-${arrow.style}${arrow.mark ? ' marked' : ''}`}
      data-arrow={arrow.id}
      onFocus={() => onActive(true)}
      onBlur={() => onActive(false)}
      onMouseEnter={() => onActive(true)}
      onMouseLeave={() => onActive(false)}
      onKeyDown={onKeyDown}
    >
      <rect className="seq-row" x={1} y={row.y + 1} width={width - 2} height={row.height - 4} rx={3} />
      <text className="seq-title" x={row.titleX} y={row.titleY}>
        {row.title.shown}
      </text>
      <path className="seq-shaft" d={row.path} />
      <polygon className="seq-head" points={row.head} />
      {note && (
        <g className="seq-note">
          <rect className="seq-note-box" x={note.x} y={note.y} width={note.width} height={note.height} rx={2} />
          {note.lines.map((line, index) => (
            <g key={index} className={`seq-line seq-line-${line.tone}`}>
              {line.tone !== 'plain' && (
                <rect
                  className="seq-line-mark"
                  x={note.x + 2}
                  y={line.y - 11}
                  width={Math.min(note.width - 4, Array.from(line.shown).length * NOTE_CHAR + 4)}
                  height={14}
                />
              )}
              <text x={note.x + 4} y={line.y}>
                {line.shown}
              </text>
            </g>
          ))}
        </g>
      )}
    </g>
  );
}

/**
 * The hovered or focused arrow's title and lines, whole, shown only when
 * something there was cut: under its row, or above it in the lower half
 * (so that it stays inside the drawing).
 */
function WholeText({ row, height }: { readonly row: ArrowLayout; readonly height: number }) {
  const lines = row.note?.sources ?? [];
  if (!row.title.isCut && !lines.some((line) => line.isCut)) return null;
  const place = row.y > height / 2 ? { bottom: height - row.y + 2 } : { top: row.y + row.height - 6 };
  return (
    <div className="seq-whole" aria-hidden="true" style={place}>
      <strong>{row.title.whole}</strong>
      {lines.map((line, index) => (
        <span key={index} className={`seq-whole-${line.tone}`}>
          {line.whole}
        </span>
      ))}
    </div>
  );
}
