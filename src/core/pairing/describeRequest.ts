import { hasHeader, type HeaderList } from '../fetch/headers.ts';
import { isSameOrigin } from '../fetch/origin.ts';
import { urlParts, type UrlReader } from '../fetch/urlParts.ts';
import { isCorsEnabledMode, type CorsRequest } from '../cors/corsRequest.ts';
import { redirectTarget } from '../cors/redirect.ts';
import type { LocalNetworkContext } from '../cors/localNetworkAccess.ts';
import { firstPreflight } from './openRequestHops.ts';
import type { OpenRequest } from './openRequests.ts';
import { hasCacheBypassMarkers, pageHeadersFromWire } from './networkAddedHeaders.ts';
import { inferCredentials, inferInitiatorOrigin, inferMode, type RequestEvidence, type RequestFacts } from './wireEvidence.ts';

/** Why a request is not a CORS transaction: it is only counted. */
export type SkipReason = 'sameOrigin' | 'navigations' | 'notCorsMode' | 'unknownInitiator';

export type DescribedRequest =
  | { readonly request: CorsRequest; readonly evidence: RequestEvidence; readonly skip: Exclude<SkipReason, 'unknownInitiator'> | null }
  | { readonly request: null; readonly evidence: RequestEvidence; readonly skip: 'unknownInitiator' | 'navigations' };

/**
 * The CorsRequest behind what was captured of a request: its page headers,
 * origin, mode and credentials, each from the best evidence the capture
 * holds (see wireEvidence.ts), and whether it is a CORS request at all.
 */
export function describeRequest(
  open: OpenRequest,
  securityContexts: ReadonlyMap<string, LocalNetworkContext>,
  readUrl: UrlReader = urlParts,
): DescribedRequest | null {
  const first = open.hops[0];
  if (!first) return null;
  const preflight = firstPreflight(open);
  const preflightHeaders = preflight?.requestHeaders;
  const facts: RequestFacts = {
    method: open.method,
    pageHeaders: open.pageHeaders,
    wireHeaders: first.sentHeaders,
    preflightHeaders,
    preflightOnFirstHop: preflight !== undefined && first.preflight === preflight,
    initiatorOrigin: open.initiatorOrigin,
    pageOrigin: open.pageOrigin,
    resourceType: open.resourceType,
  };
  const { mode, evidence: modeEvidence } = inferMode(facts);
  const { origin, evidence: originEvidence } = inferInitiatorOrigin(facts);
  const pageHeaders = open.pageHeaders ?? pageHeadersFromWire(first.sentHeaders ?? [], preflight?.announcedHeaders);
  const announced = announcedOverCaptured(open, pageHeaders);
  const wire = open.hops.find((hop) => hop.sentHeaders)?.sentHeaders;
  const { credentials, evidence: credentialsEvidence } = inferCredentials(wire);
  const wireBypass = wire ? hasCacheBypassMarkers(wire, pageHeaders) : false;
  const preflightBypass = open.hops.some((hop) => hop.preflight?.bypassesCache === true);
  const evidence: RequestEvidence = {
    origin: originEvidence,
    mode: modeEvidence,
    credentials: credentialsEvidence,
    headers: announced ? 'preflight' : open.pageHeaders ? 'page' : 'wire',
    bypassPreflightCache: wireBypass ? 'wire-headers' : preflightBypass ? 'preflight-headers' : null,
  };
  // A navigation the user started (typed, bookmarked) has no initiator: it is still a navigation.
  if (origin === null) return { request: null, evidence, skip: mode === 'navigate' ? 'navigations' : 'unknownInitiator' };
  const localNetworkAccess = securityContexts.get(origin);
  const request: CorsRequest = {
    url: first.url,
    method: open.method,
    headers: pageHeaders,
    initiatorOrigin: origin,
    mode,
    credentials,
    redirect: 'follow',
    bypassPreflightCache: wireBypass || preflightBypass ? true : undefined,
    credentialsAssumed: credentialsEvidence === 'unknown' || credentialsEvidence === 'same-site-unknown' ? true : undefined,
    unsafeHeaderNames: announced,
    localNetworkAccess,
  };
  // Counted by what a developer calls them: a same-origin script or
  // stylesheet is "same-origin" before it is "no-cors".
  if (mode === 'navigate') return { request, evidence, skip: 'navigations' };
  if (staysOnOrigin(open, origin, readUrl)) return { request, evidence, skip: 'sameOrigin' };
  if (!isCorsEnabledMode(mode) && mode !== 'same-origin') return { request, evidence, skip: 'notCorsMode' };
  return { request, evidence, skip: null };
}

/**
 * Whether every URL the request went to is on the initiator's origin,
 * including the one a last redirect pointed to when the browser refused to
 * follow it (a same-origin request redirected elsewhere is a CORS request
 * from that hop on: Chromium checks the redirect against CORS).
 */
function staysOnOrigin(open: OpenRequest, origin: string, readUrl: UrlReader): boolean {
  if (!open.hops.every((hop) => isSameOrigin(origin, hop.url, readUrl))) return false;
  const last = open.hops[open.hops.length - 1];
  const response = last?.response;
  if (!last || !response || !open.ended || last.redirectTo) return true;
  const target = redirectTarget(response.status, response.headers, last.url);
  return target === null || isSameOrigin(origin, target, readUrl);
}

/**
 * The CORS-unsafe header names the request's first preflight announced, when
 * they must stand for the request's own: neither the page's headers nor the
 * wire's were captured (webRequest after a failed preflight), or the
 * captured ones lack a name the preflight announced (Chrome's default HAR
 * export leaves out Authorization). What the browser announced is the better
 * evidence. Undefined when the captured headers hold every name.
 */
function announcedOverCaptured(open: OpenRequest, pageHeaders: HeaderList): string[] | undefined {
  const preflight = firstPreflight(open);
  if (!preflight) return undefined;
  const names = announcedHeaderNames(preflight.announcedHeaders);
  if (!open.pageHeaders && !open.hops.some((hop) => hop.sentHeaders)) return names;
  return names.some((name) => !hasHeader(pageHeaders, name)) ? names : undefined;
}

/** The names in a preflight's Access-Control-Request-Headers value (as pairing read it: '' when absent). */
function announcedHeaderNames(announcedHeaders: string): string[] {
  return announcedHeaders
    .split(',')
    .map((name) => name.trim().toLowerCase())
    .filter((name) => name !== '');
}
