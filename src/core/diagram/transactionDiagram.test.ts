import { describe, expect, it } from 'vitest';
import { FIREFOX_RULES } from '../browsers/browserRules.ts';
import { API, context, judged, PAGE, preflightedPut } from '../explain/testTransactions.ts';
import { pairEvents } from '../pairing/pairEvents.ts';
import type { RequestEvent } from '../pairing/requestEvent.ts';
import type { Transaction } from '../pairing/transaction.ts';
import { transactionDiagramInput } from './diagramInput.ts';
import { negotiationDiagram } from './negotiationDiagram.ts';
import { shapeOf } from './testShapes.ts';

// Captured transactions (webRequest-shaped events, paired and judged by the engine) as the panel draws them.

const diagramOf = (transaction: Transaction) => negotiationDiagram(transactionDiagramInput(transaction), { time: (ms) => `${ms} ms` });

/** A PUT that went out and got this answer, with no preflight in the capture. */
function putWithoutPreflight(): RequestEvent[] {
  return [
    { type: 'started', id: 'put', time: 10, url: API, method: 'PUT', initiatorOrigin: PAGE, resourceType: 'xmlhttprequest', context },
    { type: 'sent', id: 'put', time: 11, headers: [{ name: 'Origin', value: PAGE }] },
    { type: 'response', id: 'put', time: 12, status: 200, headers: [{ name: 'Access-Control-Allow-Origin', value: PAGE }] },
    { type: 'completed', id: 'put', time: 13 },
  ];
}

/** A PUT preflighted first (allowed, Access-Control-Max-Age: 60, answered at 3 ms). */
function preflightedPutEvents(): RequestEvent[] {
  return [
    { type: 'started', id: 'put1', time: 0, url: API, method: 'PUT', initiatorOrigin: PAGE, resourceType: 'xmlhttprequest', context },
    { type: 'started', id: 'options', time: 1, url: API, method: 'OPTIONS', initiatorOrigin: PAGE, resourceType: 'xmlhttprequest', context },
    {
      type: 'sent',
      id: 'options',
      time: 2,
      headers: [
        { name: 'Access-Control-Request-Method', value: 'PUT' },
        { name: 'Origin', value: PAGE },
      ],
    },
    {
      type: 'response',
      id: 'options',
      time: 3,
      status: 204,
      headers: [
        { name: 'Access-Control-Allow-Origin', value: PAGE },
        { name: 'Access-Control-Allow-Methods', value: 'PUT' },
        { name: 'Access-Control-Max-Age', value: '60' },
      ],
    },
    { type: 'completed', id: 'options', time: 4 },
    { type: 'sent', id: 'put1', time: 5, headers: [{ name: 'Origin', value: PAGE }] },
    { type: 'response', id: 'put1', time: 6, status: 200, headers: [{ name: 'Access-Control-Allow-Origin', value: PAGE }] },
    { type: 'completed', id: 'put1', time: 7 },
  ];
}

describe('a captured transaction', () => {
  it('a needed preflight the capture does not show is drawn as unseen, never as a cache hit', () => {
    const transaction = judged(putWithoutPreflight());
    expect(transaction.verdict.hops[0]?.preflight).toBe('not-seen');
    const diagram = diagramOf(transaction);
    expect(shapeOf(diagram)).toBe('call > preflight-unseen~ > request > answer > outcome');
    expect(diagram.arrows[1]?.text).toBe(
      'Browser: Preflight needed, none seen. The capture shows no preflight and the cache model holds no entry: the browser may hold one from before the capture began.',
    );
    expect(diagram.arrows.map((arrow) => arrow.text).join(' ')).not.toMatch(/cache hit/i);
  });

  it('a tool that never records preflights is named as the reason none is drawn', () => {
    const [transaction] = pairEvents(putWithoutPreflight(), { preflightsRecorded: false }).transactions;
    expect(diagramOf(transaction as Transaction).arrows[1]?.lines).toEqual([{ value: 'The tool that wrote this file does not record preflights.' }]);
  });

  it('a verdict hop saying cache-hit without the entry that served it is not drawn as a hit', () => {
    const transaction = judged(putWithoutPreflight());
    const [hop] = transaction.verdict.hops;
    const claimed: Transaction = {
      ...transaction,
      verdict: { ...transaction.verdict, hops: [{ ...(hop as NonNullable<typeof hop>), preflight: 'cache-hit', cacheEntry: undefined }] },
    };
    expect(shapeOf(diagramOf(claimed))).toBe('call > preflight-unseen~ > request > answer > outcome');
  });

  it("the second request under a live entry draws the lookup with the entry's times", () => {
    const preflighted: RequestEvent[] = [...preflightedPutEvents(), ...putWithoutPreflight()];
    const [first, second] = pairEvents(preflighted).transactions.map(diagramOf);
    expect(shapeOf(first as ReturnType<typeof diagramOf>)).toBe('call > preflight > preflight-answer > cache-store > request > answer > outcome');
    expect(first?.arrows[3]?.lines).toEqual([
      { name: 'Chromium', value: 'kept 60 s (Access-Control-Max-Age: 60)' },
      { name: 'Expires', value: '60003 ms' },
    ]);
    expect(shapeOf(second as ReturnType<typeof diagramOf>)).toBe('call > cache-lookup > request > answer > outcome');
    expect(second?.arrows[1]?.lines.slice(0, 2)).toEqual([
      { name: 'Stored', value: '3 ms' },
      { name: 'Expires', value: '60003 ms' },
    ]);
  });

  it("judged as Firefox, the lookup lists each of the entry's methods with its own expiry", () => {
    const [, second] = pairEvents([...preflightedPutEvents(), ...putWithoutPreflight()], { rules: FIREFOX_RULES }).transactions.map(diagramOf);
    expect(shapeOf(second as ReturnType<typeof diagramOf>)).toBe('call > cache-lookup > request > answer > outcome');
    expect(second?.arrows[1]?.lines.slice(0, 4)).toEqual([
      { name: 'Stored', value: '3 ms' },
      { name: 'Expires', value: '60003 ms' },
      { name: 'Methods', value: 'PUT (until 60003 ms)' },
      { name: 'Headers', value: '(none)' },
    ]);
  });

  it('webRequest cannot tell fetch() from XMLHttpRequest: the outcome names both', () => {
    const diagram = diagramOf(preflightedPut('x-a', 204, [['Access-Control-Allow-Origin', PAGE]]));
    expect(shapeOf(diagram)).toBe('call > preflight > preflight-answer[MethodDisallowedByPreflightResponse] > outcome');
    expect(diagram.arrows[0]?.title).toBe('Script: PUT /items');
    expect(diagram.arrows.at(-1)).toMatchObject({
      title: 'TypeError: Failed to fetch',
      tone: 'bad',
      lines: [
        { value: 'From XMLHttpRequest: an error event, status 0.' },
        { value: 'Script is not told why: only the console and DevTools name the CORS error.' },
      ],
    });
  });

  it('an in-flight request is drawn waiting', () => {
    const [started, sent] = putWithoutPreflight();
    const diagram = diagramOf(judged([started as RequestEvent, sent as RequestEvent]));
    expect(shapeOf(diagram)).toBe('call > preflight-unseen~ > request… > outcome…');
  });

  it('a network failure is drawn on the request, and the outcome says it is not CORS', () => {
    const [started, sent] = putWithoutPreflight();
    const diagram = diagramOf(
      judged([started as RequestEvent, sent as RequestEvent, { type: 'failed', id: 'put', time: 12, error: 'net::ERR_CONNECTION_RESET' }]),
    );
    expect(diagram.arrows.find((arrow) => arrow.kind === 'request')).toMatchObject({
      tone: 'bad',
      lines: [
        { name: 'Origin', value: PAGE },
        { name: 'No answer', value: 'net::ERR_CONNECTION_RESET' },
      ],
    });
    expect(diagram.arrows.at(-1)?.lines).toContainEqual({ name: 'Network error', value: 'net::ERR_CONNECTION_RESET' });
  });

  it('hostile header values are kept as they are: the drawing decides how to show them, never as markup', () => {
    const payload = '<img src=x onerror="alert(1)">\u0007\u202e';
    const diagram = diagramOf(preflightedPut('x-a', 204, [['Access-Control-Allow-Origin', payload]]));
    const answer = diagram.arrows.find((arrow) => arrow.kind === 'preflight-answer');
    expect(answer?.lines).toEqual([{ name: 'Access-Control-Allow-Origin', value: payload }]);
    expect(answer?.mark?.received).toBe(payload);
  });
});
