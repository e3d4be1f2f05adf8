import { isParsableUrl, isHttpScheme } from '../fetch/origin.ts';
import type { CorsError } from './corsError.ts';
import type { CredentialsMode } from './corsRequest.ts';

/** A failed check: the code, Chromium's parameter, and what was seen versus needed. */
export interface CorsCheckFailure {
  readonly corsError: CorsError;
  readonly failedParameter: string;
  /** The response header the failing check read (null for the status line or the request itself). */
  readonly header: string | null;
  /** What that header held: null when absent. */
  readonly received: string | null;
  /** The value that would have passed. */
  readonly needed: string;
  /**
   * When the capture cannot tell which of several values Chromium names
   * (it reports the first missing header in its own header order, which
   * webRequest does not show), every one it could be; `failedParameter` is
   * then the first of them.
   */
  readonly candidates?: readonly string[];
  /** HeaderDisallowedByPreflightResponse: every header name the answer does not allow, in Chromium's order. */
  readonly missing?: readonly string[];
  /** Invalid*PreflightResponse: the list item that is not a token (empty when the list is empty between commas). */
  readonly invalidItem?: string;
}

export interface CorsCheckInput {
  /** Access-Control-Allow-Origin as Chromium reads it (lines joined by ", "), null if absent. */
  readonly allowOrigin: string | null;
  /** Access-Control-Allow-Credentials, likewise. */
  readonly allowCredentials: string | null;
  /** The request's origin as serialized in the Origin header: "null" once tainted. */
  readonly origin: string;
  readonly credentials: CredentialsMode;
  readonly responseUrl: string;
}

export const ALLOW_ORIGIN = 'Access-Control-Allow-Origin';
export const ALLOW_CREDENTIALS = 'Access-Control-Allow-Credentials';

/**
 * Fetch Standard "CORS check", with Chromium's diagnosis of a failure
 * (cors.cc CheckAccess), in its order:
 *  1. `*` passes unless credentials are included (then WildcardOriginNotAllowed
 *     for an http(s) response);
 *  2. no header: MissingAllowOriginHeader;
 *  3. a value other than the origin: a space or comma means several values,
 *     `null` is a mismatch, something that is not a URL is invalid, and any
 *     other URL is a mismatch; the comparison is byte for byte;
 *  4. with credentials included, Access-Control-Allow-Credentials must be
 *     exactly `true`.
 * Returns null when the response passes.
 */
export function checkCorsAccess(input: CorsCheckInput): CorsCheckFailure | null {
  const { allowOrigin, allowCredentials, origin, credentials } = input;
  const include = credentials === 'include';
  if (allowOrigin === '*') {
    if (!include) return null;
    if (isHttpScheme(input.responseUrl)) {
      return { corsError: 'WildcardOriginNotAllowed', failedParameter: '', header: ALLOW_ORIGIN, received: '*', needed: origin };
    }
  } else if (allowOrigin === null) {
    return { corsError: 'MissingAllowOriginHeader', failedParameter: '', header: ALLOW_ORIGIN, received: null, needed: origin };
  } else if (allowOrigin !== origin) {
    return { corsError: classifyOriginMismatch(allowOrigin), failedParameter: allowOrigin, header: ALLOW_ORIGIN, received: allowOrigin, needed: origin };
  }
  if (include && allowCredentials !== 'true') {
    return {
      corsError: 'InvalidAllowCredentials',
      failedParameter: allowCredentials ?? '',
      header: ALLOW_CREDENTIALS,
      received: allowCredentials,
      needed: 'true',
    };
  }
  return null;
}

function classifyOriginMismatch(allowOrigin: string): CorsError {
  if (allowOrigin.includes(' ') || allowOrigin.includes(',')) return 'MultipleAllowOriginValues';
  if (allowOrigin === 'null') return 'AllowOriginMismatch';
  if (!isParsableUrl(allowOrigin)) return 'InvalidAllowOriginValue';
  return 'AllowOriginMismatch';
}

const PREFLIGHT_VARIANTS: Partial<Record<CorsError, CorsError>> = {
  WildcardOriginNotAllowed: 'PreflightWildcardOriginNotAllowed',
  MissingAllowOriginHeader: 'PreflightMissingAllowOriginHeader',
  MultipleAllowOriginValues: 'PreflightMultipleAllowOriginValues',
  InvalidAllowOriginValue: 'PreflightInvalidAllowOriginValue',
  AllowOriginMismatch: 'PreflightAllowOriginMismatch',
  InvalidAllowCredentials: 'PreflightInvalidAllowCredentials',
};

/** The same check on a preflight response reports the `Preflight…` codes (cors.cc CheckPreflightAccess). */
export function checkPreflightCorsAccess(input: CorsCheckInput): CorsCheckFailure | null {
  const failure = checkCorsAccess(input);
  if (!failure) return null;
  return { ...failure, corsError: PREFLIGHT_VARIANTS[failure.corsError] ?? failure.corsError };
}
