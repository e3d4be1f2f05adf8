import { pairEvents } from '../../core/pairing/pairEvents.ts';
import type { RequestEvent } from '../../core/pairing/requestEvent.ts';
import type { SequencedTransaction } from '../../core/protocol.ts';

/** For the panel's tests: transactions the engine judged from webRequest-shaped events, numbered as the worker numbers them. */
export const PAGE = 'http://app.test';
export const API = 'http://api.test/items';

const context = { tabId: 1, frameId: 0 };
const ALLOW = { name: 'Access-Control-Allow-Origin', value: PAGE };
const wire = [
  { name: 'Origin', value: PAGE },
  { name: 'Sec-Fetch-Mode', value: 'cors' },
  { name: 'Sec-Fetch-Site', value: 'cross-site' },
  { name: 'User-Agent', value: 'Mozilla/5.0' },
];

const started = (id: string, at: number, url: string, method: string): RequestEvent => ({
  type: 'started',
  id,
  time: at,
  url,
  method,
  initiatorOrigin: PAGE,
  resourceType: 'xmlhttprequest',
  context,
});

/** A GET the server allows. */
export function allowedGet(id: string, at: number, url = API): RequestEvent[] {
  return [
    started(id, at, url, 'GET'),
    { type: 'sent', id, time: at + 1, headers: wire },
    { type: 'response', id, time: at + 2, status: 200, headers: [ALLOW] },
    { type: 'completed', id, time: at + 3 },
  ];
}

/** A GET answered without Access-Control-Allow-Origin: MissingAllowOriginHeader. */
export function blockedGet(id: string, at: number, url = API): RequestEvent[] {
  return [
    started(id, at, url, 'GET'),
    { type: 'sent', id, time: at + 1, headers: wire },
    { type: 'response', id, time: at + 2, status: 200, headers: [] },
    { type: 'failed', id, time: at + 3, error: 'net::ERR_FAILED' },
  ];
}

/** A PUT with X-Trace whose preflight the server answers with `answer`; with none that allows the origin, the PUT never goes out. */
export function preflightedPut(id: string, at: number, answer: readonly { name: string; value: string }[], url = API): RequestEvent[] {
  const allowed = answer.some((header) => header.name === ALLOW.name);
  const preflight: RequestEvent[] = [
    started(`${id}-options`, at + 1, url, 'OPTIONS'),
    {
      type: 'sent',
      id: `${id}-options`,
      time: at + 2,
      headers: [
        { name: 'Access-Control-Request-Method', value: 'PUT' },
        { name: 'Access-Control-Request-Headers', value: 'x-trace' },
        { name: 'Origin', value: PAGE },
      ],
    },
    { type: 'response', id: `${id}-options`, time: at + 3, status: 204, headers: [...answer] },
    { type: 'completed', id: `${id}-options`, time: at + 4 },
  ];
  const actual: RequestEvent[] = allowed
    ? [
        { type: 'sent', id, time: at + 5, headers: [...wire, { name: 'X-Trace', value: '1' }] },
        { type: 'response', id, time: at + 6, status: 200, headers: [ALLOW] },
        { type: 'completed', id, time: at + 7 },
      ]
    : [{ type: 'failed', id, time: at + 5, error: 'net::ERR_FAILED' }];
  return [started(id, at, url, 'PUT'), ...preflight, ...actual];
}

/** The answer that lets the PUT through. */
export const PREFLIGHT_ALLOWS = [ALLOW, { name: 'Access-Control-Allow-Methods', value: 'PUT' }, { name: 'Access-Control-Allow-Headers', value: 'x-trace' }];

/** The transactions of these events, in the order they started, numbered from `firstSeq`. */
export function sequenced(events: readonly RequestEvent[], firstSeq = 1): SequencedTransaction[] {
  return pairEvents(events).transactions.map((transaction, index) => ({ seq: firstSeq + index, transaction }));
}
