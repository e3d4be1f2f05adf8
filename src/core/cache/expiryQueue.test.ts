import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ExpiryQueue } from './expiryQueue.ts';

describe('ExpiryQueue', () => {
  it('takes every item expired by a time, soonest first, ties in the order added (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 50 })), fc.array(fc.integer({ min: 0, max: 60 })), (expiries, takes) => {
        const queue = new ExpiryQueue<number>();
        const model: { expiresAt: number; id: number }[] = [];
        expiries.forEach((expiresAt, id) => {
          queue.add(id, expiresAt);
          model.push({ expiresAt, id });
        });
        for (const at of takes) {
          const expected = model.filter((item) => item.expiresAt <= at).sort((a, b) => a.expiresAt - b.expiresAt || a.id - b.id);
          expect(queue.takeExpired(at)).toEqual(expected.map((item) => item.id));
          model.splice(0, model.length, ...model.filter((item) => item.expiresAt > at));
          expect(queue.size).toBe(model.length);
        }
      }),
    );
  });

  it('is empty once cleared', () => {
    const queue = new ExpiryQueue<string>();
    queue.add('a', 1);
    queue.clear();
    expect(queue.takeExpired(10)).toEqual([]);
    expect(queue.size).toBe(0);
  });
});
