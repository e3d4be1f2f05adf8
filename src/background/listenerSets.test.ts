import { describe, expect, it } from 'vitest';
import { ALL_TABS } from '../core/recording/recordingPlan.ts';
import { createListenerSets } from './listenerSets.ts';
import { fakeWebRequest } from './testRecording.ts';
import type { WebRequestDetails } from './webRequestEvents.ts';

const details = (tabId: number, url = 'http://api.test/x'): WebRequestDetails => ({
  requestId: '1',
  url,
  method: 'GET',
  tabId,
  frameId: 0,
  type: 'xmlhttprequest',
  timeStamp: 1,
});

describe('listener sets', () => {
  it("six listeners per set, always in the same order, so that a restarted worker takes over the names of the stopped one's", () => {
    const webRequest = fakeWebRequest();
    const sets = createListenerSets(webRequest.api, () => undefined);
    expect(sets.add(ALL_TABS).slot).toBe(0);
    expect(sets.add({ kind: 'tab', tabId: 7 }).slot).toBe(1);
    expect(webRequest.names).toEqual([
      ...['onSendHeaders/s1', 'onBeforeRequest/s2', 'onHeadersReceived/s3', 'onBeforeRedirect/s4', 'onCompleted/s5', 'onErrorOccurred/s6'],
      ...['onSendHeaders/s7', 'onBeforeRequest/s8', 'onHeadersReceived/s9', 'onBeforeRedirect/s10', 'onCompleted/s11', 'onErrorOccurred/s12'],
    ]);
    expect(sets.extraHeaders).toBe(true);
    expect(webRequest.withExtraHeaders().map((each) => each.phase)).toEqual([
      'onSendHeaders',
      'onHeadersReceived',
      'onBeforeRedirect',
      'onSendHeaders',
      'onHeadersReceived',
      'onBeforeRedirect',
    ]);
  });

  it("a tab's set names the tab in its filter: the browser routes no other tab's requests through it", () => {
    const webRequest = fakeWebRequest();
    const received: number[] = [];
    const sets = createListenerSets(webRequest.api, (set, _phase, event) => received.push(set.slot * 100 + event.tabId));
    sets.add({ kind: 'tab', tabId: 7 });
    expect(webRequest.registered.every((each) => each.filter.tabId === 7)).toBe(true);
    expect(webRequest.fire('onBeforeRequest', details(7))).toBe(1);
    expect(webRequest.fire('onBeforeRequest', details(8))).toBe(0);
    expect(received).toEqual([7]);
  });

  it('removing a set removes its six listeners', () => {
    const webRequest = fakeWebRequest();
    const sets = createListenerSets(webRequest.api, () => undefined);
    const set = sets.add({ kind: 'tab', tabId: 7 });
    sets.remove(set);
    expect(webRequest.registered).toEqual([]);
    expect(sets.live()).toEqual([]);
  });

  it('in Firefox, which refuses extraHeaders (and shows everything without it), asks without', () => {
    const webRequest = fakeWebRequest({ refuseExtraHeaders: true });
    const sets = createListenerSets(webRequest.api, () => undefined);
    sets.add(ALL_TABS);
    expect(sets.extraHeaders).toBe(false);
    expect(webRequest.registered).toHaveLength(6);
    expect(webRequest.registered.find((each) => each.phase === 'onSendHeaders')?.extraInfoSpec).toEqual(['requestHeaders']);
  });

  it('takes the names of the slots a stopped worker left listeners under, then gives them back, once the browser has them', async () => {
    const webRequest = fakeWebRequest();
    const sets = createListenerSets(webRequest.api, () => undefined);
    sets.add(ALL_TABS);
    let answer: () => void = () => undefined;
    const roundTrip = () => new Promise<void>((resolve) => (answer = resolve));
    const released = sets.release(3, roundTrip);
    // Registered, not removed yet: removing a listener before the browser has it would leave it there.
    expect(webRequest.registered.map((each) => each.name)).toContain('onErrorOccurred/s24');
    answer();
    await released;
    expect(webRequest.names.at(-1)).toBe('onErrorOccurred/s24');
    expect(webRequest.registered).toHaveLength(6);
    expect(sets.live().map((set) => set.slot)).toEqual([0]);
    expect(sets.add({ kind: 'tab', tabId: 2 }).slot).toBe(4);
  });
});
