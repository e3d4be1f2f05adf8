import { isBrowserRefusal } from '../browsers/browserRules.ts';
import { isSameOrigin } from '../fetch/origin.ts';
import { urlParts } from '../fetch/urlParts.ts';
import { UNKNOWN_FAILURE, type Exchange, type HiddenCause, type ObservedHop, type Verdict } from './verdict.ts';

/** The error the capture says the request ended with (on the last URL it reached), if it failed. */
export function failureOf(exchange: Exchange): string | null {
  return exchange.hops[exchange.hops.length - 1]?.networkError || null;
}

/**
 * Whether an error may be a CORS block: Chromium fails every request CORS
 * stops with net::ERR_FAILED, Firefox's webRequest with NS_ERROR_DOM_BAD_URI
 * (isBrowserRefusal), and some captures record no reason at all (Firefox and
 * Playwright HARs). Any other error names its own cause.
 */
export function mayBeCorsBlock(error: string): boolean {
  return isBrowserRefusal(error) || error === UNKNOWN_FAILURE;
}

const LOCAL_NETWORK_ACCESS_ERRORS = ['InvalidLocalNetworkAccess', 'LocalNetworkAccessPermissionDenied', 'InsecureLocalNetwork'] as const;

/**
 * What was observed wins over what the rules predict: a request the browser
 * failed is never "allowed". When the checks CORS Lens can see all pass yet
 * the request failed, the failure is either a CORS check the capture cannot
 * show (the verdict is "undetermined", with the candidates) or a network
 * error that names itself.
 */
export function withFailureEvidence(exchange: Exchange, verdict: Verdict): Verdict {
  if (verdict.outcome === 'undetermined') return verdict.hiddenCauses ? verdict : { ...verdict, hiddenCauses: hiddenCauses(exchange) };
  const error = failureOf(exchange);
  if (!error || (verdict.outcome !== 'allowed' && verdict.outcome !== 'incomplete')) return verdict;
  const failedHop = exchange.hops.length - 1;
  if (!mayBeCorsBlock(error)) return { ...verdict, outcome: 'network-error', networkError: error, failedHop };
  return { ...verdict, outcome: 'undetermined', networkError: error, failedHop, hiddenCauses: hiddenCauses(exchange) };
}

/** The causes a failure with nothing wrong in sight may have had, given what the capture shows of the last URL. */
export function hiddenCauses(exchange: Exchange): HiddenCause[] {
  const last = exchange.hops[exchange.hops.length - 1];
  const causes: HiddenCause[] = [];
  if (last && !last.response) {
    // Checked when the connection is made, before anything is sent; the
    // fetch() option targetAddressSpace is in no capture.
    causes.push({ kind: 'local-network-access', corsErrors: LOCAL_NETWORK_ACCESS_ERRORS });
    if (isMixedContent(exchange.request.initiatorOrigin, last)) causes.push({ kind: 'mixed-content', corsErrors: [] });
    if (last.sent !== false) causes.push({ kind: 'response-not-captured', corsErrors: [] });
  }
  causes.push({ kind: 'extension', corsErrors: [] }, { kind: 'service-worker', corsErrors: [] });
  return causes;
}

function isMixedContent(initiatorOrigin: string, hop: ObservedHop): boolean {
  return urlParts(initiatorOrigin)?.scheme === 'https' && urlParts(hop.url)?.scheme === 'http' && !isSameOrigin(initiatorOrigin, hop.url);
}
