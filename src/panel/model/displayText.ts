import { printable } from '../../core/printable.ts';

/** A text as drawn in a box of `maxChars` monospace characters: whole when it fits, otherwise cut with an ellipsis. */
export interface CutText {
  readonly shown: string;
  readonly whole: string;
  readonly isCut: boolean;
}

export function cutText(text: string, maxChars: number): CutText {
  // Header values come from the network: controls and bidi overrides are written as \uXXXX (the data keeps them as they were).
  const whole = printable(text, Infinity);
  // Code points, not UTF-16 units: a cut never splits a surrogate pair.
  const chars = Array.from(whole);
  if (chars.length <= maxChars) return { shown: whole, whole, isCut: false };
  return { shown: `${chars.slice(0, Math.max(1, maxChars - 1)).join('')}…`, whole, isCut: true };
}
