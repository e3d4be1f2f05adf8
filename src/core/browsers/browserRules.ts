/**
 * Where a browser's CORS differs from Chromium's in a way that changes a
 * verdict, as data the engine consults (decideVerdict's `rules`). Every
 * difference here was shown by the browser itself in the lab
 * (e2e/firefoxOracle.spec.ts); Chromium's values are the engine's defaults.
 */
export interface BrowserRules {
  readonly browser: 'chromium' | 'firefox';
  /**
   * After a redirect has tainted the request's origin, the origin a new
   * preflight sends: the tainted "null" (Chromium, the Fetch Standard) or
   * still the page's own (Firefox).
   */
  readonly preflightOriginAfterTaint: 'null' | 'initiator';
  /**
   * Whether Access-Control-Allow-Origin and -Credentials are checked on a
   * preflight to a URL of the page's own origin (reached by a redirect):
   * Chromium does, Firefox does not.
   */
  readonly checksPreflightToOwnOrigin: boolean;
  /**
   * Whether the browser safelists Chromium's extra request headers (the
   * client hints DPR, Viewport-Width, ECT, Save-Data... and Intervention):
   * Firefox does not, and preflights them.
   */
  readonly safelistsChromiumExtras: boolean;
  /** Whose preflight-cache rules the cache model follows (Max-Age parsing, cap, URL limit). */
  readonly cache: 'chromium' | 'firefox';
}

export const CHROMIUM_RULES: BrowserRules = {
  browser: 'chromium',
  preflightOriginAfterTaint: 'null',
  checksPreflightToOwnOrigin: true,
  safelistsChromiumExtras: true,
  cache: 'chromium',
};

export const FIREFOX_RULES: BrowserRules = {
  browser: 'firefox',
  preflightOriginAfterTaint: 'initiator',
  checksPreflightToOwnOrigin: false,
  safelistsChromiumExtras: false,
  cache: 'firefox',
};

export type BrowserName = BrowserRules['browser'];

export function browserRules(browser: BrowserName): BrowserRules {
  return browser === 'firefox' ? FIREFOX_RULES : CHROMIUM_RULES;
}

/**
 * The network errors a browser reports when it refused a request itself (a
 * CORS or security failure) rather than the network failing: Chromium's
 * for every CORS block, Firefox's (webRequest's onErrorOccurred). The
 * capture never says which check failed; the engine judges that from the
 * headers.
 */
const REFUSAL_ERRORS: ReadonlySet<string> = new Set(['net::ERR_FAILED', 'NS_ERROR_DOM_BAD_URI']);

export function isBrowserRefusal(error: string | undefined): boolean {
  return error !== undefined && REFUSAL_ERRORS.has(error);
}
