// Whether the extension may see every site's requests. Chromium grants the
// manifest's host permissions at install for good; Firefox (MV3, 127+) lets
// the user withdraw them, and webRequest then reports nothing of those
// sites. Asked of the browser, never assumed.
import browser from 'webextension-polyfill';

const ALL_SITES = { origins: ['<all_urls>'] };

export function hasHostAccess(): Promise<boolean> {
  return browser.permissions.contains(ALL_SITES);
}

/** Asks the user (the browser's own prompt); must run in a click's handler. */
export function requestHostAccess(): Promise<boolean> {
  return browser.permissions.request(ALL_SITES);
}

/** Calls `listener` when the grant changes (the user can change it in the add-ons manager at any time). */
export function onHostAccessChanged(listener: () => void): () => void {
  browser.permissions.onAdded.addListener(listener);
  browser.permissions.onRemoved.addListener(listener);
  return () => {
    browser.permissions.onAdded.removeListener(listener);
    browser.permissions.onRemoved.removeListener(listener);
  };
}
