import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { harEntrySchema, isWellFormedEntry } from './harSchema.ts';

const header = fc.record({ name: fc.string(), value: fc.string() });
const nullish = <T>(value: fc.Arbitrary<T>) =>
  fc.option(value, { nil: undefined }).chain((v) => (v === undefined ? fc.constantFrom(undefined, null) : fc.constant(v)));

/** Entries the schema accepts, with the optional fields present or not, as tools write them. */
const wellFormedEntry = fc.record(
  {
    startedDateTime: fc.string(),
    time: nullish(fc.double({ noNaN: true, noDefaultInfinity: true })),
    request: fc.record({ method: fc.string(), url: fc.string(), headers: fc.array(header, { maxLength: 4 }), httpVersion: fc.string() }),
    response: fc.record(
      {
        status: fc.integer({ min: -1, max: 999 }),
        statusText: nullish(fc.string()),
        headers: fc.array(header, { maxLength: 4 }),
        redirectURL: nullish(fc.string()),
        _error: nullish(fc.string()),
        content: fc.anything(),
      },
      { requiredKeys: ['status', 'headers'] },
    ),
    timings: fc.dictionary(
      fc.constantFrom('blocked', 'dns', 'connect', 'ssl', 'send', 'wait', 'receive', '_blocked_queueing'),
      nullish(fc.integer({ min: -1 })),
    ),
    pageref: nullish(fc.string()),
    serverIPAddress: nullish(fc.string()),
    _resourceType: fc.string(),
    _initiator: fc.anything(),
    _corsLens: fc.record(
      {
        sent: fc.boolean(),
        headers: fc.constantFrom('wire', 'page', 'none'),
        initiatorOrigin: fc.string(),
        initiatorSecurity: fc.record(
          { isSecureContext: fc.boolean(), addressSpace: fc.string(), policy: fc.string() },
          { requiredKeys: ['isSecureContext', 'addressSpace'] },
        ),
        serverAddressSpace: fc.string(),
      },
      { requiredKeys: [] },
    ),
  },
  { requiredKeys: ['startedDateTime', 'request', 'response'] },
);

/** A path into an entry, and what to put there: any JSON-like value, or nothing. */
const PATHS = [
  [],
  ['startedDateTime'],
  ['time'],
  ['request'],
  ['request', 'method'],
  ['request', 'url'],
  ['request', 'headers'],
  ['request', 'headers', 0],
  ['request', 'headers', 0, 'value'],
  ['response'],
  ['response', 'status'],
  ['response', 'statusText'],
  ['response', 'headers', 0, 'name'],
  ['response', 'redirectURL'],
  ['response', '_error'],
  ['timings'],
  ['timings', 'wait'],
  ['pageref'],
  ['serverIPAddress'],
  ['_resourceType'],
  ['_corsLens'],
  ['_corsLens', 'sent'],
  ['_corsLens', 'headers'],
  ['_corsLens', 'initiatorSecurity'],
  ['_corsLens', 'initiatorSecurity', 'isSecureContext'],
  ['_corsLens', 'initiatorSecurity', 'policy'],
] as const;

function withValueAt(entry: unknown, path: readonly (string | number)[], value: unknown): unknown {
  if (path.length === 0) return value;
  const [key, ...rest] = path as [string | number, ...(string | number)[]];
  const container = (Array.isArray(entry) ? [...(entry as unknown[])] : typeof entry === 'object' && entry !== null ? { ...entry } : {}) as Record<
    string | number,
    unknown
  >;
  container[key] = withValueAt(container[key], rest, value);
  return container;
}

const oddValue = fc.oneof(
  fc.anything(),
  fc.constantFrom(undefined, null, 0, -1, 1.5, '', 'none', 'wire', true, [], {}, [{ name: 'a', value: 1 }], Infinity, Number.NaN),
);

describe('isWellFormedEntry: the quick check that lets a HAR entry skip the schema', () => {
  it('vouches only for entries the schema accepts (property: any value put anywhere)', () => {
    fc.assert(
      fc.property(wellFormedEntry, fc.constantFrom(...PATHS), oddValue, (entry, path, value) => {
        const changed = withValueAt(entry, path, value);
        if (isWellFormedEntry(changed)) expect(harEntrySchema.safeParse(changed).success).toBe(true);
      }),
      { numRuns: 3000 },
    );
  });

  it('vouches for every entry the schema accepts, so a well-formed file never pays for the copy (property)', () => {
    fc.assert(
      fc.property(wellFormedEntry, (entry) => {
        expect(harEntrySchema.safeParse(entry).success).toBe(true);
        expect(isWellFormedEntry(entry)).toBe(true);
      }),
      { numRuns: 500 },
    );
  });

  it('refuses what the schema refuses, one field at a time', () => {
    const good = { startedDateTime: 'x', request: { method: 'GET', url: 'u', headers: [] }, response: { status: 200, headers: [] } };
    expect(isWellFormedEntry(good)).toBe(true);
    for (const [path, value] of [
      [['response', 'status'], '200'],
      [['request', 'headers'], {}],
      [['request', 'headers'], [{ name: 'a' }]],
      [['time'], Infinity],
      [['timings', 'wait'], '1'],
      [['_corsLens', 'headers'], 'both'],
      [['_corsLens', 'initiatorSecurity'], { isSecureContext: 'yes', addressSpace: 'public' }],
    ] as const) {
      const bad = withValueAt(good, path, value);
      expect(isWellFormedEntry(bad)).toBe(false);
      expect(harEntrySchema.safeParse(bad).success).toBe(false);
    }
  });
});
