import { corsUnsafeRequestHeaders } from '../fetch/corsUnsafeRequestHeaderNames.ts';
import { getHeader, getHeaders, type HeaderList } from '../fetch/headers.ts';
import { isCorsSafelistedMethod } from '../fetch/method.ts';
import { serializeOrigin } from '../fetch/origin.ts';
import type { CredentialsMode, RequestMode } from '../cors/corsRequest.ts';
import { pageHeadersFromWire } from './networkAddedHeaders.ts';

/**
 * How each inferred part of a request was established: the panel shows it
 * ("credentials: included, seen from the Cookie header") and the engine
 * flags what is only assumed.
 */
export interface RequestEvidence {
  readonly origin: 'origin-header' | 'preflight-origin' | 'initiator' | 'referer' | 'page' | 'unknown';
  readonly mode: 'sec-fetch-mode' | 'preflight-sent' | 'origin-header' | 'resource-type' | 'navigation-header' | 'unsafe-request' | 'assumed';
  /** `composed`: the simulator made the request, and knows. */
  readonly credentials: 'cookie' | 'storage-access-header' | 'no-storage-access-header' | 'same-site-unknown' | 'unknown' | 'composed';
  /** Where the request's headers come from: the page's own, the wire's, or only the names its preflight announced. */
  readonly headers: 'page' | 'wire' | 'preflight';
  readonly bypassPreflightCache: 'wire-headers' | 'preflight-headers' | null;
}

export interface RequestFacts {
  readonly method: string;
  /** The headers as the page set them, when the source kept them apart (CDP, webRequest). */
  readonly pageHeaders?: HeaderList;
  /** The first hop's wire headers, when it went out. */
  readonly wireHeaders?: HeaderList;
  /** The first preflight's request headers, when one was seen. */
  readonly preflightHeaders?: HeaderList;
  /** Whether that preflight was the first URL's (before any redirect could taint the request). */
  readonly preflightOnFirstHop?: boolean;
  readonly initiatorOrigin?: string;
  /** The origin of the page the capture was taken from: the last resort. */
  readonly pageOrigin?: string;
  readonly resourceType?: string;
}

const SEC_FETCH_MODES: Readonly<Record<string, RequestMode>> = {
  cors: 'cors',
  'no-cors': 'no-cors',
  'same-origin': 'same-origin',
  navigate: 'navigate',
  websocket: 'websocket',
};

const CORS_RESOURCE_TYPES = new Set(['fetch', 'xhr', 'xmlhttprequest', 'font', 'eventsource', 'preflight']);
const NAVIGATION_RESOURCE_TYPES = new Set(['document', 'main_frame', 'sub_frame']);

/** The request mode: from Sec-Fetch-Mode, else from what the capture shows. */
export function inferMode(facts: RequestFacts): { mode: RequestMode; evidence: RequestEvidence['mode'] } {
  const secFetchMode = facts.wireHeaders ? getHeader(facts.wireHeaders, 'Sec-Fetch-Mode')?.toLowerCase() : undefined;
  const fromHeader = secFetchMode ? SEC_FETCH_MODES[secFetchMode] : undefined;
  if (fromHeader) return { mode: fromHeader, evidence: 'sec-fetch-mode' };
  // Only cors-mode requests are ever preflighted.
  if (facts.preflightHeaders) return { mode: 'cors', evidence: 'preflight-sent' };
  const type = facts.resourceType?.toLowerCase();
  if (type && NAVIGATION_RESOURCE_TYPES.has(type)) return { mode: 'navigate', evidence: 'resource-type' };
  const headers = facts.wireHeaders ?? facts.pageHeaders;
  // Browsers send Upgrade-Insecure-Requests with navigations only.
  if (headers && getHeader(headers, 'Upgrade-Insecure-Requests') !== null) return { mode: 'navigate', evidence: 'navigation-header' };
  // A no-cors GET or HEAD carries no Origin header; a cors one does.
  if (headers && getHeader(headers, 'Origin') !== null && (facts.method === 'GET' || facts.method === 'HEAD')) {
    return { mode: 'cors', evidence: 'origin-header' };
  }
  if (type && CORS_RESOURCE_TYPES.has(type)) return { mode: 'cors', evidence: 'resource-type' };
  // no-cors mode allows only safelisted methods and headers (fetch() throws
  // otherwise), so a request with anything more was in cors mode.
  if (headers && (!isCorsSafelistedMethod(facts.method) || corsUnsafeRequestHeaders(pageHeadersFromWire(headers)).length > 0)) {
    return { mode: 'cors', evidence: 'unsafe-request' };
  }
  return { mode: 'no-cors', evidence: 'assumed' };
}

const CREDENTIALS_HEADERS = ['cookie', 'sec-fetch-storage-access', 'sec-fetch-site', 'user-agent'] as const;

/**
 * The credentials mode, from the wire: a Cookie header means credentials
 * were included; so does Sec-Fetch-Storage-Access, which Chromium (133+)
 * sends on every cross-site request whose credentials mode is "include". A
 * cross-site request from such a browser (its User-Agent says which) without
 * it did not include them.
 * Anything else is unknown, and the engine treats it as not included while
 * saying what including them would change.
 */
export function inferCredentials(wire: HeaderList | undefined): { credentials: CredentialsMode; evidence: RequestEvidence['credentials'] } {
  if (!wire) return { credentials: 'same-origin', evidence: 'unknown' };
  const [cookie, storageAccess, site, userAgent] = getHeaders(wire, CREDENTIALS_HEADERS);
  if (cookie !== null && cookie !== '') return { credentials: 'include', evidence: 'cookie' };
  if (storageAccess !== null) return { credentials: 'include', evidence: 'storage-access-header' };
  const crossSite = site?.toLowerCase() === 'cross-site';
  if (crossSite && sendsStorageAccessHeader(userAgent)) return { credentials: 'same-origin', evidence: 'no-storage-access-header' };
  return { credentials: 'same-origin', evidence: crossSite ? 'unknown' : 'same-site-unknown' };
}

const STORAGE_ACCESS_HEADERS_SINCE = 133;

// A capture comes from one browser or a few: the last User-Agent's answer is kept.
let lastUserAgent: string | null = null;
let lastAnswer = false;

function sendsStorageAccessHeader(userAgent: string | null): boolean {
  if (userAgent === lastUserAgent) return lastAnswer;
  const match = userAgent ? /(?:Chrome|Chromium|HeadlessChrome)\/(\d+)/.exec(userAgent) : null;
  lastAnswer = match !== null && Number(match[1]) >= STORAGE_ACCESS_HEADERS_SINCE && !/Edg\/|OPR\//.test(userAgent ?? '');
  lastUserAgent = userAgent;
  return lastAnswer;
}

/**
 * The initiator's origin: the Origin the request sent on its first URL, the
 * one its first preflight sent there, the capture's own initiator, or the
 * Referer's. At the first URL nothing can have tainted the request yet, so
 * an Origin of "null" there means the initiator's origin is opaque (a
 * sandboxed iframe, a data: URL, a page opened from a file:); a "null" on a
 * later hop's preflight may be a tainted one, and says nothing.
 */
export function inferInitiatorOrigin(facts: RequestFacts): { origin: string | null; evidence: RequestEvidence['origin'] } {
  const sent = facts.wireHeaders ? getHeader(facts.wireHeaders, 'Origin') : null;
  if (sent) return { origin: sent, evidence: 'origin-header' };
  const page = facts.pageHeaders ? getHeader(facts.pageHeaders, 'Origin') : null;
  if (page) return { origin: page, evidence: 'origin-header' };
  const preflight = facts.preflightHeaders ? getHeader(facts.preflightHeaders, 'Origin') : null;
  if (preflight && (preflight !== 'null' || facts.preflightOnFirstHop)) return { origin: preflight, evidence: 'preflight-origin' };
  if (facts.initiatorOrigin) return { origin: facts.initiatorOrigin, evidence: 'initiator' };
  const referer = getHeader(facts.wireHeaders ?? facts.pageHeaders ?? [], 'Referer');
  if (referer) {
    const origin = serializeOrigin(referer);
    if (origin !== 'null') return { origin, evidence: 'referer' };
  }
  if (facts.pageOrigin && facts.pageOrigin !== 'null') return { origin: facts.pageOrigin, evidence: 'page' };
  return { origin: null, evidence: 'unknown' };
}
