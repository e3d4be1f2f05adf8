import type { CorsError } from '../cors/corsError.ts';
import type { Verdict } from '../cors/verdict.ts';
import type { Exchange } from '../cors/verdict.ts';
import { corsErrorOf, failedResponseOf } from '../cors/verdictFacts.ts';
import { getHeader } from '../fetch/headers.ts';
import { getHeaderLines } from './headerLines.ts';
import type { FirefoxReason } from './firefoxReason.ts';

/**
 * The Firefox reason for each Chromium `CorsError`, where the same failure
 * has one name in each browser (held against Firefox 153 by
 * e2e/firefoxOracle.spec.ts). Firefox has no "invalid value" diagnosis: an
 * Access-Control-Allow-Origin that is not the origin "does not match",
 * whatever it holds; it names "multiple" only for several header lines.
 * null: Firefox gives the failure no CORS reason (it refuses it as a
 * security or type error), or has no such check (Local Network Access, the
 * Private Network Access preflight).
 */
export const FIREFOX_REASON_OF_CORS_ERROR: Readonly<Record<CorsError, FirefoxReason | null>> = {
  DisallowedByMode: null,
  InvalidResponse: 'CORSDidNotSucceed',
  WildcardOriginNotAllowed: 'CORSNotSupportingCredentials',
  MissingAllowOriginHeader: 'CORSMissingAllowOrigin',
  MultipleAllowOriginValues: 'CORSMultipleAllowOriginNotAllowed',
  InvalidAllowOriginValue: 'CORSAllowOriginNotMatchingOrigin',
  AllowOriginMismatch: 'CORSAllowOriginNotMatchingOrigin',
  InvalidAllowCredentials: 'CORSMissingAllowCredentials',
  CorsDisabledScheme: 'CORSRequestNotHttp',
  PreflightInvalidStatus: 'CORSPreflightDidNotSucceed',
  PreflightDisallowedRedirect: 'CORSExternalRedirectNotAllowed',
  PreflightWildcardOriginNotAllowed: 'CORSNotSupportingCredentials',
  PreflightMissingAllowOriginHeader: 'CORSMissingAllowOrigin',
  PreflightMultipleAllowOriginValues: 'CORSMultipleAllowOriginNotAllowed',
  PreflightInvalidAllowOriginValue: 'CORSAllowOriginNotMatchingOrigin',
  PreflightAllowOriginMismatch: 'CORSAllowOriginNotMatchingOrigin',
  PreflightInvalidAllowCredentials: 'CORSMissingAllowCredentials',
  PreflightMissingAllowExternal: null,
  PreflightInvalidAllowExternal: null,
  InvalidAllowMethodsPreflightResponse: 'CORSInvalidAllowMethod',
  InvalidAllowHeadersPreflightResponse: 'CORSInvalidAllowHeader',
  MethodDisallowedByPreflightResponse: 'CORSMethodNotFound',
  HeaderDisallowedByPreflightResponse: 'CORSMissingAllowHeaderFromPreflight',
  // Firefox refuses the redirect without a reason of its own: only its generic line.
  RedirectContainsCredentials: 'CORSDidNotSucceed',
  InsecureLocalNetwork: null,
  InvalidLocalNetworkAccess: null,
  NoCorsRedirectModeNotFollow: null,
  LocalNetworkAccessPermissionDenied: null,
};

type JudgedFailure = Pick<Verdict, 'outcome' | 'failure' | 'failedHop' | 'stage'>;

/**
 * Firefox's reason for a verdict: null unless blocked. Chromium's "several
 * values" (a comma or a space in one Access-Control-Allow-Origin line) is
 * Firefox's "does not match" unless the header came in several lines.
 */
export function firefoxReasonOf(capture: Pick<Exchange, 'hops'>, verdict: JudgedFailure): FirefoxReason | null {
  return firefoxReasonsOf(capture, verdict)[0] ?? null;
}

/**
 * Every reason Firefox may have given, the likeliest first: one, except for
 * one Access-Control-Allow-Origin line holding a comma, which may be two
 * lines the capture joined (Firefox's webRequest joins repeated headers
 * with ", ", as HAR writers do): "does not match", or "multiple".
 */
export function firefoxReasonsOf(capture: Pick<Exchange, 'hops'>, verdict: JudgedFailure): FirefoxReason[] {
  const corsError = corsErrorOf(verdict);
  if (verdict.outcome !== 'blocked' || corsError === null) return [];
  if (corsError === 'MultipleAllowOriginValues' || corsError === 'PreflightMultipleAllowOriginValues') {
    const response = failedResponseOf(capture, verdict);
    const lines = response ? getHeaderLines(response.headers, 'access-control-allow-origin') : 0;
    if (lines > 1) return ['CORSMultipleAllowOriginNotAllowed'];
    const value = response ? (getHeader(response.headers, 'access-control-allow-origin') ?? '') : '';
    return value.includes(',') ? ['CORSAllowOriginNotMatchingOrigin', 'CORSMultipleAllowOriginNotAllowed'] : ['CORSAllowOriginNotMatchingOrigin'];
  }
  const reason = FIREFOX_REASON_OF_CORS_ERROR[corsError];
  return reason ? [reason] : [];
}
