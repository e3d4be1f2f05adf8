import { getHeaders, type HeaderList } from '../fetch/headers.ts';
import { parseHeaderValueList } from '../fetch/headerValueList.ts';
import { checkPreflightCorsAccess, type CorsCheckFailure } from './corsCheck.ts';
import type { CredentialsMode } from './corsRequest.ts';
import { ALLOW_HEADERS, ALLOW_METHODS, checkAllowedHeaders, checkAllowedMethod, type PreflightResult } from './preflightResult.ts';
import { redirectTarget } from './redirect.ts';

export interface PreflightResponse {
  readonly status: number;
  readonly statusText?: string;
  readonly headers: HeaderList;
}

export interface PreflightCheckInput {
  /** The URL the preflight went to (the actual request's current URL). */
  readonly url: string;
  /** The actual request's method, headers and credentials mode: the preflight is judged for them. */
  readonly method: string;
  readonly headers: HeaderList;
  readonly credentials: CredentialsMode;
  /** The serialized origin sent in Origin ("null" once tainted). */
  readonly origin: string;
  readonly response: PreflightResponse;
  /** Names to check in place of those computed from `headers` (the preflight's Access-Control-Request-Headers). */
  readonly unsafeNames?: readonly string[];
  /** False where the browser skips the CORS check on this preflight (BrowserRules.checksPreflightToOwnOrigin); true by default. */
  readonly checksAccess?: boolean;
}

export type PreflightCheck = { readonly passed: true; readonly result: PreflightResult } | { readonly passed: false; readonly failure: CorsCheckFailure };

const PREFLIGHT_ANSWER_HEADERS = [
  'access-control-allow-origin',
  'access-control-allow-credentials',
  'access-control-allow-methods',
  'access-control-allow-headers',
  'access-control-max-age',
] as const;

/**
 * Judges a CORS-preflight response in Chromium's order
 * (preflight_controller.cc, preflight_result.cc; Fetch Standard
 * "CORS-preflight fetch"), the first failure winning:
 *  1. a redirect: PreflightDisallowedRedirect;
 *  2. the CORS check, with the actual request's credentials mode;
 *  3. an ok status (200-299): PreflightInvalidStatus (so a 404 without
 *     Access-Control-Allow-Origin reports the missing header, not the status);
 *  4. parse Access-Control-Allow-Methods, then -Allow-Headers;
 *  5. the method, then the headers.
 */
export function checkPreflightResponse(input: PreflightCheckInput): PreflightCheck {
  const { response } = input;
  const location = redirectTarget(response.status, response.headers, input.url);
  if (location !== null) {
    return fail({ corsError: 'PreflightDisallowedRedirect', failedParameter: '', header: 'Location', received: location, needed: 'no redirect' });
  }
  // Every header the check may read, in one pass over the response's list.
  const [allowOrigin, allowCredentials, allowMethodsValue, allowHeadersValue, maxAge] = getHeaders(response.headers, PREFLIGHT_ANSWER_HEADERS);
  const access =
    input.checksAccess === false
      ? null
      : checkPreflightCorsAccess({
          allowOrigin,
          allowCredentials,
          origin: input.origin,
          credentials: input.credentials,
          responseUrl: input.url,
        });
  if (access) return fail(access);
  if (response.status < 200 || response.status > 299) {
    return fail({ corsError: 'PreflightInvalidStatus', failedParameter: '', header: null, received: statusLine(response), needed: 'a 2xx status' });
  }
  const methods = parseHeaderValueList(allowMethodsValue);
  if (!methods.valid) {
    return fail({
      corsError: 'InvalidAllowMethodsPreflightResponse',
      failedParameter: '',
      header: ALLOW_METHODS,
      received: allowMethodsValue,
      needed: `a comma-separated list of method names (\`${methods.invalidItem ?? ''}\` is not one)`,
      invalidItem: methods.invalidItem ?? '',
    });
  }
  const headers = parseHeaderValueList(allowHeadersValue, { lowerCase: true });
  if (!headers.valid) {
    return fail({
      corsError: 'InvalidAllowHeadersPreflightResponse',
      failedParameter: '',
      header: ALLOW_HEADERS,
      received: allowHeadersValue,
      needed: `a comma-separated list of header names (\`${headers.invalidItem ?? ''}\` is not one)`,
      invalidItem: headers.invalidItem ?? '',
    });
  }
  const result: PreflightResult = {
    methods: methods.items,
    headers: headers.items,
    credentials: input.credentials === 'include',
    maxAge,
    allowMethodsValue,
    allowHeadersValue,
  };
  const methodFailure = checkAllowedMethod(result, input.method);
  if (methodFailure) return fail(methodFailure);
  const headerFailure = checkAllowedHeaders(result, input.headers, {
    authorizationNeedsListing: false,
    unsafeNames: input.unsafeNames,
  });
  if (headerFailure) return fail(headerFailure);
  return { passed: true, result };
}

function fail(failure: CorsCheckFailure): PreflightCheck {
  return { passed: false, failure };
}

function statusLine(response: PreflightResponse): string {
  return response.statusText ? `${response.status} ${response.statusText}` : String(response.status);
}
