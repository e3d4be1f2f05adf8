import { isBrowserSetRequestHeader } from '../fetch/browserSetRequestHeader.ts';
import type { UnsafeRequestHeader } from '../fetch/corsUnsafeRequestHeaderNames.ts';
import type { PreflightNeed } from '../cors/needsPreflight.ts';
import type { PreflightReason, SimpleRequestRule } from '../cors/simpleRequestRules.ts';
import { isChromiumOnlyRule } from '../fetch/corsSafelistedRequestHeader.ts';

const SAFELISTED_TYPES = 'text/plain, multipart/form-data or application/x-www-form-urlencoded';

function headerReason(header: UnsafeRequestHeader): string {
  const name = header.name;
  switch (header.rule) {
    case 'name-not-safelisted':
      return `the page sets ${name}, which is not a CORS-safelisted header`;
    case 'value-over-128-bytes':
      return `${name} is longer than 128 bytes`;
    case 'unsafe-byte':
      return `${name} holds the character ${JSON.stringify(header.detail ?? '')}, which no safelisted value may contain`;
    case 'language-value':
      return `${name} holds characters other than letters, digits, space and * , - . ; =`;
    case 'content-type-not-safelisted':
      return `Content-Type is ${header.detail ?? header.value}, not ${SAFELISTED_TYPES}`;
    case 'range-not-simple':
      return `Range is "${header.value}", not a single bytes=start-end range`;
    case 'client-hint-value':
      return `${name} has a value Chromium does not accept without a preflight ("${header.value}")`;
    case 'safelisted-total-over-1024-bytes':
      return `${name} is safelisted, but the safelisted headers add up to more than 1024 bytes`;
  }
}

/** Each reason a request was preflighted, as a sentence fragment. */
export function describePreflightReason(reason: PreflightReason): string {
  switch (reason.kind) {
    case 'forced':
      return 'the request forces a preflight (an XMLHttpRequest upload with progress listeners)';
    case 'method':
      return `the method ${reason.method} is not GET, HEAD or POST`;
    case 'header':
      return headerReason(reason.header);
    case 'header-not-safelisted-here':
      return `${reason.header.name} is safelisted only by Chromium, not by the Fetch Standard or Firefox`;
  }
}

function describeSimpleRule(rule: SimpleRequestRule): string {
  switch (rule.kind) {
    case 'method':
      return `${rule.method} is a safelisted method`;
    case 'forbidden-header':
      return `${rule.name} is set by the browser, not the page`;
    case 'header':
      return isChromiumOnlyRule(rule.rule)
        ? `${rule.name} is safelisted by Chromium (not by the Fetch Standard)`
        : `${rule.name}: ${rule.value} is a safelisted header`;
  }
}

/** Why a request was, or was not, preflighted at a hop, in sentences: the engine's reasons, read as they are. */
export function preflightReasons(need: PreflightNeed): string[] {
  if (need.notCorsReason !== null) return ['CORS does not apply to this request, so there is no preflight'];
  const announcedReasons = need.announced.map((name) => `the page sets ${name} (its value was not captured), which the preflight announced`);
  if (need.reasons.length > 0) return [...need.reasons.map(describePreflightReason), ...announcedReasons];
  if (need.announced.length > 0) return [...need.met.map(describeSimpleRule), ...announcedReasons];
  return ['a simple request: no preflight needed', ...need.met.map(describeSimpleRule)];
}

/** preflightReasons with the headers the browser added set apart, for a reader of a captured request. */
export interface PreflightReasonList {
  /** Sentences about the method and the headers the page set. */
  readonly reasons: readonly string[];
  /** The headers the browser set that met a simple-request rule, lower-cased, each once, in request order. */
  readonly browserSetHeaders: readonly string[];
}

/**
 * Why a captured request was, or was not, preflighted: as preflightReasons,
 * except that the dozen headers the browser adds to a simple request
 * (sec-ch-ua, sec-fetch-*, user-agent, accept-language...) are listed apart
 * rather than one sentence each, so the page's own headers stand out.
 */
export function listPreflightReasons(need: PreflightNeed): PreflightReasonList {
  if (need.notCorsReason !== null || need.reasons.length > 0) return { reasons: preflightReasons(need), browserSetHeaders: [] };
  const own: SimpleRequestRule[] = [];
  const browserSet = new Set<string>();
  for (const rule of need.met) {
    if (rule.kind === 'forbidden-header' || (rule.kind === 'header' && isBrowserSetRequestHeader(rule.name, rule.value))) browserSet.add(rule.name);
    else own.push(rule);
  }
  return { reasons: preflightReasons({ ...need, met: own }), browserSetHeaders: [...browserSet] };
}

/** How many of the first names the one line shows; the rest are behind "…". */
const NAMES_SHOWN = 3;

/** The browser-set headers in one line: "12 headers set by the browser (sec-ch-ua, sec-ch-ua-mobile, user-agent, …)". */
export function browserSetHeadersLine(names: readonly string[]): string {
  const shown = names.slice(0, NAMES_SHOWN).join(', ');
  return `${names.length} ${names.length === 1 ? 'header' : 'headers'} set by the browser (${shown}${names.length > NAMES_SHOWN ? ', …' : ''})`;
}
