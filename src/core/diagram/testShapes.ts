import type { NegotiationDiagram } from './diagram.ts';

/**
 * Shared by the diagram tests: a diagram's arrows in order as one line, each
 * by its kind, `[CorsError]` on the marked one, `~` on a message never sent
 * and `…` on one still waiting: "call > preflight > preflight-answer[…] > outcome".
 */
export function shapeOf(diagram: NegotiationDiagram): string {
  return diagram.arrows
    .map((arrow) => `${arrow.kind}${arrow.style === 'not-sent' ? '~' : arrow.style === 'pending' ? '…' : ''}${arrow.mark ? `[${arrow.mark.corsError}]` : ''}`)
    .join(' > ');
}
