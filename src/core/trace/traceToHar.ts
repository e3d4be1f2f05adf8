import { sortedByNumber } from '../sortByNumber.ts';
import type { Entry, Har, Header } from 'har-format';
import type { CorsRequest } from '../cors/corsRequest.ts';
import type { ObservedResponse } from '../cors/verdict.ts';
import type { CapturedHop, CapturedPreflight, Transaction } from '../pairing/transaction.ts';
import type { CorsLensEntryFacts } from '../har/harSchema.ts';
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
    ...common(pageref, preflight.startTime, end, preflight.responseTime),
    request: request('OPTIONS', preflight.url, preflight.requestHeaders),
    response: response(preflight.response, '', preflight.error ?? null),
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
    ...common(pageref, hop.startTime, end, hop.responseTime),
    request: request(hop.method, hop.url, headers),
    response: response(hop.response, hop.redirectTo ?? '', last ? (transaction.error ?? null) : null),
  };
}

function common(
  pageref: string,
  start: number,
  end: number,
  answeredAt: number | undefined,
): Pick<Entry, 'startedDateTime' | 'time' | 'timings' | 'cache' | 'pageref'> {
  const time = Math.max(0, end - start);
  const wait = answeredAt === undefined ? time : Math.min(time, Math.max(0, answeredAt - start));
  return {
    pageref,
    startedDateTime: new Date(start).toISOString(),
    time,
    timings: { blocked: -1, dns: -1, connect: -1, ssl: -1, send: 0, wait, receive: time - wait },
    cache: {},
  };
}

function request(method: string, url: string, headers: readonly Header[]): Entry['request'] {
  return {
    method,
    url,
    httpVersion: '',
    headers: headers.map(({ name, value }) => ({ name, value })),
    queryString: queryOf(url),
    cookies: [],
    headersSize: -1,
    bodySize: -1,
  };
}

function response(observed: ObservedResponse | undefined, redirectURL: string, error: string | null): Entry['response'] {
  return {
    status: observed?.status ?? 0,
    statusText: observed?.statusText ?? '',
    httpVersion: '',
    headers: (observed?.headers ?? []).map(({ name, value }) => ({ name, value })),
    cookies: [],
    content: { size: 0, mimeType: 'x-unknown' },
    redirectURL,
    headersSize: -1,
    bodySize: -1,
    _error: error,
  } as Entry['response'];
}

function queryOf(url: string): { name: string; value: string }[] {
  try {
    return [...new URL(url).searchParams].map(([name, value]) => ({ name, value }));
  } catch {
    return [];
  }
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
