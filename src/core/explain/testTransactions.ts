import { pairEvents } from '../pairing/pairEvents.ts';
import type { RequestEvent } from '../pairing/requestEvent.ts';
import type { Transaction } from '../pairing/transaction.ts';

/** Shared by the explain tests: transactions judged by the engine from webRequest-shaped events. */
export const PAGE = 'http://app.test';
export const API = 'http://api.test/items';
export const context = { tabId: 1, frameId: 0 };

/** The transactions the engine makes of these events (the first, by default). */
export function judged(events: readonly RequestEvent[]): Transaction {
  return pairEvents(events).transactions[0] as Transaction;
}

/** A PUT with a custom header whose preflight got this answer; the PUT itself never went out. */
export function preflightedPut(header: string, status: number, answer: readonly [string, string][]): Transaction {
  return judged([
    { type: 'started', id: 'put', time: 0, url: API, method: 'PUT', initiatorOrigin: PAGE, resourceType: 'xmlhttprequest', context },
    { type: 'started', id: 'options', time: 1, url: API, method: 'OPTIONS', initiatorOrigin: PAGE, resourceType: 'xmlhttprequest', context },
    {
      type: 'sent',
      id: 'options',
      time: 2,
      headers: [
        { name: 'Access-Control-Request-Method', value: 'PUT' },
        { name: 'Access-Control-Request-Headers', value: header },
        { name: 'Origin', value: PAGE },
      ],
    },
    { type: 'response', id: 'options', time: 3, status, headers: answer.map(([name, value]) => ({ name, value })) },
    { type: 'completed', id: 'options', time: 4 },
    { type: 'failed', id: 'put', time: 5, error: 'net::ERR_FAILED' },
  ]);
}
