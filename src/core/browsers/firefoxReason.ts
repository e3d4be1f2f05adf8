/**
 * Firefox's CORS reasons: the keys of Firefox 153's `security.properties`
 * (dom/locales/en-US/chrome/security/security.properties) as MDN names them,
 * without the version digit Firefox appends when a text changes
 * (`CORSMissingAllowOrigin2` is MDN's `CORSMissingAllowOrigin`). Firefox
 * logs one per blocked request in the console, "Cross-Origin Request
 * Blocked: ... (Reason: TEXT)"; no extension API exposes it.
 *
 * WARNING: written into exports and compared with Firefox by the e2e suite:
 * never rename one.
 */
export const FIREFOX_REASONS = [
  'CORSDisabled',
  'CORSDidNotSucceed',
  'CORSOriginHeaderNotAdded',
  'CORSExternalRedirectNotAllowed',
  'CORSRequestNotHttp',
  'CORSMissingAllowOrigin',
  'CORSMultipleAllowOriginNotAllowed',
  'CORSAllowOriginNotMatchingOrigin',
  'CORSNotSupportingCredentials',
  'CORSMethodNotFound',
  'CORSMissingAllowCredentials',
  'CORSPreflightDidNotSucceed',
  'CORSInvalidAllowMethod',
  'CORSInvalidAllowHeader',
  'CORSMissingAllowHeaderFromPreflight',
] as const;

export type FirefoxReason = (typeof FIREFOX_REASONS)[number];

export function isFirefoxReason(value: unknown): value is FirefoxReason {
  return typeof value === 'string' && (FIREFOX_REASONS as readonly string[]).includes(value);
}

/** MDN's page for a reason (the console's "Learn more" link goes there). */
export function firefoxReasonUrl(reason: FirefoxReason): string {
  return `https://developer.mozilla.org/docs/Web/HTTP/Guides/CORS/Errors/${reason}`;
}

/**
 * The English text of each reason, as Firefox 153 logs it after "Reason:"
 * (curly quotes as Firefox writes them; `%S` is a value). Read back by the
 * e2e suite, which maps Firefox's console lines to keys.
 */
export const FIREFOX_REASON_TEXTS: Readonly<Record<FirefoxReason, string>> = {
  CORSDisabled: 'CORS disabled',
  CORSDidNotSucceed: 'CORS request did not succeed',
  CORSOriginHeaderNotAdded: 'CORS header ‘Origin’ cannot be added',
  CORSExternalRedirectNotAllowed: 'CORS request external redirect not allowed',
  CORSRequestNotHttp: 'CORS request not http',
  CORSMissingAllowOrigin: 'CORS header ‘Access-Control-Allow-Origin’ missing',
  CORSMultipleAllowOriginNotAllowed: 'Multiple CORS header ‘Access-Control-Allow-Origin’ not allowed',
  CORSAllowOriginNotMatchingOrigin: 'CORS header ‘Access-Control-Allow-Origin’ does not match ‘%S’',
  CORSNotSupportingCredentials: 'Credential is not supported if the CORS header ‘Access-Control-Allow-Origin’ is ‘*’',
  CORSMethodNotFound: 'Did not find method in CORS header ‘Access-Control-Allow-Methods’',
  CORSMissingAllowCredentials: 'expected ‘true’ in CORS header ‘Access-Control-Allow-Credentials’',
  CORSPreflightDidNotSucceed: 'CORS preflight response did not succeed',
  CORSInvalidAllowMethod: 'invalid token ‘%S’ in CORS header ‘Access-Control-Allow-Methods’',
  CORSInvalidAllowHeader: 'invalid token ‘%S’ in CORS header ‘Access-Control-Allow-Headers’',
  CORSMissingAllowHeaderFromPreflight: 'header ‘%S’ is not allowed according to header ‘Access-Control-Allow-Headers’ from CORS preflight response',
};

/** A reason read from a console line: the key and the value Firefox put in it (`%S`), if any. */
export interface FirefoxReasonReading {
  readonly reason: FirefoxReason;
  readonly value: string | null;
}

const READERS = FIREFOX_REASONS.map((reason) => {
  const [before = '', after = ''] = FIREFOX_REASON_TEXTS[reason].split('%S');
  const hasValue = FIREFOX_REASON_TEXTS[reason].includes('%S');
  return { reason, before, after, hasValue };
});

/**
 * The reason in one of Firefox's "Cross-Origin Request Blocked" console
 * lines; null for any other line.
 */
export function readFirefoxReason(line: string): FirefoxReasonReading | null {
  // "... (Reason: TEXT)." or "... (Reason: TEXT). Status code: 204." ("(null)" when none).
  const withoutStatus = line.trimEnd().replace(/\. Status code: [^\n]*$/, '.');
  const match = /\(Reason: (.*)\)\.$/s.exec(withoutStatus);
  if (!match) return null;
  const text = match[1] ?? '';
  for (const { reason, before, after, hasValue } of READERS) {
    if (!hasValue) {
      if (text === before) return { reason, value: null };
    } else if (text.startsWith(before) && text.endsWith(after) && text.length >= before.length + after.length) {
      return { reason, value: text.slice(before.length, text.length - after.length) };
    }
  }
  return null;
}
