import { PreflightCache } from '../cache/preflightCache.ts';
import type { VerdictOptions } from '../cors/hopWalk.ts';
import type { IpAddressSpace, LocalNetworkContext } from '../cors/localNetworkAccess.ts';
import { PreflightChecks } from '../cors/preflightChecks.ts';
import type { UrlReader } from '../fetch/urlParts.ts';
import { createHeaderReader } from './headerReader.ts';
import { createOpenEventLog, type OpenEventLog } from './openEventLog.ts';
import type { OpenPreflight, OpenRequest, UndecidedRequest } from './openRequests.ts';
import type { PairingOptions, PairingStats } from './pairingTypes.ts';
import { describeOnce, forget } from './judgeRequest.ts';
import { createPreflightMatcher, type PreflightMatcher } from './preflightMatcher.ts';
import { createPreflightStoring, type PreflightStoring } from './preflightStoring.ts';
import type { Transaction } from './transaction.ts';
import { createUrlReader } from './urlReader.ts';

/** What one pairing holds between events: createPairing's, handed to the functions that move it along. */
export interface PairingState {
  readonly options: PairingOptions;
  readonly cache: PreflightCache;
  readonly readUrl: UrlReader;
  // Every verdict is judged with the same model, checks and readers (and, live, what the recording covers then).
  readonly verdictOptions: VerdictOptions;
  // Only what is still open: a judged request (and its preflights) leaves, so
  // a tab's pairing stays as small as its traffic in flight.
  readonly records: Map<string, OpenRequest | OpenPreflight | UndecidedRequest>;
  readonly matcher: PreflightMatcher;
  readonly preflightStoring: PreflightStoring;
  // Indexed by seq (start order), so finish() needs no sort.
  readonly judged: Transaction[];
  readonly keepJudged: boolean;
  // What the capture showed of each initiator, and of each server's address.
  readonly securityContexts: Map<string, LocalNetworkContext>;
  readonly serverSpaces: Map<string, IpAddressSpace>;
  readonly stats: PairingStats;
  // Each open record's events, for openEvents(); dropped once judged.
  readonly eventLog: OpenEventLog;
  readonly keepOpenEvents: boolean;
  seq: number;
}

export function createPairingState(options: PairingOptions): PairingState {
  const cache = options.cache ?? new PreflightCache({ engine: options.rules?.cache });
  // Pairing checks a preflight as its request goes out; the verdict reuses that check.
  const preflightChecks = new PreflightChecks();
  const readHeaders = createHeaderReader();
  const readUrl = createUrlReader();
  const state: PairingState = {
    options,
    cache,
    readUrl,
    verdictOptions: { cache, storePreflights: false, rules: options.rules, preflightChecks, readHeaders, readUrl },
    records: new Map(),
    // A preflight no request can claim any more changes nothing: it leaves (the stats still count it).
    matcher: createPreflightMatcher({ onPreflightDropped: (preflight) => forget(state, preflight.id), readHeaders }),
    preflightStoring: createPreflightStoring({ cache, preflightChecks, readHeaders, describe: (request) => describeOnce(state, request) }),
    judged: [],
    keepJudged: options.keepJudged === true,
    securityContexts: new Map(),
    serverSpaces: new Map(),
    stats: { events: 0, sameOrigin: 0, navigations: 0, notCorsMode: 0, unknownInitiator: 0, unpairedPreflights: 0 },
    eventLog: createOpenEventLog(),
    keepOpenEvents: options.keepOpenEvents !== false,
    seq: 0,
  };
  return state;
}
