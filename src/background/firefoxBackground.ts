// Firefox's background page: the same worker, plus the recorder trigger.
// Chromium's drivers open the recorder page themselves; Firefox's cannot
// (see recorderTrigger.ts), so only the Firefox build names that page, and
// the Chrome store package (which holds what its files name) stays without it.
import browser from 'webextension-polyfill';
import { isRecorderTrigger, RECORDER_TRIGGER_URL } from './recorderTrigger.ts';
import './serviceWorker.ts';

browser.webRequest.onBeforeRequest.addListener(
  (details) => {
    if (isRecorderTrigger(details)) void browser.tabs.create({ url: browser.runtime.getURL('src/record/record.html') });
  },
  { urls: [`${new URL(RECORDER_TRIGGER_URL).origin}/*`] },
);
