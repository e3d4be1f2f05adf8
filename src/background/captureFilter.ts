import type { WebRequestDetails } from './webRequestEvents.ts';

/**
 * Whether a request belongs to a page's own traffic. Left out: requests of no
 * tab (the extension's own, other extensions', service workers', DevTools'
 * own loads, which Chromium reports with tabId -1), and anything started by
 * or aimed at an extension, DevTools or browser page (Chromium names the
 * initiator in `initiator`, Firefox the document in `originUrl`). Same-origin
 * requests and navigations are left out later, by the pairing, which counts
 * them.
 */
export function isPageTraffic(details: Pick<WebRequestDetails, 'tabId' | 'url' | 'initiator' | 'originUrl'>): boolean {
  if (details.tabId < 0) return false;
  if (isBrowserInternal(details.url)) return false;
  if (details.originUrl !== undefined && isBrowserInternal(details.originUrl)) return false;
  return details.initiator === undefined || !isBrowserInternal(details.initiator);
}

/**
 * Schemes of the browsers' own pages: Chromium's, then Firefox's. Not
 * `about:`: an about:blank frame's requests are its parent page's.
 */
const BROWSER_SCHEMES = ['chrome-extension:', 'devtools:', 'chrome:', 'moz-extension:', 'resource:'];

function isBrowserInternal(url: string): boolean {
  return BROWSER_SCHEMES.some((scheme) => url.startsWith(scheme));
}

/** A top-level navigation of a tab: its session starts again unless the log is preserved. */
export function isTabNavigation(details: Pick<WebRequestDetails, 'type' | 'frameId'>): boolean {
  return details.type === 'main_frame' && details.frameId === 0;
}
