import { describe, expect, it } from 'vitest';
import { API, preflightedPut } from '../core/explain/testTransactions.ts';
import { resolveOptions } from './options.ts';

describe('resolveOptions', () => {
  it('records, redacts secrets and ignores nothing by default', () => {
    const options = resolveOptions(undefined);
    expect(options).toMatchObject({ enabled: true, includeSecrets: false });
    expect(options.ignored(preflightedPut('x-a', 204, []))).toBe(false);
  });

  it('ignores a request whose URL contains a string, or matches a RegExp, the same way every time (a g flag changes nothing)', () => {
    const transaction = preflightedPut('x-a', 204, []);
    expect(API).toBe('http://api.test/items');
    expect(resolveOptions({ ignoreUrls: ['api.test/it'] }).ignored(transaction)).toBe(true);
    expect(resolveOptions({ ignoreUrls: ['other.test'] }).ignored(transaction)).toBe(false);
    const global = resolveOptions({ ignoreUrls: [/items/g] });
    expect([1, 2, 3].map(() => global.ignored(transaction))).toEqual([true, true, true]);
  });
});
