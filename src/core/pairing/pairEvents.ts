import { sortedByNumber } from '../sortByNumber.ts';
import { isOptionsMethod } from '../fetch/method.ts';
import type { PreflightCache } from '../cache/preflightCache.ts';
import { onPreflightEvent, onRequestEvent, startHop } from './hopEvents.ts';
import { judge, toTransaction } from './judgeRequest.ts';
import { openPreflight, openRequest } from './openRequests.ts';
import { createPairingState, type PairingState } from './pairingState.ts';
import type { Pairing, PairingOptions, PairingStats } from './pairingTypes.ts';
import type { RequestEvent, RequestStarted } from './requestEvent.ts';
import type { Transaction } from './transaction.ts';

export type { Pairing, PairingOptions, PairingStats } from './pairingTypes.ts';

/**
 * Pairs each CORS preflight with the request it guards (preflightMatcher.ts)
 * and turns each request into a Transaction with the engine's verdict.
 * Incremental: feed events in the order they happened. A preflight's result
 * enters the cache model once its request goes out; a request is judged when
 * it and its preflight have ended.
 */
export function createPairing(options: PairingOptions = {}): Pairing {
  const state = createPairingState(options);
  const { records, eventLog, stats } = state;

  const push = (event: RequestEvent): void => {
    if (state.keepOpenEvents) eventLog.remember(event);
    handle(state, event);
  };

  const finish = (): Transaction[] => {
    const inStartOrder: Transaction[] = state.keepJudged ? state.judged : [];
    // Judging removes records: iterate over a copy.
    for (const record of [...records.values()]) {
      if (record.kind !== 'actual') continue;
      let transaction: Transaction | null = null;
      if (record.waitingForPreflight) {
        record.waitingForPreflight = false;
        transaction = judge(state, record);
      } else if (!record.ended) transaction = toTransaction(state, record, false);
      if (transaction) inStartOrder[record.seq] = transaction;
    }
    stats.unpairedPreflights = state.matcher.unclaimed();
    // The seqs of preflights and skipped requests are holes, which Object.values skips.
    return Object.values(inStartOrder);
  };

  const inFlight = (): Transaction[] => {
    const open: { seq: number; transaction: Transaction }[] = [];
    for (const record of records.values()) {
      if (record.kind !== 'actual' || (record.ended && !record.waitingForPreflight)) continue;
      const transaction = toTransaction(state, record, false);
      if (transaction) open.push({ seq: record.seq, transaction });
    }
    return open.sort((a, b) => a.seq - b.seq).map((entry) => entry.transaction);
  };

  return { cache: state.cache, push, openEvents: () => eventLog.events(), finish, inFlight, stats: () => ({ ...stats }) };
}

function handle(state: PairingState, event: RequestEvent): void {
  state.stats.events++;
  if (event.type === 'security-context') {
    state.securityContexts.set(event.initiatorOrigin, {
      initiatorAddressSpace: event.addressSpace,
      initiatorIsSecureContext: event.isSecureContext,
      policy: event.policy || undefined,
    });
    return;
  }
  const record = state.records.get(event.id);
  if (event.type === 'started') {
    if (record?.kind !== 'actual' || record.ended) start(state, event, state.seq++);
    return;
  }
  if (!record) return;
  if (record.kind === 'undecided') {
    if (event.type !== 'sent') return;
    state.records.delete(event.id);
    start(state, { ...record.started, headers: event.headers }, record.seq);
    handle(state, event);
  } else if (record.kind === 'preflight') onPreflightEvent(state, record, event);
  else onRequestEvent(state, record, event);
}

function start(state: PairingState, event: RequestStarted, order: number): void {
  if (isOptionsMethod(event.method)) {
    if (!event.headers) {
      state.records.set(event.id, { kind: 'undecided', started: event, seq: order });
      return;
    }
    const preflight = openPreflight(event, event.headers);
    if (preflight) {
      state.records.set(event.id, preflight);
      state.matcher.preflightStarted(preflight);
      return;
    }
  }
  const request = openRequest(event, order);
  state.records.set(event.id, request);
  startHop(state, request, event.url, event.method, event.time);
}

/**
 * Pairs a whole, finished stream of events (a HAR file, a CDP capture). Events
 * are taken in time order; ties keep their given order.
 */
export function pairEvents(
  events: readonly RequestEvent[],
  options: PairingOptions = {},
): { transactions: Transaction[]; stats: PairingStats; cache: PreflightCache } {
  const pairing = createPairing({ keepOpenEvents: false, keepJudged: true, ...options });
  // Ties keep their arrival order.
  const inTimeOrder = sortedByNumber(events, (each) => each.time);
  for (let index = 0; index < inTimeOrder.length; index++) pairing.push(inTimeOrder[index] as RequestEvent);
  return { transactions: pairing.finish(), stats: pairing.stats(), cache: pairing.cache };
}
