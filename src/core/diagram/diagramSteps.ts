import type { SimulationStep } from '../simulator/simulationStep.ts';
import { arrowText, type DiagramArrow, type DiagramArrowKind, type NegotiationDiagram } from './diagram.ts';

/**
 * The simulator step (simulationSteps.ts) that draws each kind of arrow, by
 * the step ids it uses (`hop1.preflight-request`...): stepping through the
 * rules draws the diagram message by message. simulationDiagram.test.ts
 * holds every arrow of every preset to a step that exists.
 */
const STEP_OF: Readonly<Record<DiagramArrowKind, (hop: string) => string>> = {
  call: () => 'cors-request',
  refused: (hop) => `${hop}.refused`,
  preflight: (hop) => `${hop}.preflight-request`,
  'preflight-answer': (hop) => `${hop}.preflight-response`,
  'preflight-unseen': (hop) => `${hop}.cache-lookup`,
  'cache-lookup': (hop) => `${hop}.cache-lookup`,
  'cache-store': (hop) => `${hop}.cache-store`,
  request: (hop) => `${hop}.request`,
  answer: (hop) => `${hop}.response`,
  redirect: (hop) => `${hop}.response`,
  outcome: () => 'result',
};

/**
 * A simulated send's diagram with each arrow tied to the step that draws it,
 * and the mark to the failing check's step (the first failed step), so that
 * `diagramUpTo` can follow "Step through".
 */
export function withSteps(diagram: NegotiationDiagram, steps: readonly SimulationStep[]): NegotiationDiagram {
  const failing = steps.find((step) => step.status === 'failed')?.id;
  return {
    ...diagram,
    arrows: diagram.arrows.map((arrow): DiagramArrow => {
      const step = STEP_OF[arrow.kind](`hop${(arrow.hop ?? 0) + 1}`);
      return { ...arrow, step, mark: arrow.mark && { ...arrow.mark, step: failing ?? step } };
    }),
  };
}

/** The diagram as far as the shown steps go: arrows whose step is shown, marks whose step is shown. Null shows everything. */
export function diagramUpTo(diagram: NegotiationDiagram, shownSteps: ReadonlySet<string> | null): NegotiationDiagram {
  if (shownSteps === null) return diagram;
  const shown = (step: string | undefined): boolean => step === undefined || shownSteps.has(step);
  return {
    ...diagram,
    arrows: diagram.arrows.filter((arrow) => shown(arrow.step)).map((arrow) => (arrow.mark && !shown(arrow.mark.step) ? hideMark(arrow) : arrow)),
  };
}

function hideMark(arrow: DiagramArrow): DiagramArrow {
  const hidden = { ...arrow, mark: null, tone: 'plain' as const };
  return { ...hidden, text: arrowText(hidden) };
}
