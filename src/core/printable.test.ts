import { describe, expect, it } from 'vitest';
import { printable } from './printable.ts';

describe('printable', () => {
  it('writes control, line-separator and bidi-control characters as \\uXXXX, and leaves markup alone', () => {
    expect(printable('a\u0000b\tc\u007f\u0085\u2028\u202eevil\u2066\u200f', Infinity)).toBe('a\\u0000b\\u0009c\\u007f\\u0085\\u2028\\u202eevil\\u2066\\u200f');
    expect(printable('<img src=x onerror="x">')).toBe('<img src=x onerror="x">');
  });

  it('cuts text over the limit with an ellipsis', () => {
    expect(printable('x'.repeat(200))).toBe(`${'x'.repeat(159)}…`);
    expect(printable('short', 10)).toBe('short');
  });
});
