import type { CdpNetworkParams, ChromiumReport } from './chromiumReport.ts';

/** The requests kept, oldest dropped first: a long session must not grow without bound. */
const MAX_REPORTS = 5_000;

export interface ChromiumReports {
  handle(method: string, params: CdpNetworkParams, sessionId?: string): ChromiumReport | undefined;
  /**
   * A worker's or iframe's session went away (a worker that posted its
   * answer and was terminated): Chromium will say no more of its requests,
   * whose reports end with what was said. Returns them.
   */
  endSession(sessionId: string): ChromiumReport[];
  /** Unclaimed reports of this method and URL, oldest first. */
  candidates(method: string, url: string): ChromiumReport[];
  /** A report was matched to a transaction: it is not offered again. */
  claim(report: ChromiumReport): void;
  size(): number;
}

/**
 * Reports of the requests of one tab, built from its CDP Network events,
 * from the page and from its workers' and iframes' sessions. Request ids are
 * unique within a session only (a worker counts its requests from its own
 * renderer's numbering, as the page does), so a report is known by session
 * and id. A preflight is reported on the tab's session, linked to its
 * request's id alone: it goes to the newest open request with that id.
 */
export function createChromiumReports(): ChromiumReports {
  const reports = new Map<string, ChromiumReport>();
  // Unclaimed reports by method and URL, for matching without a scan; and by bare request id, for preflight links.
  const byRequest = new Map<string, Set<ChromiumReport>>();
  const byId = new Map<string, ChromiumReport[]>();
  const keyOf = (sessionId: string | undefined, requestId: string): string => `${sessionId ?? ''}/${requestId}`;
  const forget = (report: ChromiumReport): void => {
    reports.delete(keyOf(report.sessionId, report.id));
    const same = byRequest.get(requestKey(report.method, report.url));
    same?.delete(report);
    if (same?.size === 0) byRequest.delete(requestKey(report.method, report.url));
    const sameId = byId.get(report.id)?.filter((other) => other !== report) ?? [];
    if (sameId.length > 0) byId.set(report.id, sameId);
    else byId.delete(report.id);
  };
  const remember = (report: ChromiumReport): void => {
    reports.set(keyOf(report.sessionId, report.id), report);
    const key = requestKey(report.method, report.url);
    const same = byRequest.get(key);
    if (same) same.add(report);
    else byRequest.set(key, new Set([report]));
    byId.set(report.id, [...(byId.get(report.id) ?? []), report]);
    if (reports.size > MAX_REPORTS) forget(reports.values().next().value as ChromiumReport);
  };
  // A preflight may be announced before its request is (its own requestWillBeSent comes first).
  const earlyPreflights = new Set<string>();

  const handle = (method: string, params: CdpNetworkParams, sessionId?: string): ChromiumReport | undefined => {
    const known = reports.get(keyOf(sessionId, params.requestId));
    switch (method) {
      case 'Network.requestWillBeSent': {
        if (params.initiator?.type === 'preflight') {
          const owner = params.initiator.requestId;
          if (owner === undefined) return undefined;
          const report = byId
            .get(owner)
            ?.filter((candidate) => !candidate.ended)
            .at(-1);
          if (report) report.preflightSent = true;
          else earlyPreflights.add(owner);
          return report;
        }
        // A redirect: the same request at its next URL.
        if (known || !params.request || params.redirectResponse) return known;
        const report: ChromiumReport = {
          id: params.requestId,
          url: params.request.url,
          method: params.request.method,
          startTime: (params.wallTime ?? 0) * 1000,
          ...(sessionId ? { sessionId } : {}),
          preflightSent: earlyPreflights.delete(params.requestId),
          responded: false,
          ended: false,
          corsError: null,
          errorText: null,
        };
        remember(report);
        return report;
      }
      case 'Network.responseReceived':
        if (known) known.responded = true;
        return known;
      case 'Network.loadingFinished':
      case 'Network.loadingFailed': {
        // Chromium may report a failure twice (a CORS error, then an abort): the first one counts.
        if (!known || known.ended) return known;
        known.ended = true;
        if (method === 'Network.loadingFailed') {
          known.corsError = params.corsErrorStatus
            ? { corsError: params.corsErrorStatus.corsError, failedParameter: params.corsErrorStatus.failedParameter }
            : null;
          known.errorText = params.errorText ?? null;
        }
        return known;
      }
      default:
        return undefined;
    }
  };

  return {
    handle,
    endSession(sessionId) {
      const ended = [...reports.values()].filter((report) => report.sessionId === sessionId && !report.ended);
      for (const report of ended) report.ended = true;
      return ended;
    },
    candidates: (method, url) => [...(byRequest.get(requestKey(method, url)) ?? [])],
    claim: forget,
    size: () => reports.size,
  };
}

export function requestKey(method: string, url: string): string {
  return `${method} ${url}`;
}
