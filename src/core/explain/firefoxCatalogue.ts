import type { FirefoxReason } from '../browsers/firefoxReason.ts';

/** One Firefox reason explained: what Firefox says in its console, in a sentence of our own. */
export interface FirefoxReasonDescription {
  /** What the check that failed is, in one sentence (the Chromium description beside it says how to fix it). */
  readonly meaning: string;
}

/**
 * One entry per Firefox reason. `satisfies Record<FirefoxReason, …>` makes
 * this exhaustive, as CORS_ERROR_CATALOGUE is over Chromium's codes: a
 * reason added to FIREFOX_REASONS without an entry here fails to compile.
 */
export const FIREFOX_REASON_CATALOGUE = {
  CORSDisabled: { meaning: 'CORS is turned off in this Firefox (the content.cors.disable preference): every cross-origin request that needs it fails.' },
  CORSDidNotSucceed: {
    meaning:
      'The request failed before any CORS check could pass: a network error, a refused redirect, or (as a second line) the end of a request whose preflight failed.',
  },
  CORSOriginHeaderNotAdded: { meaning: 'Firefox could not add the Origin header the request needs.' },
  CORSExternalRedirectNotAllowed: { meaning: 'The preflight was answered with a redirect, or a redirect went where CORS may not follow.' },
  CORSRequestNotHttp: { meaning: 'A CORS request (or a redirect) went to a URL that is not http: or https:.' },
  CORSMissingAllowOrigin: { meaning: 'The response (or the preflight response) carries no Access-Control-Allow-Origin header.' },
  CORSMultipleAllowOriginNotAllowed: { meaning: 'The response carries Access-Control-Allow-Origin in more than one header line.' },
  CORSAllowOriginNotMatchingOrigin: {
    meaning: "Access-Control-Allow-Origin holds something other than the request's origin (or *): another origin, a list, a bare host, or nothing.",
  },
  CORSNotSupportingCredentials: { meaning: 'The request includes credentials, and Access-Control-Allow-Origin is *, which never allows them.' },
  CORSMethodNotFound: { meaning: "The preflight's Access-Control-Allow-Methods does not list the request's method." },
  CORSMissingAllowCredentials: { meaning: 'The request includes credentials, and Access-Control-Allow-Credentials is not exactly true.' },
  CORSPreflightDidNotSucceed: { meaning: 'The preflight response has a status other than 2xx.' },
  CORSInvalidAllowMethod: { meaning: "The preflight's Access-Control-Allow-Methods does not parse as a list of method names." },
  CORSInvalidAllowHeader: { meaning: "The preflight's Access-Control-Allow-Headers does not parse as a list of header names." },
  CORSMissingAllowHeaderFromPreflight: { meaning: "The preflight's Access-Control-Allow-Headers does not list a header the request sets." },
} as const satisfies Record<FirefoxReason, FirefoxReasonDescription>;
