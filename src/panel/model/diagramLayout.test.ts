import { describe, expect, it } from 'vitest';
import { arrowText, type DiagramArrow, type NegotiationDiagram } from '../../core/diagram/diagram.ts';
import { sendDiagramInput } from '../../core/diagram/diagramInput.ts';
import { negotiationDiagram } from '../../core/diagram/negotiationDiagram.ts';
import { playSimulation } from '../../core/simulator/playSimulation.ts';
import { presetById } from '../../core/simulator/presets.ts';
import { clock } from '../../core/simulator/simulationStep.ts';
import { layoutDiagram, MIN_DIAGRAM_WIDTH } from './diagramLayout.ts';
import { cutText } from './displayText.ts';

function presetDiagram(id: string, sends = [0]): NegotiationDiagram {
  const simulation = presetById(id)?.simulation;
  if (!simulation) throw new Error(id);
  const send = playSimulation({ ...simulation, sends }).sends.at(-1);
  if (!send) throw new Error(id);
  return negotiationDiagram(sendDiagramInput(send), { time: clock });
}

/** Where each drawn text ends, at the monospace widths the layout assumes. */
function rightEdges(diagram: NegotiationDiagram, width: number): number[] {
  const layout = layoutDiagram(diagram, width);
  return layout.rows.flatMap((row) => [
    row.titleX + Array.from(row.title.shown).length * 7.2,
    ...(row.note ? [row.note.x + row.note.width, ...row.note.lines.map((line) => (row.note?.x ?? 0) + 4 + Array.from(line.shown).length * 6.6)] : []),
  ]);
}

describe('layoutDiagram', () => {
  it('at 420 px, keeps every text inside the drawing, cutting what does not fit', () => {
    for (const id of ['delete-x-requested-with-max-age', 'object-store-403', 'messaging-json-post']) {
      for (const edge of rightEdges(presetDiagram(id), 420)) expect(edge).toBeLessThanOrEqual(420 - 8);
    }
  });

  it('places the lanes left to right with the cache beside the browser, one row per arrow in order', () => {
    const diagram = presetDiagram('delete-x-requested-with-max-age');
    const layout = layoutDiagram(diagram, 420);
    const [page, browser, server] = layout.lanes;
    expect([page?.lane, browser?.lane, server?.lane]).toEqual(['page', 'browser', 'server']);
    expect((page?.x ?? 0) < (browser?.x ?? 0) && (browser?.x ?? 0) < layout.cacheX && layout.cacheX < (server?.x ?? 0)).toBe(true);
    expect(layout.rows.map((row) => row.arrow.id)).toEqual(diagram.arrows.map((arrow) => arrow.id));
    for (let index = 1; index < layout.rows.length; index++)
      expect(layout.rows[index]?.y).toBe((layout.rows[index - 1]?.y ?? 0) + (layout.rows[index - 1]?.height ?? 0));
    expect(layout.height).toBeGreaterThan(layout.rows.at(-1)?.y ?? 0);
  });

  it('narrow, a note takes the whole width; wide, it sits beside its arrow', () => {
    const diagram = presetDiagram('delete-x-requested-with-max-age');
    const preflight = (width: number) => layoutDiagram(diagram, width).rows.find((row) => row.arrow.kind === 'preflight')?.note?.x;
    expect(preflight(420)).toBeLessThan(20);
    expect(preflight(1000)).toBeGreaterThan(380);
  });

  it('wraps a long line onto a second row, indented, and cuts it past that; the note keeps it whole', () => {
    const diagram = presetDiagram('delete-x-requested-with-max-age');
    const store = layoutDiagram(diagram, 420).rows.find((row) => row.arrow.kind === 'cache-store');
    expect(store?.note?.lines.map((line) => line.shown)).toEqual([
      'Chromium: kept 7200 s (Access-Control-Max-Age: 86400, ',
      '  capped)',
      'Firefox: kept 86400 s (Access-Control-Max-Age: 86400)',
      'Expires: t = 7200 s',
    ]);
    const long = {
      ...diagram,
      arrows: diagram.arrows.map((arrow) => (arrow.kind === 'answer' ? { ...arrow, lines: [{ name: 'X', value: 'v'.repeat(400) }] } : arrow)),
    };
    const answer = layoutDiagram(long, 420).rows.find((row) => row.arrow.kind === 'answer');
    expect(answer?.note?.lines).toHaveLength(2);
    expect(answer?.note?.lines[1]?.shown).toMatch(/^ {2}v+…$/);
    expect(answer?.note?.sources).toEqual([{ whole: `X: ${'v'.repeat(400)}`, tone: 'plain', isCut: true }]);
  });

  it('never draws narrower than its minimum (the canvas scrolls instead)', () => {
    expect(layoutDiagram(presetDiagram('simple-get'), 120).width).toBe(MIN_DIAGRAM_WIDTH);
  });

  it('puts the failing check under its arrow: the code, what was sent, what was needed', () => {
    const row = layoutDiagram(presetDiagram('object-store-403'), 420).rows.find((each) => each.arrow.mark);
    expect(row?.note?.sources.map((line) => [line.tone, line.whole])).toEqual([
      ['plain', 'No Access-Control-* header'],
      ['error', '✕ PreflightMissingAllowOriginHeader'],
      ['received', 'sent Access-Control-Allow-Origin: (absent)'],
      ['needed', 'needed: https://app.example'],
      ['error', 'Firefox: CORSMissingAllowOrigin'],
    ]);
  });

  it("draws Firefox's reason last under the mark, and says it in the arrow's words", () => {
    const row = layoutDiagram(presetDiagram('object-store-403'), 420).rows.find((each) => each.arrow.mark);
    expect(row?.note?.sources.at(-1)?.whole).toBe('Firefox: CORSMissingAllowOrigin');
    expect(arrowText(row?.arrow as DiagramArrow)).toContain('Firefox: CORSMissingAllowOrigin.');
  });
});

describe('cutText', () => {
  it('cuts with an ellipsis, by code point, and keeps the whole text', () => {
    expect(cutText('Access-Control-Allow-Origin', 10)).toEqual({ shown: 'Access-Co…', whole: 'Access-Control-Allow-Origin', isCut: true });
    expect(cutText('short', 10)).toEqual({ shown: 'short', whole: 'short', isCut: false });
    expect(cutText('😀😀😀😀', 3).shown).toBe('😀😀…');
  });

  it('writes control and bidi-control characters as \\uXXXX, never cutting the whole', () => {
    expect(cutText(`a\u0007\u202e${'b'.repeat(300)}`, 10)).toEqual({ shown: 'a\\u0007\\u…', whole: `a\\u0007\\u202e${'b'.repeat(300)}`, isCut: true });
  });
});
