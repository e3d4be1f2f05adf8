/**
 * Most of a HAR file's bytes are values the engine never reads: response and
 * request bodies (`content.text`, `postData.text`) and, in Chrome DevTools'
 * HAR, the initiating script's stack (`_initiator.stack.callFrames`).
 * JSON.parse would build a string or an object for each of them; skimming
 * replaces each such value by an empty one of the same type first, so that
 * parsing the file costs about what parsing what is read costs.
 *
 * A value is skimmed only when it is provably valid JSON of the expected
 * shape (a string; an array of flat objects), so the skimmed text is valid
 * JSON exactly when the file is, and parses to the same document but for
 * those values. Anything else (another shape, a hostile value too large for
 * the regular expression) is left for JSON.parse, as it stands.
 */

const WHITESPACE = '[ \\t\\n\\r]*';
// Runs of plain characters are taken whole, one escape at a time between
// them: the same strings as one character per step, in fewer steps (a
// sixth less time on the Chrome-shaped benchmark file) and with room for
// ten times as many frames before the expression's stack runs out.
const PLAIN = '[^"\\\\\\u0000-\\u001f]*';
const STRING = `"${PLAIN}(?:\\\\(?:["\\\\/bfnrt]|u[0-9a-fA-F]{4})${PLAIN})*"`;
const NUMBER = '-?(?:0|[1-9][0-9]*)(?:\\.[0-9]+)?(?:[eE][+-]?[0-9]+)?';
const MEMBER = `${WHITESPACE}${STRING}${WHITESPACE}:${WHITESPACE}(?:${STRING}|${NUMBER}|true|false|null)${WHITESPACE}`;
const FLAT_OBJECT = `\\{(?:${MEMBER}(?:,${MEMBER})*|${WHITESPACE})\\}`;
/** A whole JSON string, from its opening quote: a body. */
const JSON_STRING = new RegExp(STRING, 'y');
/** An array of objects whose values are all strings, numbers, booleans or null: Chrome's call frames. */
const ARRAY_OF_FLAT_OBJECTS = new RegExp(`\\[${WHITESPACE}(?:${FLAT_OBJECT}${WHITESPACE}(?:,${WHITESPACE}${FLAT_OBJECT}${WHITESPACE})*)?\\]`, 'y');

/** The keys whose values are skimmed, then where the value starts. */
const SKIMMED_KEY = /"(text|callFrames)"[ \t\n\r]*:[ \t\n\r]*/g;

/** A HAR's first key is "log": a CORS Lens trace, or any other JSON, is never skimmed. */
const HAR_START = /^[ \t\n\r]*\{[ \t\n\r]*"log"[ \t\n\r]*:/;

/** The text with each body and call stack emptied (see above); the text itself when there is none. */
export function skimHarText(text: string): string {
  if (!HAR_START.test(text)) return text;
  const pieces: string[] = [];
  let copiedUpTo = 0;
  SKIMMED_KEY.lastIndex = 0;
  for (let match = SKIMMED_KEY.exec(text); match !== null; match = SKIMMED_KEY.exec(text)) {
    // An escaped quote is inside a string: not a key.
    if (isEscaped(text, match.index)) continue;
    const valueStart = SKIMMED_KEY.lastIndex;
    const isText = match[1] === 'text';
    const valueEnd = isText ? endOfString(text, valueStart) : endOfArrayOfFlatObjects(text, valueStart);
    if (valueEnd === -1) continue;
    SKIMMED_KEY.lastIndex = valueEnd;
    if (valueEnd - valueStart <= 2) continue;
    pieces.push(text.slice(copiedUpTo, valueStart), isText ? '""' : '[]');
    copiedUpTo = valueEnd;
  }
  if (copiedUpTo === 0) return text;
  pieces.push(text.slice(copiedUpTo));
  return pieces.join('');
}

/** Whether the character at `index` follows an odd run of backslashes. */
function isEscaped(text: string, index: number): boolean {
  let before = index - 1;
  while (before >= 0 && text.charCodeAt(before) === 0x5c) before--;
  return (index - 1 - before) % 2 === 1;
}

/**
 * The end (after the closing quote) of the valid JSON string at `start`, or
 * -1. Matched whole, in one pass: a JSON body escapes every quote it holds,
 * and finding the closing quote with indexOf stopped at each of them (then
 * searching the body again for a fault made skimming a file with bodies
 * cost as much as parsing it).
 */
function endOfString(text: string, start: number): number {
  JSON_STRING.lastIndex = start;
  try {
    return JSON_STRING.test(text) ? JSON_STRING.lastIndex : -1;
  } catch {
    // V8 throws a RangeError when a match outgrows its backtracking stack (millions of escapes).
    return -1;
  }
}

/** The end of the array of flat objects at `start`, or -1 (another shape, or too long for the expression's stack). */
function endOfArrayOfFlatObjects(text: string, start: number): number {
  ARRAY_OF_FLAT_OBJECTS.lastIndex = start;
  try {
    return ARRAY_OF_FLAT_OBJECTS.test(text) ? ARRAY_OF_FLAT_OBJECTS.lastIndex : -1;
  } catch {
    // V8 throws a RangeError when a match outgrows its backtracking stack.
    return -1;
  }
}
