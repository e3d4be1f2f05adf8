import type { RequestEvent } from '../pairing/requestEvent.ts';

/** RequestEvents shaped like the worker's webRequest capture, for the tests of the sessions and of the background. */
export const PAGE = 'http://app.test';
export const API = 'http://api.test/items';

const wire = [
  { name: 'Origin', value: PAGE },
  { name: 'Sec-Fetch-Mode', value: 'cors' },
  { name: 'Sec-Fetch-Site', value: 'cross-site' },
];

/** A GET that the server allows: started, sent, answered, completed. */
export function simpleGet(id: string, at: number, url = API): RequestEvent[] {
  return [
    { type: 'started', id, time: at, url, method: 'GET', initiatorOrigin: PAGE, resourceType: 'xmlhttprequest', context: { tabId: 1, frameId: 0 } },
    { type: 'sent', id, time: at + 1, headers: wire },
    { type: 'response', id, time: at + 2, status: 200, headers: [{ name: 'Access-Control-Allow-Origin', value: PAGE }] },
    { type: 'completed', id, time: at + 3 },
  ];
}

/** A PUT and its preflight, split where a worker might stop: before the preflight's answer, and after. */
export function preflightedPut(id: string, preflightId: string, at: number): { before: RequestEvent[]; after: RequestEvent[] } {
  return {
    before: [
      { type: 'started', id, time: at, url: API, method: 'PUT', initiatorOrigin: PAGE, resourceType: 'xmlhttprequest', context: { tabId: 1, frameId: 0 } },
      {
        type: 'started',
        id: preflightId,
        time: at + 1,
        url: API,
        method: 'OPTIONS',
        initiatorOrigin: PAGE,
        resourceType: 'xmlhttprequest',
        context: { tabId: 1, frameId: 0 },
      },
      {
        type: 'sent',
        id: preflightId,
        time: at + 2,
        headers: [
          { name: 'Access-Control-Request-Method', value: 'PUT' },
          { name: 'Origin', value: PAGE },
        ],
      },
    ],
    after: [
      {
        type: 'response',
        id: preflightId,
        time: at + 3,
        status: 204,
        headers: [
          { name: 'Access-Control-Allow-Origin', value: PAGE },
          { name: 'Access-Control-Allow-Methods', value: 'PUT' },
          { name: 'Access-Control-Max-Age', value: '600' },
        ],
      },
      { type: 'completed', id: preflightId, time: at + 4 },
      { type: 'sent', id, time: at + 5, headers: wire },
      { type: 'response', id, time: at + 6, status: 200, headers: [{ name: 'Access-Control-Allow-Origin', value: PAGE }] },
      { type: 'completed', id, time: at + 7 },
    ],
  };
}

/** An allowed GET, a GET to `${API}/blocked` whose answer has no Access-Control-Allow-Origin, and an allowed preflighted PUT. */
export function allowedBlockedAndPreflighted(): RequestEvent[] {
  const blocked = simpleGet('blocked', 10, `${API}/blocked`);
  blocked[2] = { type: 'response', id: 'blocked', time: 12, status: 200, headers: [] };
  blocked[3] = { type: 'failed', id: 'blocked', time: 13, error: 'net::ERR_FAILED' };
  const put = preflightedPut('put', 'options', 20);
  return [...simpleGet('get', 0), ...blocked, ...put.before, ...put.after];
}
