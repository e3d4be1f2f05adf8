import type { WebRequestDetails } from './webRequestEvents.ts';

/**
 * Whether a request belongs to a page's own traffic. Left out: requests of no
 * tab (the extension's own, other extensions', service workers', DevTools'
 * own loads, which Chromium reports with tabId -1), and anything started by
 * or aimed at an extension or DevTools page. Same-origin requests and
 * navigations are left out later, by the pairing, which counts them.
 */
export function isPageTraffic(details: Pick<WebRequestDetails, 'tabId' | 'url' | 'initiator'>): boolean {
  if (details.tabId < 0) return false;
  if (isBrowserInternal(details.url)) return false;
  return details.initiator === undefined || !isBrowserInternal(details.initiator);
}

function isBrowserInternal(url: string): boolean {
  return url.startsWith('chrome-extension://') || url.startsWith('devtools://') || url.startsWith('chrome://');
}

/** A top-level navigation of a tab: its session starts again unless the log is preserved. */
export function isTabNavigation(details: Pick<WebRequestDetails, 'type' | 'frameId'>): boolean {
  return details.type === 'main_frame' && details.frameId === 0;
}
