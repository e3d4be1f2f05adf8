// Controls (Unicode's Cc: U+0000-001F, U+007F-009F), line separators, and the bidi controls that reorder what is shown around them.
const CONTROL = /[\p{Cc}\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/gu;

/**
 * Header values and URLs are attacker-controlled: a terminal, a test report
 * or the panel's drawing must never receive their control characters (an
 * escape sequence could rewrite the screen, a bidi override reorder it).
 * Each becomes \uXXXX; text over `max` is cut with "…".
 */
export function printable(text: string, max = 160): string {
  const safe = text.replace(CONTROL, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`);
  return safe.length > max ? `${safe.slice(0, max - 1)}…` : safe;
}
