// The listeners CORS Lens registers (src/background/serviceWorker.ts), with
// the same filters and options, doing nothing: what Chromium's webRequest
// machinery alone costs a page. Keep in step with CORS Lens's.
const allUrls = { urls: ['<all_urls>'] };
const nothing = () => undefined;
chrome.webRequest.onBeforeRequest.addListener(nothing, allUrls);
chrome.webRequest.onSendHeaders.addListener(nothing, allUrls, ['requestHeaders', 'extraHeaders']);
chrome.webRequest.onHeadersReceived.addListener(nothing, allUrls, ['responseHeaders', 'extraHeaders']);
chrome.webRequest.onBeforeRedirect.addListener(nothing, allUrls, ['responseHeaders', 'extraHeaders']);
chrome.webRequest.onCompleted.addListener(nothing, allUrls);
chrome.webRequest.onErrorOccurred.addListener(nothing, allUrls);
