import type { HeaderList } from '../fetch/headers.ts';
import { corsUnsafeRequestHeaderNames } from '../fetch/corsUnsafeRequestHeaderNames.ts';
import { isCorsSafelistedMethod } from '../fetch/method.ts';
import type { CorsCheckFailure } from './corsCheck.ts';

export const ALLOW_METHODS = 'Access-Control-Allow-Methods';
export const ALLOW_HEADERS = 'Access-Control-Allow-Headers';

/**
 * What a successful preflight allowed (Chromium's PreflightResult): the
 * methods as sent (case kept), the header names lower-cased, whether the
 * request it guarded included credentials (then `*` is a literal), and the
 * Access-Control-Max-Age value as sent.
 */
export interface PreflightResult {
  readonly methods: readonly string[];
  readonly headers: readonly string[];
  readonly credentials: boolean;
  readonly maxAge: string | null;
  /** The raw list values, for explanations. */
  readonly allowMethodsValue: string | null;
  readonly allowHeadersValue: string | null;
}

/**
 * Whether `method` passes (preflight_result.cc EnsureAllowedCrossOriginMethod,
 * spec-conformant mode, Chromium's default): listed exactly (case-sensitive),
 * or safelisted, or `*` without credentials.
 */
export function checkAllowedMethod(result: PreflightResult, method: string): CorsCheckFailure | null {
  if (result.methods.includes(method) || isCorsSafelistedMethod(method)) return null;
  if (!result.credentials && result.methods.includes('*')) return null;
  return {
    corsError: 'MethodDisallowedByPreflightResponse',
    failedParameter: method,
    header: ALLOW_METHODS,
    received: result.allowMethodsValue,
    needed: method,
  };
}

export interface HeaderCheckOptions {
  /**
   * Apply the Fetch Standard's rule that `*` never covers Authorization.
   * Chromium leaves it off for preflight responses (feature
   * CorsNonWildcardRequestHeadersSupport is disabled) but always applies it
   * to preflight-cache lookups.
   */
  readonly authorizationNeedsListing: boolean;
  /** Names to check in place of those computed from `headers` (e.g. the preflight's own list). */
  readonly unsafeNames?: readonly string[];
}

/**
 * Whether every CORS-unsafe request header is allowed
 * (preflight_result.cc EnsureAllowedCrossOriginHeaders): `*` without
 * credentials allows all; otherwise each name, in request order, must be
 * listed, and the first missing one is Chromium's failedParameter.
 */
export function checkAllowedHeaders(result: PreflightResult, headers: HeaderList, options: HeaderCheckOptions): CorsCheckFailure | null {
  const names = options.unsafeNames ?? corsUnsafeRequestHeaderNames(headers);
  const listed = result.headers;
  if (!result.credentials && listed.includes('*')) {
    if (!options.authorizationNeedsListing) return null;
    if (names.includes('authorization') && !listed.includes('authorization')) return headerFailure(result, ['authorization']);
    return null;
  }
  // The lists are short: scanning them allocates nothing on the common path.
  let missing: string[] | null = null;
  for (let index = 0; index < names.length; index++) {
    const name = names[index] as string;
    if (listed.includes(name) || missing?.includes(name)) continue;
    (missing ??= []).push(name);
  }
  return missing === null ? null : headerFailure(result, missing);
}

function headerFailure(result: PreflightResult, missing: readonly string[]): CorsCheckFailure {
  return {
    corsError: 'HeaderDisallowedByPreflightResponse',
    failedParameter: missing[0] ?? '',
    header: ALLOW_HEADERS,
    received: result.allowHeadersValue,
    needed: missing.join(', '),
    missing,
  };
}

/** True when a non-credentialed `*` let Authorization through: allowed, but Chromium warns and never caches it. */
export function isAuthorizationCoveredByWildcard(result: PreflightResult, unsafeNames: readonly string[]): boolean {
  return !result.credentials && result.headers.includes('*') && unsafeNames.includes('authorization') && !result.headers.includes('authorization');
}
