import { describe, expect, it } from 'vitest';
import { pairEvents } from '../pairing/pairEvents.ts';
import { cdpToEvents } from './cdpToEvents.ts';

const WALL = 1_795_000_000;

describe('cdpToEvents', () => {
  it('puts the head of a blocked response that arrived after loadingFailed inside its hop, so the engine judges it from the headers', () => {
    // As Chromium reports a simple GET whose response lacks Access-Control-Allow-Origin: the raw head comes last.
    const records = [
      {
        method: 'Network.requestWillBeSent',
        params: {
          requestId: '7',
          timestamp: 1,
          wallTime: WALL,
          documentURL: 'http://app.test/',
          type: 'Fetch',
          request: { url: 'http://api.test/x', method: 'GET', headers: {} },
        },
      },
      { method: 'Network.requestWillBeSentExtraInfo', params: { requestId: '7', headers: { Origin: 'http://app.test', 'Sec-Fetch-Mode': 'cors' } } },
      {
        method: 'Network.loadingFailed',
        params: {
          requestId: '7',
          timestamp: 1.2,
          errorText: 'net::ERR_FAILED',
          corsErrorStatus: { corsError: 'MissingAllowOriginHeader', failedParameter: '' },
        },
      },
      { method: 'Network.responseReceivedExtraInfo', params: { requestId: '7', statusCode: 200, headers: { 'Content-Type': 'text/plain' } } },
    ];
    const events = cdpToEvents(records);
    expect(events.map((event) => event.type)).toEqual(['started', 'sent', 'response', 'failed']);
    const [transaction] = pairEvents(events).transactions;
    expect(transaction?.verdict).toMatchObject({ outcome: 'blocked', failure: { corsError: 'MissingAllowOriginHeader' }, preflight: 'not-needed' });
  });
});
