import { describe, expect, it } from 'vitest';
import { HarReadError } from '../har/readHar.ts';
import { entry, harText } from '../har/testHar.ts';
import { importCapture, judgeCapture, readCapture } from './importCapture.ts';
import { TraceReadError } from './readTrace.ts';
import { corsErrorOf } from '../cors/verdictFacts.ts';

/** A HAR whose one entry is a cross-origin GET the server answered without Access-Control-Allow-Origin. */
const BLOCKED_GET_HAR = harText([
  entry(
    { method: 'GET', url: 'https://api.example.com/items', headers: [{ name: 'Origin', value: 'https://app.example.com' }] },
    { status: 200, headers: [] },
    0,
  ),
]);

/**
 * A trace as CORS Lens wrote it before verdicts pointed into their hops:
 * the verdict held corsError, failedParameter, the failed response and the
 * final one, and each hop verdict its URL; its CorsError here is a wrong one.
 */
const TRACE_WITH_AN_EARLIER_VERDICT = JSON.stringify({
  format: 'cors-lens-trace',
  version: 1,
  createdAt: '2026-11-23T06:00:01.000Z',
  creator: { name: 'CORS Lens', version: '0.1.0' },
  browser: null,
  page: { url: 'https://app.example.com/' },
  secrets: 'redacted',
  redactedValues: 0,
  session: { evicted: 0, truncatedValues: 0, leftOut: { sameOrigin: 0, navigations: 0, notCorsMode: 0, unknownInitiator: 0 } },
  transactions: [
    {
      id: '1',
      request: {
        url: 'https://api.example.com/items',
        method: 'GET',
        headers: [],
        initiatorOrigin: 'https://app.example.com',
        mode: 'cors',
        credentials: 'same-origin',
        redirect: 'follow',
      },
      startTime: 1_795_420_800_000,
      endTime: 1_795_420_800_020,
      state: 'failed',
      error: 'net::ERR_FAILED',
      hops: [
        {
          url: 'https://api.example.com/items',
          method: 'GET',
          startTime: 1_795_420_800_000,
          sentHeaders: [
            { name: 'Origin', value: 'https://app.example.com' },
            { name: 'Sec-Fetch-Mode', value: 'cors' },
          ],
          response: { status: 200, headers: [] },
          responseTime: 1_795_420_800_018,
        },
      ],
      verdict: {
        outcome: 'blocked',
        blocked: true,
        corsError: 'AllowOriginMismatch',
        failedParameter: 'https://elsewhere.example',
        failure: null,
        stage: 'response',
        failedHop: 0,
        failedResponse: { status: 200, headers: [] },
        response: null,
        preflight: 'not-needed',
        hops: [
          {
            url: 'https://api.example.com/items',
            method: 'GET',
            headers: [],
            origin: 'https://app.example.com',
            corsFlag: true,
            tainted: false,
            preflightRequired: false,
            preflight: 'not-needed',
          },
        ],
        networkError: null,
        hiddenCauses: null,
        notes: [],
      },
    },
  ],
  preflightCache: [],
});

describe('importCapture: traces written before', () => {
  it('reads a trace whose verdicts have the earlier shape, and judges its requests again', () => {
    const { transactions } = importCapture(TRACE_WITH_AN_EARLIER_VERDICT);
    expect(transactions).toHaveLength(1);
    expect(transactions[0]?.verdict).toMatchObject({
      outcome: 'blocked',
      failure: { corsError: 'MissingAllowOriginHeader', failedParameter: '' },
      stage: 'response',
      failedHop: 0,
      responseHop: null,
    });
    expect(transactions[0]?.verdict).not.toHaveProperty('corsError');
    expect(transactions[0]?.verdict.hops[0]).toMatchObject({ corsFlag: true, preflightNeed: { notCorsReason: null, reasons: [] } });
  });
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
