import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { skimHarText } from './skimHarText.ts';

/** What skimming must leave of a parsed document: every "text" string and every "callFrames" array of flat objects emptied. */
function emptied(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(emptied);
  if (value === null || typeof value !== 'object') return value;
  // Object.fromEntries defines each key as JSON.parse does: a "__proto__" key
  // stays a field (assigning it would set the copy's prototype instead).
  return Object.fromEntries(
    Object.entries(value).map(([key, field]) => [
      key,
      key === 'text' && typeof field === 'string' ? '' : key === 'callFrames' && isArrayOfFlatObjects(field) ? [] : emptied(field),
    ]),
  );
}

function isArrayOfFlatObjects(value: unknown): boolean {
  return (
    Array.isArray(value) &&
    value.every(
      (item: unknown) =>
        item !== null && typeof item === 'object' && !Array.isArray(item) && Object.values(item).every((field) => field === null || typeof field !== 'object'),
    )
  );
}

function parsed(text: string): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch {
    return { ok: false };
  }
}

const frame = fc.record(
  {
    functionName: fc.string(),
    scriptId: fc.string(),
    url: fc.string(),
    lineNumber: fc.integer(),
    columnNumber: fc.double({ noNaN: true, noDefaultInfinity: true }),
  },
  { requiredKeys: [] },
);
/** Values where the skimmed keys appear, in every shape they can take. */
const field = fc.oneof(
  fc.jsonValue({ maxDepth: 2 }),
  fc.string({ unit: 'binary' }),
  fc.array(frame, { maxLength: 4 }),
  fc.array(fc.jsonValue({ maxDepth: 2 }), { maxLength: 3 }),
);
const entry = fc.dictionary(fc.constantFrom('text', 'callFrames', 'url', 'Text', 'value'), field, { maxKeys: 4 });
const document = fc.record({
  log: fc.record({
    entries: fc.array(fc.record({ request: entry, response: fc.record({ content: entry }), _initiator: fc.record({ stack: entry }) }), { maxLength: 4 }),
  }),
});
/** The document as a file: compact, or indented the way Chrome writes it. */
const serialized = fc.tuple(document, fc.constantFrom(undefined, 2, '\t')).map(([value, indent]) => JSON.stringify(value, null, indent));

describe('skimHarText', () => {
  it('empties every body and call stack of a HAR, and changes nothing else', () => {
    // Found by the property below: a "__proto__" key is a field like any other.
    const protoKey = '{"log":{"entries":[{"_initiator":{"stack":{"text":[{"__proto__":false}]}}}]}}';
    expect(JSON.parse(skimHarText(protoKey))).toEqual(emptied(JSON.parse(protoKey)));
    fc.assert(
      fc.property(serialized, (text) => {
        expect(JSON.parse(skimHarText(text))).toEqual(emptied(JSON.parse(text)));
      }),
    );
  });

  it('keeps a valid file valid and a broken one broken, and then parses to the same document but for what it empties', () => {
    // Broken files: a character inserted, removed or replaced anywhere in a valid one.
    const edited = fc
      .tuple(
        serialized,
        fc.nat(),
        fc.constantFrom('insert', 'remove', 'replace'),
        fc.constantFrom('"', '\\', '[', ']', '{', '}', ',', ':', '\n', '\u0001', 'x', '1'),
      )
      .map(([text, at, edit, character]) => {
        const index = at % (text.length + 1);
        if (edit === 'insert') return text.slice(0, index) + character + text.slice(index);
        if (edit === 'remove') return text.slice(0, index) + text.slice(index + 1);
        return text.slice(0, index) + character + text.slice(index + 1);
      });
    fc.assert(
      fc.property(edited, (text) => {
        const original = parsed(text);
        const skimmedText = skimHarText(text);
        const skimmed = parsed(skimmedText);
        expect(skimmed.ok).toBe(original.ok);
        // An edit can make the file no HAR (its first key no longer "log"): then it is left as it is.
        if (original.ok && skimmed.ok) expect(skimmed.value).toEqual(skimmedText === text ? original.value : emptied(original.value));
      }),
      { numRuns: 2000 },
    );
  });

  it('empties a body with escapes, and leaves a key written inside a string alone', () => {
    const text = JSON.stringify({
      log: { note: '"text":"not a key"', 'a key that ends in "text': 'kept', content: { text: 'a "quoted" \\ line\nnext \u2028 \ud83d\ude00', size: 3 } },
    });
    const skimmed = skimHarText(text);
    expect(JSON.parse(skimmed)).toEqual({ log: { note: '"text":"not a key"', 'a key that ends in "text': 'kept', content: { text: '', size: 3 } } });
    expect(skimmed.length).toBeLessThan(text.length);
  });

  it('leaves what is not a HAR untouched: a CORS Lens trace is read whole', () => {
    const trace = JSON.stringify({ format: 'cors-lens-trace', log: { text: 'kept' } });
    expect(skimHarText(trace)).toBe(trace);
  });

  it('leaves shapes it does not know for JSON.parse: a nested call frame, a body that is not a string', () => {
    const text = JSON.stringify({ log: { stack: { callFrames: [{ url: 'a', nested: { deep: 1 } }] }, content: { text: { not: 'a string' } } } });
    expect(skimHarText(text)).toBe(text);
  });

  it('survives hostile sizes: a body of megabytes, a stack too long for the expression, an unterminated string', () => {
    const body = '\\"x\\u0041\\\\'.repeat(400_000);
    const frames = Array.from({ length: 200_000 }, (_, index) => ({ url: `https://a.example/${index}.js`, lineNumber: index }));
    const text = `{"log":{"content":{"text":"${body}"},"stack":{"callFrames":${JSON.stringify(frames)}}}}`;
    const skimmed = JSON.parse(skimHarText(text)) as { log: { content: unknown; stack: { callFrames: unknown[] } } };
    expect(skimmed.log.content).toEqual({ text: '' });
    // A stack longer than the expression's own stack is left for JSON.parse, whole.
    if (skimmed.log.stack.callFrames.length > 0) expect(skimmed.log.stack.callFrames).toEqual(frames);
    const cut = `{"log":{"content":{"text":"${'a'.repeat(1_000_000)}`;
    expect(skimHarText(cut)).toBe(cut);
    const backslashes = `{"log":{"content":{"text":"${'\\\\'.repeat(500_000)}"}}}`;
    expect(JSON.parse(skimHarText(backslashes))).toEqual(emptied(JSON.parse(backslashes)));
  });
});
