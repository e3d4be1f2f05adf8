// Header values come from the network: a control character or a bidi
// override in one would hide or reorder what is drawn around it. They are
// shown as visible placeholders instead (the data keeps them as they were).
const INVISIBLE = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

/** The text with every control and bidi-control character shown as its code point (`⟨U+202E⟩`). */
export function printable(text: string): string {
  return text.replace(INVISIBLE, (char) => `⟨U+${char.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}⟩`);
}

/** A text as drawn in a box of `maxChars` monospace characters: whole when it fits, otherwise cut with an ellipsis. */
export interface CutText {
  readonly shown: string;
  readonly whole: string;
  readonly isCut: boolean;
}

export function cutText(text: string, maxChars: number): CutText {
  const whole = printable(text);
  // Code points, not UTF-16 units: a cut never splits a surrogate pair.
  const chars = Array.from(whole);
  if (chars.length <= maxChars) return { shown: whole, whole, isCut: false };
  return { shown: `${chars.slice(0, Math.max(1, maxChars - 1)).join('')}…`, whole, isCut: true };
}
