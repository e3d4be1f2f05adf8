import { serializeOrigin } from '../fetch/origin.ts';
import { decideVerdict } from '../cors/decideVerdict.ts';
import { describeRequest, type DescribedRequest } from './describeRequest.ts';
import type { OpenRequest } from './openRequests.ts';
import type { PairingState } from './pairingState.ts';
import type { Capture, Transaction } from './transaction.ts';
import { capturedHops, transactionOf } from './transactionParts.ts';

// What describeRequest reads changes only when a hop opens, goes out or
// gets its preflight: describe once per change, not once per question.
export function describeOnce(state: PairingState, request: OpenRequest): DescribedRequest | null {
  if (request.described === undefined) request.described = describeRequest(request, state.securityContexts, state.readUrl);
  return request.described;
}

/** Judges an ended request (engine verdict: decideVerdict), hands the transaction on, and forgets the request and its preflights. */
export function judge(state: PairingState, request: OpenRequest): Transaction | null {
  forget(state, request.id);
  state.preflightStoring.forget(request);
  for (let index = 0; index < request.hops.length; index++) {
    const preflight = request.hops[index]?.preflight;
    if (preflight) forget(state, preflight.id);
  }
  const transaction = toTransaction(state, request, true);
  if (!transaction) return null;
  if (state.keepJudged) state.judged[request.seq] = transaction;
  state.options.onTransaction?.(transaction);
  return transaction;
}

// A judged request's events can change nothing any more: a later one with
// its id is ignored, as it was before, unless it starts a new request.
export function forget(state: PairingState, id: string): void {
  state.eventLog.forget(id);
  state.records.delete(id);
}

/** The request as it stands, with its verdict; null when it is left out (counted in the stats when `count`). */
export function toTransaction(state: PairingState, open: OpenRequest, count: boolean): Transaction | null {
  const { options } = state;
  const described = describeOnce(state, open);
  if (!described) return null;
  const keep = options.includeNonCors === true && (described.skip === 'notCorsMode' || described.skip === 'sameOrigin');
  if (described.request === null || (described.skip !== null && !keep)) {
    if (count && described.skip) state.stats[described.skip]++;
    return null;
  }
  const hops = capturedHops(open, (url) => state.serverSpaces.get(serializeOrigin(url, state.readUrl)));
  state.preflightStoring.storeHeld();
  const capture: Capture = { request: described.request, hops, preflightsRecorded: options.preflightsRecorded === false ? false : undefined };
  const recording = options.recording?.();
  const verdict = decideVerdict(capture, recording ? { ...state.verdictOptions, recording } : state.verdictOptions);
  return transactionOf(open, capture, described.evidence, verdict);
}
