import { sortedByNumber } from '../sortByNumber.ts';
import { isOptionsMethod } from '../fetch/method.ts';
import { serializeOrigin } from '../fetch/origin.ts';
import { PreflightCache } from '../cache/preflightCache.ts';
import { decideVerdict } from '../cors/decideVerdict.ts';
import type { VerdictOptions } from '../cors/hopWalk.ts';
import type { IpAddressSpace, LocalNetworkContext } from '../cors/localNetworkAccess.ts';
import { PreflightChecks } from '../cors/preflightCheck.ts';
import { createHeaderReader } from './headerReader.ts';
import { createUrlReader } from './urlReader.ts';
import { createOpenEventLog } from './openEventLog.ts';
import { createPreflightStoring } from './preflightStoring.ts';
import { methodAfterRedirect } from '../cors/redirect.ts';
import { describeRequest } from './describeRequest.ts';
import {
  currentHop,
  hasOpenPreflight,
  openHop,
  openPreflight,
  openRequest,
  responseOf,
  setPreflightRequestHeaders,
  type OpenHop,
  type OpenPreflight,
  type OpenRequest,
  type UndecidedRequest,
} from './openRequests.ts';
import { createPreflightMatcher } from './preflightMatcher.ts';
import type { Pairing, PairingOptions, PairingStats } from './pairingTypes.ts';
import type { RequestEvent, RequestStarted, SecurityContextSeen } from './requestEvent.ts';
import type { Capture, Transaction } from './transaction.ts';
import { capturedHops, transactionOf } from './transactionParts.ts';

export type { Pairing, PairingOptions, PairingStats } from './pairingTypes.ts';

/** An event of a request already started: what moves an open request or preflight along (each switch over one handles every kind). */
type HopEvent = Exclude<RequestEvent, SecurityContextSeen | RequestStarted>;

/**
 * Pairs each CORS preflight with the request it guards (preflightMatcher.ts)
 * and turns each request into a Transaction with the engine's verdict.
 * Incremental: feed events in the order they happened. A preflight's result
 * enters the cache model once its request goes out; a request is judged when
 * it and its preflight have ended.
 */
export function createPairing(options: PairingOptions = {}): Pairing {
  const cache = options.cache ?? new PreflightCache({ engine: options.rules?.cache });
  // Pairing checks a preflight as its request goes out; the verdict reuses that check.
  const preflightChecks = new PreflightChecks();
  const readHeaders = createHeaderReader();
  const readUrl = createUrlReader();
  // Every verdict is judged with the same model, checks and readers (and, live, what the recording covers then).
  const verdictOptions: VerdictOptions = { cache, storePreflights: false, rules: options.rules, preflightChecks, readHeaders, readUrl };
  // Only what is still open: a judged request (and its preflights) leaves, so
  // a tab's pairing stays as small as its traffic in flight.
  const records = new Map<string, OpenRequest | OpenPreflight | UndecidedRequest>();
  // A preflight no request can claim any more changes nothing: it leaves (the stats still count it).
  const matcher = createPreflightMatcher({ onPreflightDropped: (preflight) => forget(preflight.id), readHeaders });
  // Indexed by seq (start order), so finish() needs no sort.
  const judged: Transaction[] = [];
  const keepJudged = options.keepJudged === true;
  // What the capture showed of each initiator, and of each server's address.
  const securityContexts = new Map<string, LocalNetworkContext>();
  const serverSpaces = new Map<string, IpAddressSpace>();
  const stats: PairingStats = { events: 0, sameOrigin: 0, navigations: 0, notCorsMode: 0, unknownInitiator: 0, unpairedPreflights: 0 };
  // Each open record's events, for openEvents(); dropped once judged.
  const eventLog = createOpenEventLog();
  const keepOpenEvents = options.keepOpenEvents !== false;
  let seq = 0;

  const push = (event: RequestEvent): void => {
    if (keepOpenEvents) eventLog.remember(event);
    handle(event);
  };

  const handle = (event: RequestEvent): void => {
    stats.events++;
    if (event.type === 'security-context') {
      securityContexts.set(event.initiatorOrigin, {
        initiatorAddressSpace: event.addressSpace,
        initiatorIsSecureContext: event.isSecureContext,
        policy: event.policy || undefined,
      });
      return;
    }
    const record = records.get(event.id);
    if (event.type === 'started') {
      if (record?.kind !== 'actual' || record.ended) start(event, seq++);
      return;
    }
    if (!record) return;
    if (record.kind === 'undecided') {
      if (event.type !== 'sent') return;
      records.delete(event.id);
      start({ ...record.started, headers: event.headers }, record.seq);
      handle(event);
    } else if (record.kind === 'preflight') onPreflightEvent(record, event);
    else onRequestEvent(record, event);
  };

  const start = (event: RequestStarted, order: number): void => {
    if (isOptionsMethod(event.method)) {
      if (!event.headers) {
        records.set(event.id, { kind: 'undecided', started: event, seq: order });
        return;
      }
      const preflight = openPreflight(event, event.headers);
      if (preflight) {
        records.set(event.id, preflight);
        matcher.preflightStarted(preflight);
        return;
      }
    }
    const request = openRequest(event, order);
    records.set(event.id, request);
    startHop(request, event.url, event.method, event.time);
  };

  const startHop = (request: OpenRequest, url: string, method: string, time: number): void => {
    const hop = openHop(url, method, time);
    request.hops.push(hop);
    request.described = undefined;
    matcher.hopStarted(request, hop);
  };

  // What describeRequest reads changes only when a hop opens, goes out or
  // gets its preflight: describe once per change, not once per question.
  const describe = (request: OpenRequest) => {
    if (request.described === undefined) request.described = describeRequest(request, securityContexts, readUrl);
    return request.described;
  };
  const preflightStoring = createPreflightStoring({ cache, preflightChecks, readHeaders, describe });

  const onPreflightEvent = (preflight: OpenPreflight, event: HopEvent): void => {
    switch (event.type) {
      case 'sent':
        setPreflightRequestHeaders(preflight, event.headers);
        break;
      case 'response':
      case 'redirect': {
        preflight.response = responseOf(event);
        preflight.responseTime = event.time;
        noteServerSpace(preflight.url, event.addressSpace);
        // A capture may show the request going out before its preflight's answer (HAR times on a loaded machine).
        const hop = preflight.owner?.hops.find((each) => each.preflight === preflight);
        if (preflight.owner && hop && (hop.sentHeaders || hop.response)) hopWentOut(preflight.owner, hop);
        else if (preflight.owner && hop) preflightStoring.answeredBeforeOut(preflight.owner, hop);
        break;
      }
      case 'completed':
      case 'failed':
        preflight.endTime = event.time;
        if (event.type === 'failed') preflight.error = event.error;
        break;
    }
    const owner = preflight.owner;
    if (owner?.waitingForPreflight && !hasOpenPreflight(owner)) {
      owner.waitingForPreflight = false;
      judge(owner);
    }
  };

  const onRequestEvent = (request: OpenRequest, event: HopEvent): void => {
    if (request.ended) return;
    const hop = currentHop(request);
    switch (event.type) {
      case 'sent':
        hop.sentHeaders = event.headers;
        hop.sentTime = event.time;
        request.described = undefined;
        hopWentOut(request, hop);
        break;
      case 'response':
      case 'redirect':
        hop.response = responseOf(event);
        hop.responseTime = event.time;
        noteServerSpace(hop.url, event.addressSpace);
        hopWentOut(request, hop);
        if (event.type === 'redirect') {
          hop.redirectTo = event.location;
          startHop(request, event.location, methodAfterRedirect(event.status, hop.method), event.time);
        }
        break;
      case 'completed':
      case 'failed':
        if (event.type === 'failed') request.error = event.error;
        request.endTime = event.time;
        request.ended = true;
        for (let index = 0; index < request.hops.length; index++) matcher.stopWaitingForPreflight(request, request.hops[index] as OpenHop);
        if (hasOpenPreflight(request)) request.waitingForPreflight = true;
        else judge(request);
        break;
    }
  };

  const noteServerSpace = (url: string, space: IpAddressSpace | undefined): void => {
    if (space && space !== 'unknown') serverSpaces.set(serializeOrigin(url, readUrl), space);
  };

  // Once a hop went out, no preflight can be its own any more, and its own passed (preflightStoring.ts).
  const hopWentOut = (request: OpenRequest, hop: OpenHop): void => {
    matcher.stopWaitingForPreflight(request, hop);
    preflightStoring.wentOut(request, hop);
  };

  const judge = (request: OpenRequest): Transaction | null => {
    forget(request.id);
    preflightStoring.forget(request);
    for (let index = 0; index < request.hops.length; index++) {
      const preflight = request.hops[index]?.preflight;
      if (preflight) forget(preflight.id);
    }
    const transaction = toTransaction(request, true);
    if (!transaction) return null;
    if (keepJudged) judged[request.seq] = transaction;
    options.onTransaction?.(transaction);
    return transaction;
  };

  // A judged request's events can change nothing any more: a later one with
  // its id is ignored, as it was before, unless it starts a new request.
  const forget = (id: string): void => {
    eventLog.forget(id);
    records.delete(id);
  };

  const toTransaction = (open: OpenRequest, count: boolean): Transaction | null => {
    const described = describe(open);
    if (!described) return null;
    const keep = options.includeNonCors === true && (described.skip === 'notCorsMode' || described.skip === 'sameOrigin');
    if (described.request === null || (described.skip !== null && !keep)) {
      if (count && described.skip) stats[described.skip]++;
      return null;
    }
    const hops = capturedHops(open, (url) => serverSpaces.get(serializeOrigin(url, readUrl)));
    preflightStoring.storeHeld();
    const capture: Capture = { request: described.request, hops, preflightsRecorded: options.preflightsRecorded === false ? false : undefined };
    const recording = options.recording?.();
    const verdict = decideVerdict(capture, recording ? { ...verdictOptions, recording } : verdictOptions);
    return transactionOf(open, capture, described.evidence, verdict);
  };

  const finish = (): Transaction[] => {
    const inStartOrder: Transaction[] = keepJudged ? judged : [];
    // Judging removes records: iterate over a copy.
    for (const record of [...records.values()]) {
      if (record.kind !== 'actual') continue;
      let transaction: Transaction | null = null;
      if (record.waitingForPreflight) {
        record.waitingForPreflight = false;
        transaction = judge(record);
      } else if (!record.ended) transaction = toTransaction(record, false);
      if (transaction) inStartOrder[record.seq] = transaction;
    }
    stats.unpairedPreflights = matcher.unclaimed();
    // The seqs of preflights and skipped requests are holes, which Object.values skips.
    return Object.values(inStartOrder);
  };

  const inFlight = (): Transaction[] => {
    const open: { seq: number; transaction: Transaction }[] = [];
    for (const record of records.values()) {
      if (record.kind !== 'actual' || (record.ended && !record.waitingForPreflight)) continue;
      const transaction = toTransaction(record, false);
      if (transaction) open.push({ seq: record.seq, transaction });
    }
    return open.sort((a, b) => a.seq - b.seq).map((entry) => entry.transaction);
  };

  return { cache, push, openEvents: () => eventLog.events(), finish, inFlight, stats: () => ({ ...stats }) };
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
