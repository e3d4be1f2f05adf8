import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { PreflightResult } from '../cors/preflightResult.ts';
import { PreflightCache, type PreflightCacheKey } from './preflightCache.ts';

// The model against a line-by-line reading of nsPreflightCache
// (nsCORSListenerProxy.cpp): operations applied in time order, as Firefox
// meets them, with no eviction (fewer keys than its 100).

interface Token {
  readonly token: string;
  expires: number;
}

class ReferenceCache {
  readonly #table = new Map<string, { methods: Token[]; headers: Token[] }>();

  // AddResultToCache: digits only, capped at 86400; 0 or anything else is not cached.
  store(credentials: boolean, url: string, methods: string | null, headers: string | null, maxAge: string | null, now: number): void {
    let age = 0;
    if (maxAge === null || maxAge === '') age = 5;
    else {
      for (const char of maxAge) {
        if (char < '0' || char > '9') return;
        age = Math.min(age * 10 + Number(char), 86_400);
      }
    }
    if (!age) return;
    const key = `${credentials ? 'cred' : 'nocred'} ${url}`;
    const entry = this.#table.get(key) ?? { methods: [], headers: [] };
    this.#table.set(key, entry);
    const add = (list: Token[], value: string | null) => {
      for (const raw of (value ?? '').split(',')) {
        const token = raw.trim();
        if (!token) continue;
        const found = list.find((each) => each.token === token);
        if (found) found.expires = now + age * 1000;
        else list.push({ token, expires: now + age * 1000 });
      }
    };
    add(entry.methods, methods);
    add(entry.headers, headers);
  }

  // CheckRequest, after PurgeExpired (now >= expiry goes).
  check(credentials: boolean, url: string, method: string, headers: readonly string[], now: number): boolean {
    const entry = this.#table.get(`${credentials ? 'cred' : 'nocred'} ${url}`);
    if (!entry) return false;
    entry.methods = entry.methods.filter((each) => now < each.expires);
    entry.headers = entry.headers.filter((each) => now < each.expires);
    if (method !== 'GET' && method !== 'POST' && !entry.methods.some((each) => each.token === method)) return false;
    return headers.every((name) => entry.headers.some((each) => each.token.toLowerCase() === name.toLowerCase()));
  }

  // RemoveEntries: both credentials modes.
  remove(url: string): void {
    this.#table.delete(`cred ${url}`);
    this.#table.delete(`nocred ${url}`);
  }
}

const list = (value: string | null) =>
  value === null
    ? []
    : value
        .split(',')
        .map((item) => item.trim())
        .filter(Boolean);
function result(methods: string | null, headers: string | null, maxAge: string | null, credentials: boolean): PreflightResult {
  return {
    methods: list(methods),
    headers: list(headers).map((name) => name.toLowerCase()),
    credentials,
    maxAge,
    allowMethodsValue: methods,
    allowHeadersValue: headers,
  };
}

const URLS = ['https://api.test/a', 'https://api.test/b'] as const;
const keyOf = (url: number): PreflightCacheKey => ({ origin: 'https://app.test', url: URLS[url] as string });
const valueList = (items: readonly string[]) =>
  fc.option(
    fc.subarray([...items]).map((picked) => picked.join(', ')),
    { nil: null },
  );
const store = fc.record({
  kind: fc.constant('store' as const),
  at: fc.nat({ max: 30_000 }),
  url: fc.nat({ max: 1 }),
  credentials: fc.boolean(),
  methods: valueList(['PUT', 'DELETE', 'HEAD', 'put', '*']),
  headers: valueList(['x-a', 'X-B', 'x-b', '*']),
  maxAge: fc.constantFrom('1', '3', '10', '0', 'soon', null),
});
const lookup = fc.record({
  kind: fc.constant('lookup' as const),
  at: fc.nat({ max: 30_000 }),
  url: fc.nat({ max: 1 }),
  credentials: fc.boolean(),
  method: fc.constantFrom('GET', 'POST', 'HEAD', 'PUT', 'DELETE', 'put'),
  headers: fc.subarray(['X-A', 'x-b', 'Authorization']),
});
const fail = fc.record({ kind: fc.constant('fail' as const), at: fc.nat({ max: 30_000 }), url: fc.nat({ max: 1 }) });
type Operation =
  typeof store extends fc.Arbitrary<infer S>
    ? S | (typeof lookup extends fc.Arbitrary<infer L> ? L : never) | (typeof fail extends fc.Arbitrary<infer F> ? F : never)
    : never;

/** What the reference answers to each lookup, the operations met in time order. */
function referenceAnswers(operations: readonly Operation[]): Map<Operation, boolean> {
  const reference = new ReferenceCache();
  const answers = new Map<Operation, boolean>();
  for (const operation of [...operations].sort((a, b) => a.at - b.at)) {
    const url = URLS[operation.url] as string;
    if (operation.kind === 'store') reference.store(operation.credentials, url, operation.methods, operation.headers, operation.maxAge, operation.at);
    else if (operation.kind === 'fail') reference.remove(url);
    else answers.set(operation, reference.check(operation.credentials, url, operation.method, operation.headers, operation.at));
  }
  return answers;
}

function apply(cache: PreflightCache, operation: Operation): boolean | null {
  const key = keyOf(operation.url);
  if (operation.kind === 'store') cache.store(key, result(operation.methods, operation.headers, operation.maxAge, operation.credentials), operation.at);
  else if (operation.kind === 'fail') cache.requestFailed(key, operation.at);
  else {
    const headers = operation.headers.map((name) => ({ name, value: '1' }));
    return cache.lookup({ key, method: operation.method, headers, credentials: operation.credentials ? 'include' : 'same-origin' }, operation.at).hit;
  }
  return null;
}

// Distinct times: Firefox never meets two events at once, and the model reads a tie as one moment.
const distinctTimes = (operations: readonly Operation[]) => new Set(operations.map((operation) => operation.at)).size === operations.length;

describe('the Firefox model against a reading of nsPreflightCache (property)', () => {
  it('answers every lookup as Firefox would, the operations met in time order', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(store, store, lookup, lookup, fail), { minLength: 1, maxLength: 60 }).filter(distinctTimes), (operations) => {
        const cache = new PreflightCache({ engine: 'firefox' });
        const inTimeOrder = [...operations].sort((a, b) => a.at - b.at);
        const answers = inTimeOrder.map((operation) => apply(cache, operation));
        const expected = referenceAnswers(operations);
        expect(answers).toEqual(inTimeOrder.map((operation) => expected.get(operation) ?? null));
      }),
      { numRuns: 300 },
    );
  });

  it('answers about the past alike whatever order the preflights were learnt in (requests end out of order)', () => {
    // A key's last four preflights are always kept: at most four per key here.
    const few = fc.array(store, { maxLength: 4 });
    fc.assert(
      fc.property(
        few,
        few,
        fc.array(fail, { maxLength: 2 }),
        fc.array(lookup, { minLength: 1, maxLength: 12 }),
        fc.infiniteStream(fc.nat()),
        (stores, more, fails, lookups, order) => {
          const learnt = [...stores.map((each) => ({ ...each, url: 0 })), ...more.map((each) => ({ ...each, url: 1 }))];
          const operations: Operation[] = [...learnt, ...fails, ...lookups];
          fc.pre(distinctTimes(operations));
          const shuffled = learnt.map((operation) => ({ operation, rank: order.next().value as number })).sort((a, b) => a.rank - b.rank);
          const cache = new PreflightCache({ engine: 'firefox' });
          for (const { operation } of shuffled) apply(cache, operation);
          for (const operation of fails) apply(cache, operation);
          // The reference meets each lookup in its place in time; the model, after everything was learnt.
          const expected = referenceAnswers(operations);
          expect(lookups.map((operation) => apply(cache, operation))).toEqual(lookups.map((operation) => expected.get(operation)));
        },
      ),
      { numRuns: 300 },
    );
  });
});
