import { firefoxReasonUrl, type FirefoxReason } from '../browsers/firefoxReason.ts';
import { firefoxReasonOf } from '../browsers/firefoxReasonOf.ts';
import type { CorsError } from '../cors/corsError.ts';
import { FIREFOX_REASON_CATALOGUE } from './firefoxCatalogue.ts';
import type { CorsRequest } from '../cors/corsRequest.ts';
import { exposedResponseHeaders } from '../cors/exposedHeaders.ts';
import type { Exchange, ObservedResponse, PreflightStatus, Verdict, VerdictOutcome } from '../cors/verdict.ts';
import { corsErrorOf, failedParameterOf, failedResponseOf, responseOf } from '../cors/verdictFacts.ts';
import { CORS_ERROR_CATALOGUE } from './catalogue.ts';
import type { FixTarget, HeaderLine } from './description.ts';
import { LINKS } from './links.ts';
import { browserSetHeadersLine, listPreflightReasons } from './preflightReasons.ts';
import { PREFLIGHT_REASONS_HEADINGS } from './preflightStatusLabel.ts';
import { describeHiddenCause, HOW_TO_FIND_THE_HIDDEN_CAUSE } from './hiddenCauses.ts';
import { findRootCause, type RootCause } from './rootCause.ts';
import { verdictNotes } from './verdictNotes.ts';

/**
 * A verdict in words: structured data, never HTML. Values that came from the
 * network appear as plain text and must be rendered as text.
 */
export interface Explanation {
  readonly outcome: VerdictOutcome;
  readonly corsError: CorsError | null;
  readonly failedParameter: string | null;
  /** One sentence. */
  readonly summary: string;
  /** The fix, as an instruction (blocked requests only). */
  readonly title: string | null;
  /** Said first, when the real cause is not the CORS configuration. */
  readonly rootCause: RootCause | null;
  /** What happened, then what to change. */
  readonly details: readonly string[];
  /** The header that failed, what the server sent, and what the browser needed. */
  readonly mismatch: { readonly header: string | null; readonly received: string | null; readonly needed: string } | null;
  /** The exact lines to add or change, and where. */
  readonly fix: { readonly target: FixTarget; readonly lines: readonly HeaderLine[] } | null;
  readonly notes: readonly string[];
  readonly preflight: {
    readonly status: PreflightStatus;
    /** What the reasons are headed with ("Why no preflight was needed"...). */
    readonly heading: string;
    readonly reasons: readonly string[];
    /** The headers the browser set on a simple request, as one line and in full; null when there are none. */
    readonly browserSet: { readonly line: string; readonly names: readonly string[] } | null;
  };
  /** For allowed requests: the response headers script can read. */
  readonly readableHeaders: readonly string[] | null;
  readonly links: readonly { readonly title: string; readonly url: string }[];
  /** The same failure as Firefox names it (its console reason and MDN page); null when not blocked, or Firefox has no reason for it. */
  readonly firefox: { readonly reason: FirefoxReason; readonly meaning: string; readonly url: string } | null;
}

/**
 * Explains a verdict: the summary, the root cause when it is not CORS
 * configuration, what the server sent against what the browser needed, the
 * fix on the server, why the request was (not) preflighted, and links.
 */
export function explainVerdict(capture: Exchange, verdict: Verdict): Explanation {
  const { request } = capture;
  // The hop that failed, else the last one reached.
  const reached = verdict.failedHop ?? verdict.hops.length - 1;
  const index = verdict.hops[reached] ? reached : 0;
  const hop = verdict.hops[index];
  const url = (hop && capture.hops[index]?.url) ?? request.url;
  const { reasons, browserSetHeaders } = hop ? listPreflightReasons(hop.preflightNeed) : { reasons: [], browserSetHeaders: [] };
  const preflight = {
    status: verdict.preflight,
    heading: PREFLIGHT_REASONS_HEADINGS[verdict.preflight],
    reasons,
    browserSet: browserSetHeaders.length > 0 ? { line: browserSetHeadersLine(browserSetHeaders), names: browserSetHeaders } : null,
  };
  const base = {
    outcome: verdict.outcome,
    corsError: corsErrorOf(verdict),
    failedParameter: failedParameterOf(verdict),
    notes: verdictNotes(verdict),
    preflight,
    firefox: firefoxView(capture, verdict),
  };
  if (verdict.outcome === 'blocked' && verdict.failure) {
    const { failure } = verdict;
    const failedResponse = failedResponseOf(capture, verdict);
    const announced = request.unsafeHeaderNames ?? [];
    const description = CORS_ERROR_CATALOGUE[failure.corsError]({
      corsError: failure.corsError,
      failedParameter: failure.failedParameter,
      origin: hop?.origin ?? request.initiatorOrigin,
      method: hop?.method ?? request.method,
      url,
      credentials: request.credentials === 'include',
      header: failure.header,
      received: failure.received,
      needed: failure.needed,
      missing: failure.missing ?? [],
      invalidItem: failure.invalidItem ?? null,
      status: failedResponse?.status ?? null,
      responseHeaders: failedResponse?.headers ?? [],
      unsafeHeaderNames:
        announced.length > 0
          ? announced
          : (hop?.preflightNeed.reasons.flatMap((reason) =>
              reason.kind === 'header' ? [reason.header.name] : reason.kind === 'header-not-safelisted-here' ? [reason.header.name] : [],
            ) ?? []),
    });
    return {
      ...base,
      summary: description.summary,
      title: description.title,
      rootCause: findRootCause(capture, verdict),
      details: [
        description.whatHappened,
        description.whatToChange,
        ...(description.note ? [description.note] : []),
        ...(failure.candidates
          ? [
              `Chromium names the first of ${failure.candidates.join(', ')} in its own header order, which this capture does not show; all of them need allowing.`,
            ]
          : []),
      ],
      mismatch: { header: failure.header, received: failure.received, needed: failure.needed },
      fix: description.fix,
      readableHeaders: null,
      links: description.links.map((id) => LINKS[id]),
    };
  }
  const response = responseOf(capture, verdict);
  return {
    ...base,
    summary: unblockedSummary(verdict, request, response),
    title: null,
    rootCause: null,
    details: verdict.hiddenCauses ? [...verdict.hiddenCauses.map(describeHiddenCause), HOW_TO_FIND_THE_HIDDEN_CAUSE] : [],
    mismatch: null,
    fix: null,
    readableHeaders: verdict.outcome === 'allowed' && response ? exposedResponseHeaders(response.headers, request.credentials).readable : null,
    links: verdict.outcome === 'allowed' ? [LINKS.corsCheck] : [],
  };
}

function firefoxView(capture: Exchange, verdict: Verdict): Explanation['firefox'] {
  const reason = firefoxReasonOf(capture, verdict);
  return reason === null ? null : { reason, meaning: FIREFOX_REASON_CATALOGUE[reason].meaning, url: firefoxReasonUrl(reason) };
}

function unblockedSummary(verdict: Verdict, request: CorsRequest, response: ObservedResponse | null): string {
  const cached =
    verdict.preflight === 'cache-hit'
      ? ' Its preflight was served from the preflight cache.'
      : verdict.preflight === 'not-recorded'
        ? ' It needed a preflight, which this capture tool does not record.'
        : verdict.preflight === 'not-seen'
          ? ' It needed a preflight, and none was seen.'
          : '';
  switch (verdict.outcome) {
    case 'allowed':
      return `Allowed: the response grants ${request.initiatorOrigin} access${request.credentials === 'include' ? ', with credentials' : ''}.${cached}`;
    case 'not-cors':
      return 'Not a CORS request (same-origin, no-cors or a navigation): the browser applies no CORS check.';
    case 'network-error':
      if (verdict.networkError === 'blocked:origin')
        return 'Refused, but not by CORS: a same-origin-mode request was redirected to another origin, and the browser does not follow such a redirect.';
      if (response) return `CORS let the response through, but the request then failed (${verdict.networkError ?? 'unknown error'}): not a CORS decision.`;
      return `Failed at the network level (${verdict.networkError ?? 'unknown error'}), before CORS had a say: the server did not answer${verdict.stage === 'preflight' ? ' the preflight' : ''}.`;
    case 'undetermined':
      return `Blocked: the browser failed this request (${verdict.networkError ?? 'net::ERR_FAILED'}), and the reason is not visible to CORS Lens: nothing the capture shows of its CORS headers fails a check.`;
    case 'incomplete':
      return 'The capture ends before the request did: no verdict yet.';
    case 'blocked':
      return 'Blocked.';
  }
}
