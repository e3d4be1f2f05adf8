import type { WebRequestDetails } from './webRequestEvents.ts';

/**
 * The address a driver sends a tab to, to have the extension open its
 * recorder page (src/record/) in a tab of its own. Firefox lets no driver
 * open an extension page (WebDriver BiDi refuses to navigate to
 * moz-extension://, and a web page may not open one), but a tab the
 * extension opens itself is scriptable: `cors-lens record --browser firefox`
 * and the Firefox e2e tests read the capture through it. `.invalid` never
 * resolves (RFC 2606): the navigation itself just fails.
 */
export const RECORDER_TRIGGER_URL = 'http://cors-lens.invalid/open-recorder';

/**
 * Only a top-level navigation no page started (typed, or a driver's): a
 * web page cannot open the recorder by linking there.
 */
export function isRecorderTrigger(details: Pick<WebRequestDetails, 'type' | 'url' | 'initiator' | 'originUrl'>): boolean {
  return details.type === 'main_frame' && details.url === RECORDER_TRIGGER_URL && details.initiator === undefined && details.originUrl === undefined;
}
