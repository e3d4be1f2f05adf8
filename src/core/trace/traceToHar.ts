import { sortedByNumber } from '../sortByNumber.ts';
import type { Entry, Har } from 'har-format';
import type { CorsRequest } from '../cors/corsRequest.ts';
import type { ObservedResponse } from '../cors/verdict.ts';
import type { CapturedHop, CapturedPreflight, Transaction } from '../pairing/transaction.ts';
import type { CorsLensEntryFacts } from '../har/harSchema.ts';
import { commonEntryFields, harRequest, harResponse } from './harEntryFields.ts';
import { devToolsResourceType } from './harResourceType.ts';
import { CORS_LENS_VERSION } from './version.ts';

/** Entry fields Chrome DevTools adds to HAR 1.2, and the one CORS Lens adds. */
type WrittenEntry = Entry & {
  _initiator: { type: string; url?: string; requestId?: string };
  _corsLens: CorsLensEntryFacts;
};

/** The transactions of one page (a tab's capture). */
export interface HarPage {
  readonly url: string | null;
  readonly transactions: readonly Transaction[];
}

export interface HarSource {
  readonly pages: readonly HarPage[];
  readonly browser?: { readonly name: string; readonly version: string };
}

/**
 * Writes transactions as HAR 1.2 the way Chrome DevTools exports it: one
 * entry per URL of a request (a redirect is an entry with `redirectURL`,
 * then the next URL), each preflight an entry of its own just before the
 * request it guarded (`_resourceType: "preflight"`, `_initiator.type:
 * "preflight"` with the request's id), in start order. Where DevTools'
 * export loses what a verdict needs, this keeps it: a blocked response keeps
 * the status and headers the browser received, and `_corsLens` says whether
 * the request went out, whether its headers are the wire's, and the page's
 * origin and security context (see CorsLensEntryFacts). Any HAR reader can
 * still read the file; `cors-lens explain` re-derives the same verdicts.
 */
export function traceToHar(source: HarSource): Har {
  const entries: { start: number; entry: WrittenEntry }[] = [];
  const push = (entry: WrittenEntry, start: number): void => void entries.push({ start, entry });
  const pages = source.pages.map((page, index) => {
    const id = `page_${index + 1}`;
    for (const transaction of page.transactions) {
      transaction.hops.forEach((hop, hopIndex) => {
        if (hop.preflight) push(preflightEntry(hop.preflight, transaction, page.url, id), hop.preflight.startTime);
        push(hopEntry(hop, hopIndex, transaction, id), hop.startTime);
      });
    }
    const first = Math.min(...page.transactions.map((transaction) => transaction.startTime));
    return { id, title: page.url ?? '', startedDateTime: new Date(Number.isFinite(first) ? first : 0).toISOString(), pageTimings: {} };
  });
  // Entries in start order, as DevTools lists them; on a tie, in the order written.
  const ordered = sortedByNumber(entries, (written) => written.start);
  return {
    log: {
      version: '1.2',
      creator: { name: 'CORS Lens', version: CORS_LENS_VERSION },
      ...(source.browser ? { browser: source.browser } : {}),
      pages,
      entries: ordered.map(({ entry }) => entry),
    },
  };
}

function preflightEntry(preflight: CapturedPreflight, transaction: Transaction, pageUrl: string | null, pageref: string): WrittenEntry {
  const end = preflight.endTime ?? preflight.responseTime ?? preflight.startTime;
  return {
    _initiator: { type: 'preflight', ...(pageUrl ? { url: pageUrl } : {}), requestId: transaction.id },
    _resourceType: 'preflight',
    _corsLens: { sent: true, headers: 'wire', ...addressSpaceOf(preflight.response) },
    ...commonEntryFields(pageref, preflight.startTime, end, preflight.responseTime),
    request: harRequest('OPTIONS', preflight.url, preflight.requestHeaders),
    response: harResponse(preflight.response, '', preflight.error ?? null),
  };
}

function hopEntry(hop: CapturedHop, index: number, transaction: Transaction, pageref: string): WrittenEntry {
  const last = index === transaction.hops.length - 1;
  const next = transaction.hops[index + 1];
  const end = last ? (transaction.endTime ?? hop.responseTime ?? hop.startTime) : (next?.startTime ?? hop.startTime);
  const sent = hop.sentHeaders !== undefined || hop.response !== undefined;
  // A hop that never went out shows the page's headers only when the source
  // saw them (CDP, a HAR); webRequest sees none (see describeRequest.ts).
  const pageHeadersSeen = index === 0 && transaction.evidence.headers === 'page';
  const headers = hop.sentHeaders ?? (pageHeadersSeen ? transaction.request.headers : []);
  return {
    _initiator: { type: 'script' },
    _resourceType: devToolsResourceType(transaction.resourceType),
    _corsLens: {
      ...(sent || transaction.sendingVisible ? { sent } : {}),
      headers: hop.sentHeaders ? 'wire' : pageHeadersSeen ? 'page' : 'none',
      initiatorOrigin: transaction.request.initiatorOrigin,
      ...securityOf(transaction.request),
      ...addressSpaceOf(hop.response),
    },
    ...commonEntryFields(pageref, hop.startTime, end, hop.responseTime),
    request: harRequest(hop.method, hop.url, headers),
    response: harResponse(hop.response, hop.redirectTo ?? '', last ? (transaction.error ?? null) : null),
  };
}

function securityOf(request: CorsRequest): Pick<CorsLensEntryFacts, 'initiatorSecurity'> {
  const context = request.localNetworkAccess;
  if (!context) return {};
  return {
    initiatorSecurity: {
      isSecureContext: context.initiatorIsSecureContext,
      addressSpace: context.initiatorAddressSpace,
      ...(context.policy ? { policy: context.policy } : {}),
    },
  };
}

function addressSpaceOf(observed: ObservedResponse | undefined): Pick<CorsLensEntryFacts, 'serverAddressSpace'> {
  return observed?.addressSpace && observed.addressSpace !== 'unknown' ? { serverAddressSpace: observed.addressSpace } : {};
}
