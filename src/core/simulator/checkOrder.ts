import type { CorsError } from '../cors/corsError.ts';
import type { LinkId } from '../explain/links.ts';

/** One check the browser makes, and the CorsError codes its failure reports. */
export interface BrowserCheck {
  readonly id: string;
  readonly title: string;
  readonly errors: readonly CorsError[];
  readonly link: LinkId;
}

/**
 * The checks on a preflight response in the order checkPreflightResponse
 * makes them (preflight_controller.cc): the first failing one is the
 * verdict. checkOrder.test.ts holds this list to that function.
 */
export const PREFLIGHT_CHECKS: readonly BrowserCheck[] = [
  { id: 'no-redirect', title: 'The preflight is not redirected', errors: ['PreflightDisallowedRedirect'], link: 'preflightFetch' },
  {
    id: 'allow-origin',
    title: 'Access-Control-Allow-Origin allows the Origin',
    errors: [
      'PreflightMissingAllowOriginHeader',
      'PreflightWildcardOriginNotAllowed',
      'PreflightMultipleAllowOriginValues',
      'PreflightInvalidAllowOriginValue',
      'PreflightAllowOriginMismatch',
    ],
    link: 'allowOrigin',
  },
  {
    id: 'allow-credentials',
    title: 'Access-Control-Allow-Credentials is true when credentials are included',
    errors: ['PreflightInvalidAllowCredentials'],
    link: 'credentials',
  },
  { id: 'ok-status', title: 'The status is 2xx', errors: ['PreflightInvalidStatus'], link: 'preflightFetch' },
  { id: 'allow-methods-syntax', title: 'Access-Control-Allow-Methods parses', errors: ['InvalidAllowMethodsPreflightResponse'], link: 'preflightFetch' },
  { id: 'allow-headers-syntax', title: 'Access-Control-Allow-Headers parses', errors: ['InvalidAllowHeadersPreflightResponse'], link: 'preflightFetch' },
  { id: 'method-allowed', title: 'The method is allowed', errors: ['MethodDisallowedByPreflightResponse'], link: 'preflightFetch' },
  { id: 'headers-allowed', title: 'Every CORS-unsafe header is allowed', errors: ['HeaderDisallowedByPreflightResponse'], link: 'preflightFetch' },
];

/** The CORS check on a response (checkCorsAccess), and what a redirect adds (decideVerdict). */
export const RESPONSE_CHECKS: readonly BrowserCheck[] = [
  {
    id: 'allow-origin',
    title: 'Access-Control-Allow-Origin allows the Origin',
    errors: ['MissingAllowOriginHeader', 'WildcardOriginNotAllowed', 'MultipleAllowOriginValues', 'InvalidAllowOriginValue', 'AllowOriginMismatch'],
    link: 'corsCheck',
  },
  {
    id: 'allow-credentials',
    title: 'Access-Control-Allow-Credentials is true when credentials are included',
    errors: ['InvalidAllowCredentials'],
    link: 'credentials',
  },
];

export const REDIRECT_CHECKS: readonly BrowserCheck[] = [
  ...RESPONSE_CHECKS,
  { id: 'location-credentials', title: 'The Location holds no user name or password', errors: ['RedirectContainsCredentials'], link: 'redirectFetch' },
];

/** The check whose failure reports `corsError`, by its place in `checks`; -1 when none does. */
export function failingCheck(checks: readonly BrowserCheck[], corsError: CorsError | null): number {
  return corsError === null ? -1 : checks.findIndex((check) => check.errors.includes(corsError));
}
