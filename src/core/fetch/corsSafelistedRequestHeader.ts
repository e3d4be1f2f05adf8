import { findCorsUnsafeRequestHeaderByte } from './corsUnsafeRequestHeaderByte.ts';
import { headerValueByteLength } from './headerValue.ts';
import { lowerCaseHeaderName } from './headers.ts';
import { CORS_SAFELISTED_CONTENT_TYPES, extractMimeTypeEssence } from './mimeType.ts';
import { isSimpleRangeHeaderValue } from './rangeHeader.ts';

/** Above this many bytes no header value is safelisted (Fetch Standard, Chromium alike). */
export const SAFELISTED_VALUE_MAX_BYTES = 128;

/**
 * Why a header is, or is not, a CORS-safelisted request-header. Each variant
 * names the rule of the Fetch Standard (or Chromium's extension of it) that
 * decided, so the panel can say it in words.
 */
export type SafelistDecision =
  { readonly safelisted: true; readonly rule: SafelistRule } | { readonly safelisted: false; readonly rule: UnsafeRule; readonly detail?: string };

export type SafelistRule = 'accept' | 'language' | 'content-type' | 'range' | 'chromium-client-hint' | 'chromium-intervention';

/** The safelist rules only Chromium has (its client hints and Intervention). */
export function isChromiumOnlyRule(rule: SafelistRule): boolean {
  return rule === 'chromium-client-hint' || rule === 'chromium-intervention';
}

export type UnsafeRule =
  'name-not-safelisted' | 'value-over-128-bytes' | 'unsafe-byte' | 'language-value' | 'content-type-not-safelisted' | 'range-not-simple' | 'client-hint-value';

const LANGUAGE_VALUE = /^[0-9A-Za-z *,\-.;=]*$/;
const INTEGER = /^[0-9]+$/;
const DECIMAL = /^[0-9]+(\.[0-9]+)?$/;
const EFFECTIVE_CONNECTION_TYPES = new Set(['slow-2g', '2g', '3g', '4g']);

/**
 * Fetch Standard "CORS-safelisted request-header", as Chromium implements it
 * (cors.cc IsCorsSafelistedHeader): the 128-byte limit first, then the name,
 * then the rule for that name's value. Chromium also safelists a few client
 * hints and `Intervention`, which the standard does not: a page may send
 * `DPR: 2` cross-origin without a preflight in Chromium.
 */
export function decideCorsSafelistedRequestHeader(name: string, value: string): SafelistDecision {
  if (headerValueByteLength(value) > SAFELISTED_VALUE_MAX_BYTES) {
    return { safelisted: false, rule: 'value-over-128-bytes' };
  }
  switch (lowerCaseHeaderName(name)) {
    case 'accept': {
      const byte = findCorsUnsafeRequestHeaderByte(value);
      return byte === null ? { safelisted: true, rule: 'accept' } : { safelisted: false, rule: 'unsafe-byte', detail: byte };
    }
    case 'accept-language':
    case 'content-language':
      return LANGUAGE_VALUE.test(value) ? { safelisted: true, rule: 'language' } : { safelisted: false, rule: 'language-value' };
    case 'content-type':
      return decideContentType(value);
    case 'range':
      return isSimpleRangeHeaderValue(value) ? { safelisted: true, rule: 'range' } : { safelisted: false, rule: 'range-not-simple' };
    case 'intervention':
      return { safelisted: true, rule: 'chromium-intervention' };
    case 'save-data':
      return clientHint(value.toLowerCase() === 'on');
    case 'device-memory':
    case 'dpr':
    case 'downlink':
      return clientHint(DECIMAL.test(value));
    case 'width':
    case 'viewport-width':
    case 'rtt':
      return clientHint(INTEGER.test(value));
    case 'ect':
      return clientHint(EFFECTIVE_CONNECTION_TYPES.has(value.toLowerCase()));
    default:
      return { safelisted: false, rule: 'name-not-safelisted' };
  }
}

export function isCorsSafelistedRequestHeader(name: string, value: string): boolean {
  return decideCorsSafelistedRequestHeader(name, value).safelisted;
}

function clientHint(valid: boolean): SafelistDecision {
  return valid ? { safelisted: true, rule: 'chromium-client-hint' } : { safelisted: false, rule: 'client-hint-value' };
}

function decideContentType(value: string): SafelistDecision {
  const lower = value.toLowerCase();
  const byte = findCorsUnsafeRequestHeaderByte(lower);
  if (byte !== null) return { safelisted: false, rule: 'unsafe-byte', detail: byte };
  const essence = extractMimeTypeEssence(lower);
  if (essence !== null && (CORS_SAFELISTED_CONTENT_TYPES as readonly string[]).includes(essence)) {
    return { safelisted: true, rule: 'content-type' };
  }
  return { safelisted: false, rule: 'content-type-not-safelisted', detail: essence ?? lower };
}
