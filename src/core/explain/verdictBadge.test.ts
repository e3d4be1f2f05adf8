import { describe, expect, it } from 'vitest';
import { pairEvents } from '../pairing/pairEvents.ts';
import type { RequestEvent } from '../pairing/requestEvent.ts';
import { API, context, PAGE, preflightedPut } from './testTransactions.ts';
import { verdictBadge } from './verdictBadge.ts';

const ALLOW = { name: 'Access-Control-Allow-Origin', value: PAGE };
const started = (id: string, time: number, method = 'GET'): RequestEvent => ({
  type: 'started',
  id,
  time,
  url: API,
  method,
  initiatorOrigin: PAGE,
  resourceType: 'xmlhttprequest',
  context,
});
const sent = (id: string, time: number): RequestEvent => ({ type: 'sent', id, time, headers: [{ name: 'Origin', value: PAGE }] });

const badges = (events: RequestEvent[]) => pairEvents(events).transactions.map((transaction) => [transaction.id, verdictBadge(transaction.verdict)]);

describe('verdictBadge', () => {
  it('tells a preflight that failed from a request blocked at its response', () => {
    expect(verdictBadge(preflightedPut('x-a', 204, []).verdict)).toBe('preflight-failed');
    expect(
      badges([
        started('get', 0),
        sent('get', 1),
        { type: 'response', id: 'get', time: 2, status: 200, headers: [] },
        { type: 'failed', id: 'get', time: 3, error: 'net::ERR_FAILED' },
      ]),
    ).toEqual([['get', 'blocked']]);
  });

  it('tells a request its cached preflight let through from one allowed outright', () => {
    const answer = [ALLOW, { name: 'Access-Control-Allow-Methods', value: 'PUT' }, { name: 'Access-Control-Max-Age', value: '600' }];
    const put = (id: string, at: number): RequestEvent[] => [
      started(id, at, 'PUT'),
      sent(id, at + 5),
      { type: 'response', id, time: at + 6, status: 200, headers: [ALLOW] },
      { type: 'completed', id, time: at + 7 },
    ];
    expect(
      badges([
        started('put', 0, 'PUT'),
        started('options', 1, 'OPTIONS'),
        {
          type: 'sent',
          id: 'options',
          time: 2,
          headers: [
            { name: 'Access-Control-Request-Method', value: 'PUT' },
            { name: 'Origin', value: PAGE },
          ],
        },
        { type: 'response', id: 'options', time: 3, status: 204, headers: answer },
        { type: 'completed', id: 'options', time: 4 },
        ...put('put', 0).slice(1),
        ...put('again', 1000),
      ]),
    ).toEqual([
      ['put', 'allowed'],
      ['again', 'cache-hit'],
    ]);
  });

  it('keeps the outcome for the rest: a network error, a request not ended', () => {
    expect(badges([started('refused', 0), { type: 'failed', id: 'refused', time: 1, error: 'net::ERR_CONNECTION_REFUSED' }])).toEqual([
      ['refused', 'network-error'],
    ]);
    expect(badges([started('open', 0), sent('open', 1)])).toEqual([['open', 'incomplete']]);
  });
});
