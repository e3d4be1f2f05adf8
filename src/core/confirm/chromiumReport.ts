/**
 * What Chromium itself reported about one request, over the DevTools
 * protocol: whether a preflight went out for it (CDP links a preflight to
 * its request through `initiator.requestId`), and how it ended
 * (`Network.loadingFailed.corsErrorStatus` when CORS blocked it).
 */
export interface ChromiumReport {
  readonly id: string;
  /** The first URL and the method, as the page asked. */
  readonly url: string;
  readonly method: string;
  /** Epoch ms (CDP wallTime), comparable with webRequest's timeStamp. */
  readonly startTime: number;
  /** The CDP session that reported it (a worker's or an iframe's), when not the tab's own. */
  readonly sessionId?: string;
  preflightSent: boolean;
  /** Whether a response reached the page (CORS let it through). */
  responded: boolean;
  ended: boolean;
  corsError: { readonly corsError: string; readonly failedParameter: string } | null;
  errorText: string | null;
}

/** The fields of the CDP Network events this reads (structural, so tests need no protocol types). */
export interface CdpNetworkParams {
  readonly requestId: string;
  readonly request?: { readonly url: string; readonly method: string };
  readonly wallTime?: number;
  readonly initiator?: { readonly type: string; readonly requestId?: string };
  readonly redirectResponse?: unknown;
  readonly errorText?: string;
  readonly corsErrorStatus?: { readonly corsError: string; readonly failedParameter: string };
}
