import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import type { NegotiationDiagram } from '../core/diagram/diagram.ts';
import { transactionDiagramInput } from '../core/diagram/diagramInput.ts';
import { negotiationDiagram } from '../core/diagram/negotiationDiagram.ts';
import { PAGE, preflightedPut } from '../core/explain/testTransactions.ts';
import { SequenceDiagram } from './SequenceDiagram.tsx';

// The component rendered to markup (no DOM needed): what it emits for
// assistive technology, and that values from the network stay text.

const PAYLOAD = '<img src=x onerror="alert(1)"><script>alert(2)</script>';

function diagramAnswering(value: string): NegotiationDiagram {
  return negotiationDiagram(
    transactionDiagramInput(
      preflightedPut('x-a', 204, [
        ['Access-Control-Allow-Origin', PAGE],
        ['Access-Control-Allow-Methods', value],
      ]),
    ),
    { time: String },
  );
}

describe('SequenceDiagram', () => {
  it('is a list with one item per arrow, in order, each named by its whole text; only the first is a tab stop', () => {
    const diagram = diagramAnswering('GET');
    const markup = renderToStaticMarkup(<SequenceDiagram diagram={diagram} />);
    expect(markup).toContain('role="list" aria-label="The negotiation, message by message"');
    const names = [...markup.matchAll(/role="listitem" aria-label="([^"]*)" tabindex="(-?\d)"/g)].map((match) => [match[1], match[2]]);
    expect(names.map(([name]) => name)).toEqual(diagram.arrows.map((arrow) => arrow.text.replaceAll('"', '&quot;')));
    expect(names.map(([, tabindex]) => tabindex)).toEqual(['0', '-1', '-1', '-1']);
    expect(markup).toContain('<details class="seq" open="">');
  });

  it('renders markup from the network as text, cut to the width, and control characters as visible code points', () => {
    const markup = renderToStaticMarkup(<SequenceDiagram diagram={diagramAnswering(`${PAYLOAD}\u202e\u0007${'x'.repeat(500)}`)} />);
    expect(markup).not.toMatch(/<img|<script/);
    expect(markup).toContain('&lt;img src=x onerror=');
    expect(markup).toContain('\\u202e\\u0007');
    expect(markup).not.toContain('\u202e');
    // The drawn line goes on in a second row and is cut there; the arrow's name holds the whole value.
    expect(markup).toMatch(/>Access-Control-Allow-Methods: &lt;img src=x <\/text>.*?> {2}onerror=&quot;alert\(1\)&quot;&gt;[^<]*…<\/text>/);
    expect(markup).toContain('x'.repeat(500));
  });
});
