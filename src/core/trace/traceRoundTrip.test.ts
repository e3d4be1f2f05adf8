import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { generateEvents } from '../../../bench/events.ts';
import { pairEvents } from '../pairing/pairEvents.ts';
import type { Transaction } from '../pairing/transaction.ts';
import type { SessionSummary } from '../protocol.ts';
import { readTrace } from './readTrace.ts';
import { createTrace } from './trace.ts';
import { traceToEvents } from './traceToEvents.ts';
import { corsErrorOf, failedParameterOf } from '../cors/verdictFacts.ts';

const SESSION: SessionSummary = {
  tabId: 1,
  pageUrl: 'https://app.example.com/',
  preserveLog: false,
  evicted: 0,
  truncatedValues: 0,
  leftOut: { sameOrigin: 0, navigations: 0, notCorsMode: 0, unknownInitiator: 0 },
  seq: 0,
  recordingSince: null,
  gaps: [],
};

function exported(transactions: readonly Transaction[]): string {
  return JSON.stringify(createTrace({ session: SESSION, transactions, preflightCache: [], createdAt: 0, includeSecrets: true }));
}

function imported(text: string): Transaction[] {
  return pairEvents(traceToEvents(readTrace(text))).transactions;
}

/** What a reader of the trace must get back: each request, its pairing and the engine's verdict. */
function essentials(transactions: readonly Transaction[]) {
  return [...transactions]
    .sort((a, b) => a.startTime - b.startTime || a.id.localeCompare(b.id))
    .map(({ id, request, hops, state, verdict }) => ({
      id,
      url: request.url,
      method: request.method,
      initiatorOrigin: request.initiatorOrigin,
      state,
      preflights: hops.map((hop) => hop.preflight?.id ?? null),
      verdict: { outcome: verdict.outcome, corsError: corsErrorOf(verdict), failedParameter: failedParameterOf(verdict), preflight: verdict.preflight },
    }));
}

describe('trace export then import', () => {
  it('gives back the same transactions, each paired with the same preflights and judged the same, for generated captures', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1_000_000 }), (seed) => {
        const original = pairEvents(generateEvents(400, seed).events).transactions;
        const back = imported(exported(original));
        expect(essentials(back)).toEqual(essentials(original));
      }),
      { numRuns: 25 },
    );
  });

  it('gives back the transactions themselves, equal field by field', () => {
    const original = pairEvents(generateEvents(2_000, 7).events).transactions;
    const back = imported(exported(original));
    const byId = new Map(back.map((transaction) => [transaction.id, transaction]));
    expect(back).toHaveLength(original.length);
    for (const transaction of original) expect(byId.get(transaction.id)).toEqual(transaction);
  });
});
