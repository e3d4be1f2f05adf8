// The service worker. For now it only makes preflights visible: Chromium
// hides OPTIONS preflights from webRequest unless some listener asks for
// 'extraHeaders' (Chrome 79+). Capture and pairing arrive with issue #4.
import browser from 'webextension-polyfill';

const ALL_URLS = { urls: ['<all_urls>'] };

// Registered synchronously at the top level, so a worker woken by a request
// sees that request's events.
browser.webRequest.onSendHeaders.addListener(() => undefined, ALL_URLS, ['requestHeaders', 'extraHeaders']);
browser.webRequest.onHeadersReceived.addListener(() => undefined, ALL_URLS, ['responseHeaders', 'extraHeaders']);
