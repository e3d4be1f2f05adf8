import { firefoxReasonOf } from '../browsers/firefoxReasonOf.ts';
import type { Verdict, VerdictStage } from '../cors/verdict.ts';
import type { Exchange } from '../cors/verdict.ts';
import type { DiagramArrowDraft, DiagramArrowKind } from './diagram.ts';

/** The arrows that can carry the failing check of a stage, best first. One case per stage. */
function markedKinds(stage: VerdictStage): readonly DiagramArrowKind[] {
  switch (stage) {
    case 'request':
      return ['refused'];
    case 'connection':
      return ['preflight', 'refused'];
    case 'preflight':
      return ['preflight-answer', 'preflight'];
    case 'redirect':
      return ['redirect'];
    case 'response':
      return ['answer'];
  }
}

/**
 * The failing check on the arrow of the failed URL it belongs to (the
 * preflight's answer, the answer, the redirect, the refusal); on the last
 * arrow, the outcome, when no such arrow is drawn. Firefox's reason for the
 * same failure goes with it, where Firefox has one.
 */
export function withMark(drafts: readonly DiagramArrowDraft[], capture: Pick<Exchange, 'hops'>, verdict: Verdict): DiagramArrowDraft[] {
  const failure = verdict.failure;
  if (!failure) return [...drafts];
  const firefoxReason = firefoxReasonOf(capture, verdict);
  const mark = {
    corsError: failure.corsError,
    failedParameter: failure.failedParameter,
    header: failure.header,
    received: failure.received,
    needed: failure.needed,
    ...(firefoxReason === null ? {} : { firefoxReason }),
  };
  const kinds = verdict.stage === null ? [] : markedKinds(verdict.stage);
  const candidates = drafts.filter((arrow) => arrow.hop === verdict.failedHop && kinds.includes(arrow.kind));
  const target = candidates.sort((a, b) => kinds.indexOf(a.kind) - kinds.indexOf(b.kind))[0] ?? drafts[drafts.length - 1];
  return drafts.map((arrow) => (arrow === target ? { ...arrow, mark, tone: 'bad' } : arrow));
}
