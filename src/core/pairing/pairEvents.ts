import { accessControlRequestHeadersValue } from '../fetch/corsUnsafeRequestHeaderNames.ts';
import { getHeader, type HeaderList } from '../fetch/headers.ts';
import { isSameOrigin, serializeOrigin } from '../fetch/origin.ts';
import { PreflightCache } from '../cache/preflightCache.ts';
import { isCorsEnabledMode, type CorsRequest } from '../cors/corsRequest.ts';
import { decideVerdict } from '../cors/decideVerdict.ts';
import { preflightBypassesCache } from '../cors/preflightEvidence.ts';
import { checkPreflightResponse } from '../cors/preflightCheck.ts';
import { methodAfterRedirect } from '../cors/redirect.ts';
import type { IpAddressSpace, LocalNetworkContext } from '../cors/localNetworkAccess.ts';
import type { ObservedHop, ObservedResponse } from '../cors/verdict.ts';
import type { RequestContext, RequestEvent, RequestStarted } from './requestEvent.ts';
import type { CapturedHop, CapturedPreflight, Transaction } from './transaction.ts';
import { hasCacheBypassMarkers, inferCredentials, inferInitiatorOrigin, inferMode, pageHeadersFromWire, type RequestFacts } from './wireEvidence.ts';

/** What pairing left out, by reason: counts only. */
export interface PairingStats {
  events: number;
  sameOrigin: number;
  navigations: number;
  notCorsMode: number;
  unknownInitiator: number;
  /** Preflights no request claimed (the request was outside the capture). */
  unpairedPreflights: number;
}

export interface PairingOptions {
  /** The preflight-cache model to consult and feed (a fresh one by default). */
  readonly cache?: PreflightCache;
  /** Called as each transaction ends. */
  readonly onTransaction?: (transaction: Transaction) => void;
  /** Also emit no-cors and same-origin requests (as "not-cors"), which are otherwise only counted. */
  readonly includeNonCors?: boolean;
  /** False for sources that never record preflights (see Exchange.preflightsRecorded). */
  readonly preflightsRecorded?: boolean;
}

export interface Pairing {
  readonly cache: PreflightCache;
  push(event: RequestEvent): void;
  /** Ends every request still open (as in flight) and returns all transactions in start order. */
  finish(): Transaction[];
  stats(): PairingStats;
}

interface Hop {
  url: string;
  method: string;
  startTime: number;
  sentHeaders?: HeaderList;
  sentTime?: number;
  response?: ObservedResponse;
  responseTime?: number;
  redirectTo?: string;
  preflight?: Preflight;
  /** The preflight's result went into the cache model (once the hop went out). */
  settled: boolean;
}

interface Actual {
  kind: 'actual';
  seq: number;
  id: string;
  method: string;
  pageHeaders?: HeaderList;
  initiatorOrigin?: string;
  resourceType?: string;
  context?: RequestContext;
  preflightFor?: string;
  sendingVisible: boolean;
  startTime: number;
  hops: Hop[];
  endTime?: number;
  error?: string;
  ended: boolean;
  /** Ended, but judged only once its preflight has ended too (they may end in the same millisecond). */
  waitingForPreflight: boolean;
}

interface Preflight {
  kind: 'preflight';
  id: string;
  url: string;
  startTime: number;
  requestHeaders: HeaderList;
  requestMethod: string;
  context?: RequestContext;
  preflightFor?: string;
  response?: ObservedResponse;
  responseTime?: number;
  endTime?: number;
  error?: string;
  claimed: boolean;
  owner?: Actual;
}

/** An OPTIONS request whose headers have not arrived yet (webRequest's onBeforeRequest). */
interface Undecided {
  kind: 'undecided';
  started: RequestStarted;
  seq: number;
}

/**
 * Pairs each CORS preflight with the request it guards and turns each
 * request into a Transaction with the engine's verdict. Pairing never uses
 * request ids (a preflight has its own, and they interleave): a preflight
 * belongs to the earliest open request with the same tab and frame, the same
 * URL, the method it names in Access-Control-Request-Method and, preferably,
 * the header list it names in Access-Control-Request-Headers; a preflight
 * seen before its request waits for it. Incremental: feed events in the
 * order they happened.
 */
export function createPairing(options: PairingOptions = {}): Pairing {
  const cache = options.cache ?? new PreflightCache();
  const records = new Map<string, Actual | Preflight | Undecided>();
  const awaiting = new Map<string, Actual[]>();
  const orphans = new Map<string, Preflight[]>();
  const finished: { seq: number; transaction: Transaction }[] = [];
  // What the capture showed of each initiator, and of each server's address.
  const securityContexts = new Map<string, LocalNetworkContext>();
  const serverSpaces = new Map<string, IpAddressSpace>();
  const stats: PairingStats = { events: 0, sameOrigin: 0, navigations: 0, notCorsMode: 0, unknownInitiator: 0, unpairedPreflights: 0 };
  let seq = 0;

  const push = (event: RequestEvent): void => {
    stats.events++;
    if (event.type === 'security-context') {
      securityContexts.set(event.initiatorOrigin, {
        initiatorAddressSpace: event.addressSpace,
        initiatorIsSecureContext: event.isSecureContext,
        ...(event.policy ? { policy: event.policy } : {}),
      });
      return;
    }
    const record = records.get(event.id);
    if (event.type === 'started') {
      if (record?.kind === 'actual' && !record.ended) return;
      start(event, seq++);
      return;
    }
    if (!record) return;
    if (record.kind === 'undecided') {
      if (event.type !== 'sent') return;
      records.delete(event.id);
      start({ ...record.started, headers: event.headers }, record.seq);
      push(event);
      return;
    }
    if (record.kind === 'preflight') onPreflightEvent(record, event);
    else onActualEvent(record, event);
  };

  const start = (event: RequestStarted, order: number): void => {
    const method = event.method;
    if (method.toUpperCase() === 'OPTIONS') {
      if (!event.headers) {
        records.set(event.id, { kind: 'undecided', started: event, seq: order });
        return;
      }
      const requestMethod = getHeader(event.headers, 'Access-Control-Request-Method');
      if (requestMethod !== null) {
        const preflight: Preflight = {
          kind: 'preflight',
          id: event.id,
          url: event.url,
          startTime: event.time,
          requestHeaders: event.headers,
          requestMethod,
          claimed: false,
          ...(event.context ? { context: event.context } : {}),
          ...(event.preflightFor ? { preflightFor: event.preflightFor } : {}),
        };
        records.set(event.id, preflight);
        claimPreflight(preflight);
        return;
      }
    }
    const actual: Actual = {
      kind: 'actual',
      seq: order,
      id: event.id,
      method,
      startTime: event.time,
      sendingVisible: event.sendingVisible !== false,
      hops: [],
      ended: false,
      waitingForPreflight: false,
      ...(event.headers ? { pageHeaders: event.headers } : {}),
      ...(event.initiatorOrigin ? { initiatorOrigin: event.initiatorOrigin } : {}),
      ...(event.resourceType ? { resourceType: event.resourceType } : {}),
      ...(event.context ? { context: event.context } : {}),
    };
    records.set(event.id, actual);
    openHop(actual, event.url, method, event.time);
  };

  const openHop = (actual: Actual, url: string, method: string, time: number): void => {
    const hop: Hop = { url, method, startTime: time, settled: false };
    actual.hops.push(hop);
    const key = matchKey(url, method);
    const waiting = orphans.get(key);
    const orphan = waiting && bestMatch(waiting, (preflight) => score(actual, hop, preflight));
    if (orphan) {
      removeFrom(orphans, key, orphan);
      attach(actual, hop, orphan);
      return;
    }
    addTo(awaiting, key, actual);
  };

  const claimPreflight = (preflight: Preflight): void => {
    const key = matchKey(preflight.url, preflight.requestMethod);
    const candidates = awaiting.get(key);
    const actual = candidates && bestMatch(candidates, (candidate) => score(candidate, currentHop(candidate), preflight));
    if (!actual) {
      addTo(orphans, key, preflight);
      return;
    }
    removeFrom(awaiting, key, actual);
    attach(actual, currentHop(actual), preflight);
  };

  const attach = (actual: Actual, hop: Hop, preflight: Preflight): void => {
    preflight.claimed = true;
    preflight.owner = actual;
    hop.preflight = preflight;
  };

  const score = (actual: Actual, hop: Hop, preflight: Preflight): number => {
    if (hop.preflight || hop.sentHeaders || hop.response || actual.ended) return -1;
    if (!sameContext(actual.context, preflight.context)) return -1;
    const origin = getHeader(preflight.requestHeaders, 'Origin');
    if (origin !== null && origin !== 'null' && actual.initiatorOrigin && origin !== actual.initiatorOrigin) return -1;
    let points = 1;
    if (preflight.preflightFor === actual.id || actual.preflightFor === preflight.id) points += 8;
    const headers = actual.pageHeaders ?? [];
    if (accessControlRequestHeadersValue(headers) === (getHeader(preflight.requestHeaders, 'Access-Control-Request-Headers') ?? '')) points += 2;
    return points;
  };

  const onPreflightEvent = (preflight: Preflight, event: RequestEvent): void => {
    switch (event.type) {
      case 'sent':
        preflight.requestHeaders = event.headers;
        break;
      case 'response':
      case 'redirect':
        preflight.response = responseOf(event);
        preflight.responseTime = event.time;
        noteServerSpace(preflight.url, event.addressSpace);
        break;
      case 'completed':
        preflight.endTime = event.time;
        break;
      case 'failed':
        preflight.endTime = event.time;
        preflight.error = event.error;
        break;
    }
    const owner = preflight.owner;
    if (owner?.waitingForPreflight && !hasOpenPreflight(owner)) {
      owner.waitingForPreflight = false;
      judge(owner);
    }
  };

  const onActualEvent = (actual: Actual, event: RequestEvent): void => {
    if (actual.ended) return;
    const hop = currentHop(actual);
    switch (event.type) {
      case 'sent':
        hop.sentHeaders = event.headers;
        hop.sentTime = event.time;
        leaveAwaiting(actual, hop);
        settle(actual, hop);
        break;
      case 'response':
        hop.response = responseOf(event);
        hop.responseTime = event.time;
        noteServerSpace(hop.url, event.addressSpace);
        leaveAwaiting(actual, hop);
        settle(actual, hop);
        break;
      case 'redirect': {
        hop.response = responseOf(event);
        hop.responseTime = event.time;
        noteServerSpace(hop.url, event.addressSpace);
        hop.redirectTo = event.location;
        leaveAwaiting(actual, hop);
        settle(actual, hop);
        openHop(actual, event.location, methodAfterRedirect(event.status, hop.method), event.time);
        break;
      }
      case 'completed':
      case 'failed':
        if (event.type === 'failed') actual.error = event.error;
        actual.endTime = event.time;
        end(actual);
        break;
    }
  };

  const noteServerSpace = (url: string, space: IpAddressSpace | undefined): void => {
    if (space && space !== 'unknown') serverSpaces.set(serializeOrigin(url), space);
  };

  const leaveAwaiting = (actual: Actual, hop: Hop): void => {
    removeFrom(awaiting, matchKey(hop.url, hop.method), actual);
  };

  // Once a hop went out, its preflight passed: its result enters the cache
  // model at the time the preflight answered, for the credentials mode the
  // request turned out to have.
  const settle = (actual: Actual, hop: Hop): void => {
    const preflight = hop.preflight;
    if (hop.settled || !preflight?.response) return;
    hop.settled = true;
    const request = describe(actual);
    if (!request) return;
    const hopIndex = actual.hops.indexOf(hop);
    const origin = hopIndex === 0 ? request.initiatorOrigin : getHeader(preflight.requestHeaders, 'Origin') ?? request.initiatorOrigin;
    const check = checkPreflightResponse({ url: hop.url, method: hop.method, headers: request.headers, credentials: request.credentials, origin, response: preflight.response });
    if (check.passed) cache.store({ origin: request.initiatorOrigin, url: hop.url }, check.result, preflight.responseTime ?? preflight.startTime);
  };

  const end = (actual: Actual): void => {
    actual.ended = true;
    for (const hop of actual.hops) leaveAwaiting(actual, hop);
    if (hasOpenPreflight(actual)) actual.waitingForPreflight = true;
    else judge(actual);
  };

  const judge = (actual: Actual): void => {
    const transaction = toTransaction(actual, true);
    if (transaction) {
      finished.push({ seq: actual.seq, transaction });
      options.onTransaction?.(transaction);
    }
  };

  const describe = (actual: Actual): CorsRequest | null => describeActual(actual)?.request ?? null;

  const describeActual = (actual: Actual) => {
    const first = actual.hops[0];
    if (!first) return null;
    const facts: RequestFacts = {
      method: actual.method,
      ...(actual.pageHeaders ? { pageHeaders: actual.pageHeaders } : {}),
      ...(first.sentHeaders ? { wireHeaders: first.sentHeaders } : {}),
      ...(firstPreflight(actual) ? { preflightHeaders: firstPreflight(actual)!.requestHeaders } : {}),
      ...(actual.initiatorOrigin ? { initiatorOrigin: actual.initiatorOrigin } : {}),
      ...(actual.resourceType ? { resourceType: actual.resourceType } : {}),
    };
    const { mode, evidence: modeEvidence } = inferMode(facts);
    const { origin, evidence: originEvidence } = inferInitiatorOrigin(facts);
    const pageHeaders = actual.pageHeaders ?? pageHeadersFromWire(first.sentHeaders ?? [], facts.preflightHeaders);
    const wire = actual.hops.find((hop) => hop.sentHeaders)?.sentHeaders;
    const userAgent = getHeader(wire ?? pageHeaders, 'User-Agent');
    const { credentials, evidence: credentialsEvidence } = inferCredentials(wire, userAgent);
    const wireBypass = wire ? hasCacheBypassMarkers(wire, pageHeaders) : false;
    const preflightBypass = actual.hops.some((hop) => preflightBypassesCache(hop.preflight?.requestHeaders));
    const evidence = {
      origin: originEvidence,
      mode: modeEvidence,
      credentials: credentialsEvidence,
      headers: actual.pageHeaders ? ('page' as const) : ('wire' as const),
      bypassPreflightCache: wireBypass ? ('wire-headers' as const) : preflightBypass ? ('preflight-headers' as const) : null,
    };
    if (origin === null) return { request: null, evidence, skip: 'unknownInitiator' as const };
    const request: CorsRequest = {
      url: first.url,
      method: actual.method,
      headers: pageHeaders,
      initiatorOrigin: origin,
      mode,
      credentials,
      redirect: 'follow',
      ...(wireBypass || preflightBypass ? { bypassPreflightCache: true } : {}),
      ...(credentialsEvidence === 'unknown' || credentialsEvidence === 'same-site-unknown' ? { credentialsAssumed: true } : {}),
      ...(securityContexts.has(origin) ? { localNetworkAccess: securityContexts.get(origin) } : {}),
    };
    if (mode === 'navigate') return { request, evidence, skip: 'navigations' as const };
    if (!isCorsEnabledMode(mode) && mode !== 'same-origin') return { request, evidence, skip: 'notCorsMode' as const };
    if (actual.hops.every((hop) => isSameOrigin(origin, hop.url))) return { request, evidence, skip: 'sameOrigin' as const };
    return { request, evidence, skip: null };
  };

  const addressSpaceOf = (hop: Hop): { addressSpace?: IpAddressSpace } => {
    const space = hop.response?.addressSpace ?? hop.preflight?.response?.addressSpace ?? serverSpaces.get(serializeOrigin(hop.url));
    return space ? { addressSpace: space } : {};
  };

  const toTransaction = (actual: Actual, count: boolean): Transaction | null => {
    const described = describeActual(actual);
    const keep = options.includeNonCors === true && (described?.skip === 'notCorsMode' || described?.skip === 'sameOrigin');
    if (!described || !described.request || (described.skip && !keep)) {
      if (count && described?.skip) stats[described.skip]++;
      return null;
    }
    const { request, evidence } = described;
    const last = actual.hops.length - 1;
    const observed: ObservedHop[] = actual.hops.map((hop, index) => ({
      url: hop.url,
      startTime: hop.startTime,
      ...sentness(actual, hop),
      ...addressSpaceOf(hop),
      ...(hop.preflight ? { preflight: observedPreflight(hop.preflight) } : {}),
      ...(hop.response ? { response: hop.response } : {}),
      ...(index === last && actual.error ? { networkError: actual.error } : {}),
    }));
    const verdict = decideVerdict(
      { request, hops: observed, ...(options.preflightsRecorded === false ? { preflightsRecorded: false } : {}) },
      { cache, storePreflights: false },
    );
    return {
      id: actual.id,
      request,
      evidence,
      ...(actual.context ? { context: actual.context } : {}),
      ...(actual.resourceType ? { resourceType: actual.resourceType } : {}),
      startTime: actual.startTime,
      ...(actual.endTime !== undefined ? { endTime: actual.endTime } : {}),
      state: !actual.ended ? 'in-flight' : actual.error ? 'failed' : 'completed',
      ...(actual.error ? { error: actual.error } : {}),
      hops: actual.hops.map(capturedHop),
      verdict,
    };
  };

  const finish = (): Transaction[] => {
    const open: { seq: number; transaction: Transaction }[] = [];
    for (const record of records.values()) {
      if (record.kind !== 'actual') continue;
      if (record.waitingForPreflight) {
        record.waitingForPreflight = false;
        judge(record);
      } else if (!record.ended) {
        const transaction = toTransaction(record, false);
        if (transaction) open.push({ seq: record.seq, transaction });
      }
    }
    let unpaired = 0;
    for (const list of orphans.values()) unpaired += list.length;
    stats.unpairedPreflights = unpaired;
    return [...finished, ...open].sort((a, b) => a.seq - b.seq).map((entry) => entry.transaction);
  };

  return { cache, push, finish, stats: () => ({ ...stats }) };
}

/**
 * Pairs a whole, finished stream of events (a HAR file, a CDP capture). Events
 * are taken in time order; ties keep their given order.
 */
export function pairEvents(events: readonly RequestEvent[], options: PairingOptions = {}): { transactions: Transaction[]; stats: PairingStats; cache: PreflightCache } {
  const pairing = createPairing(options);
  const ordered = events.map((event, index) => ({ event, index })).sort((a, b) => a.event.time - b.event.time || a.index - b.index);
  for (const { event } of ordered) pairing.push(event);
  return { transactions: pairing.finish(), stats: pairing.stats(), cache: pairing.cache };
}

// A preflight neither answered nor ended: its outcome may still change the verdict.
function hasOpenPreflight(actual: Actual): boolean {
  return actual.hops.some((hop) => hop.preflight !== undefined && hop.preflight.response === undefined && hop.preflight.endTime === undefined);
}

function sentness(actual: Actual, hop: Hop): { sent?: boolean } {
  if (hop.sentHeaders !== undefined || hop.response !== undefined) return { sent: true };
  return actual.sendingVisible ? { sent: false } : {};
}

function responseOf(event: { status: number; statusText?: string; headers: HeaderList; addressSpace?: IpAddressSpace }): ObservedResponse {
  return {
    status: event.status,
    headers: event.headers,
    ...(event.statusText ? { statusText: event.statusText } : {}),
    ...(event.addressSpace ? { addressSpace: event.addressSpace } : {}),
  };
}

function currentHop(actual: Actual): Hop {
  return actual.hops[actual.hops.length - 1] as Hop;
}

function firstPreflight(actual: Actual): Preflight | undefined {
  return actual.hops.find((hop) => hop.preflight)?.preflight;
}

function observedPreflight(preflight: Preflight) {
  return {
    requestHeaders: preflight.requestHeaders,
    startTime: preflight.startTime,
    ...(preflight.response ? { response: preflight.response } : {}),
    ...(preflight.responseTime !== undefined ? { responseTime: preflight.responseTime } : {}),
    ...(preflight.error ? { networkError: preflight.error } : {}),
  };
}

function capturedHop(hop: Hop): CapturedHop {
  const preflight: CapturedPreflight | undefined = hop.preflight && {
    id: hop.preflight.id,
    url: hop.preflight.url,
    startTime: hop.preflight.startTime,
    requestHeaders: hop.preflight.requestHeaders,
    ...(hop.preflight.endTime !== undefined ? { endTime: hop.preflight.endTime } : {}),
    ...(hop.preflight.response ? { response: hop.preflight.response } : {}),
    ...(hop.preflight.responseTime !== undefined ? { responseTime: hop.preflight.responseTime } : {}),
    ...(hop.preflight.error ? { error: hop.preflight.error } : {}),
  };
  return {
    url: hop.url,
    method: hop.method,
    startTime: hop.startTime,
    ...(hop.sentHeaders ? { sentHeaders: hop.sentHeaders, sentTime: hop.sentTime ?? hop.startTime } : {}),
    ...(hop.response ? { response: hop.response, responseTime: hop.responseTime ?? hop.startTime } : {}),
    ...(hop.redirectTo ? { redirectTo: hop.redirectTo } : {}),
    ...(preflight ? { preflight } : {}),
  };
}

function matchKey(url: string, method: string): string {
  return `${method}\u0000${url}`;
}

function sameContext(a: RequestContext | undefined, b: RequestContext | undefined): boolean {
  if (!a || !b) return true;
  if (a.tabId !== undefined && b.tabId !== undefined && a.tabId !== b.tabId) return false;
  return !(a.frameId !== undefined && b.frameId !== undefined && a.frameId !== b.frameId);
}

function bestMatch<T>(items: readonly T[], rate: (item: T) => number): T | undefined {
  let best: T | undefined;
  let bestScore = 0;
  for (const item of items) {
    const points = rate(item);
    if (points > bestScore) {
      best = item;
      bestScore = points;
    }
  }
  return best;
}

function addTo<T>(map: Map<string, T[]>, key: string, item: T): void {
  const list = map.get(key);
  if (list) list.push(item);
  else map.set(key, [item]);
}

function removeFrom<T>(map: Map<string, T[]>, key: string, item: T): void {
  const list = map.get(key);
  if (!list) return;
  const index = list.indexOf(item);
  if (index >= 0) list.splice(index, 1);
  if (list.length === 0) map.delete(key);
}
