/**
 * Every value of the DevTools protocol's `Network.CorsError`, spelled exactly
 * as Chromium reports it in `Network.loadingFailed.corsErrorStatus`, in the
 * protocol's declaration order (devtools-protocol r1684464, the enum of
 * Chromium 156; the e2e suite compares this list with the running browser).
 *
 * WARNING: these strings are written into exported traces and compared with
 * the browser. Renaming one breaks old traces and the oracle test.
 */
export const CORS_ERRORS = [
  'DisallowedByMode',
  'InvalidResponse',
  'WildcardOriginNotAllowed',
  'MissingAllowOriginHeader',
  'MultipleAllowOriginValues',
  'InvalidAllowOriginValue',
  'AllowOriginMismatch',
  'InvalidAllowCredentials',
  'CorsDisabledScheme',
  'PreflightInvalidStatus',
  'PreflightDisallowedRedirect',
  'PreflightWildcardOriginNotAllowed',
  'PreflightMissingAllowOriginHeader',
  'PreflightMultipleAllowOriginValues',
  'PreflightInvalidAllowOriginValue',
  'PreflightAllowOriginMismatch',
  'PreflightInvalidAllowCredentials',
  'PreflightMissingAllowExternal',
  'PreflightInvalidAllowExternal',
  'InvalidAllowMethodsPreflightResponse',
  'InvalidAllowHeadersPreflightResponse',
  'MethodDisallowedByPreflightResponse',
  'HeaderDisallowedByPreflightResponse',
  'RedirectContainsCredentials',
  'InsecureLocalNetwork',
  'InvalidLocalNetworkAccess',
  'NoCorsRedirectModeNotFollow',
  'LocalNetworkAccessPermissionDenied',
] as const;

export type CorsError = (typeof CORS_ERRORS)[number];

export function isCorsError(value: unknown): value is CorsError {
  return typeof value === 'string' && (CORS_ERRORS as readonly string[]).includes(value);
}

/** `Network.CorsErrorStatus`: the code and the parameter Chromium names (often ""). */
export interface CorsErrorStatus {
  readonly corsError: CorsError;
  readonly failedParameter: string;
}
