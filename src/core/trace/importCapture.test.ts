import { describe, expect, it } from 'vitest';
import { HarReadError } from '../har/readHar.ts';
import { importCapture, judgeCapture, readCapture } from './importCapture.ts';
import { TraceReadError } from './readTrace.ts';
import { corsErrorOf } from '../cors/verdictFacts.ts';

/** A HAR whose one entry is a cross-origin GET the server answered without Access-Control-Allow-Origin. */
const BLOCKED_GET_HAR = JSON.stringify({
  log: {
    version: '1.2',
    creator: { name: 'WebInspector', version: '537.36' },
    entries: [
      {
        startedDateTime: '2026-11-23T06:00:00.000Z',
        time: 20,
        request: { method: 'GET', url: 'https://api.example.com/items', httpVersion: 'HTTP/1.1', headers: [{ name: 'Origin', value: 'https://app.example.com' }], queryString: [], cookies: [], headersSize: -1, bodySize: 0 },
        response: { status: 200, statusText: 'OK', httpVersion: 'HTTP/1.1', headers: [], cookies: [], content: { size: 0, mimeType: 'x-unknown' }, redirectURL: '', headersSize: -1, bodySize: 0 },
        cache: {},
        timings: { send: 1, wait: 18, receive: 1 },
      },
    ],
  },
});

describe('readCapture and judgeCapture: importCapture in two halves', () => {
  it('reads a HAR without judging it, then judges it as importCapture does', () => {
    const read = readCapture(BLOCKED_GET_HAR);
    expect(read.kind).toBe('har');
    const judged = judgeCapture(read);
    expect(judged.transactions.map((transaction) => corsErrorOf(transaction.verdict))).toEqual(['MissingAllowOriginHeader']);
    expect(judged).toEqual(importCapture(BLOCKED_GET_HAR));
  });

  it('says what is wrong with a file before any judging: a bad HAR, a bad trace', () => {
    expect(() => readCapture('{"log": {"entries": [{}]}}')).toThrow(HarReadError);
    expect(() => readCapture('{"format": "cors-lens-trace", "version": 999}')).toThrow(TraceReadError);
  });
});
