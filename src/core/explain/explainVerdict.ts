import { firefoxReasonUrl } from '../browsers/firefoxReason.ts';
import { firefoxReasonOf } from '../browsers/firefoxReasonOf.ts';
import { FIREFOX_REASON_CATALOGUE } from './firefoxCatalogue.ts';
import { exposedResponseHeaders } from '../cors/exposedHeaders.ts';
import type { Exchange, Verdict } from '../cors/verdict.ts';
import { corsErrorOf, failedParameterOf, failedResponseOf, responseOf } from '../cors/verdictFacts.ts';
import { CORS_ERROR_CATALOGUE } from './catalogue.ts';
import type { Explanation } from './explanation.ts';
import { LINKS } from './links.ts';
import { browserSetHeadersLine, listPreflightReasons } from './preflightReasons.ts';
import { PREFLIGHT_REASONS_HEADINGS } from './preflightStatusLabel.ts';
import { describeHiddenCause, HOW_TO_FIND_THE_HIDDEN_CAUSE } from './hiddenCauses.ts';
import { findRootCause } from './rootCause.ts';
import { unblockedSummary } from './unblockedSummary.ts';
import { verdictNotes } from './verdictNotes.ts';

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
