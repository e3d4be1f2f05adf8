import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { packShared, unpackShared } from './sharedJson.ts';

const leaf = fc.oneof(fc.string(), fc.integer(), fc.boolean(), fc.constant(null));
// Keys include the markers' own, so data shaped like a marker is generated too.
const record = fc.dictionary(fc.oneof(fc.constantFrom('*', '&', '='), fc.string({ maxLength: 6 })), fc.oneof(leaf, fc.nat({ max: 3 })), { maxKeys: 3 });

describe('packShared / unpackShared', () => {
  it('gives back equal data, with each shared object shared again, through JSON', () => {
    fc.assert(
      fc.property(fc.array(record, { minLength: 1, maxLength: 4 }), fc.array(fc.nat(), { maxLength: 12 }), (pool, picks) => {
        const lists = pool.map((item) => [item, { ...item }]);
        const value = { items: picks.map((pick) => ({ headers: lists[pick % lists.length], first: pool[pick % pool.length] })) };
        const back = unpackShared(JSON.parse(JSON.stringify(packShared(value)))) as typeof value;
        expect(back).toEqual(value);
        for (let a = 0; a < picks.length; a++)
          for (let b = a + 1; b < picks.length; b++)
            if ((picks[a] as number) % lists.length === (picks[b] as number) % lists.length) expect(back.items[a]?.headers).toBe(back.items[b]?.headers);
      }),
    );
  });

  it('writes a shared object once, and a short reference for every other place', () => {
    const headers = [{ name: 'User-Agent', value: 'u'.repeat(500) }];
    const transaction = { request: { headers }, hops: [{ sentHeaders: headers }], verdict: { hops: [{ headers }] } };
    const packed = JSON.stringify(packShared(transaction));
    expect(packed.split('u'.repeat(500))).toHaveLength(2);
    expect(packed.length).toBeLessThan(JSON.stringify(transaction).length / 2);
  });

  it('leaves data without shared objects as it is, and drops undefined as JSON does', () => {
    const value = { a: [1, 'two', null, { b: undefined, c: true }], d: undefined };
    expect(packShared(value)).toEqual(JSON.parse(JSON.stringify(value)));
  });

  it('keeps data that looks like a marker as data', () => {
    const value = { a: { '*': 0 }, b: { '&': 0, '=': 'x' }, c: { '&': -1, '=': { '*': 1 } } };
    expect(unpackShared(JSON.parse(JSON.stringify(packShared(value))))).toEqual(value);
  });

  it('says so when a reference comes before its definition', () => {
    expect(() => unpackShared({ a: { '*': 3 } })).toThrow(/reference 3/);
  });
});
