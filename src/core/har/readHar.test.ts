import { describe, expect, it } from 'vitest';
import { HarReadError, readHar } from './readHar.ts';
import { entry as harEntry } from './testHar.ts';

/** A minimal valid entry: a GET that answered 200. Fields in `overrides` replace the defaults. */
function entry(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return harEntry({ method: 'GET', url: 'https://api.example.com/items', headers: [] }, { status: 200, headers: [] }, 0, overrides);
}

/** A minimal valid HAR holding `entries`; `log` fields in `extra` are added or replaced. */
function har(entries: unknown[], extra: Record<string, unknown> = {}): { log: Record<string, unknown> } {
  return { log: { version: '1.2', creator: { name: 'test', version: '1' }, pages: [], entries, ...extra } };
}

function text(value: unknown): string {
  return JSON.stringify(value, null, 2);
}

/** The HarReadError `readHar(input)` throws; fails the test when it throws anything else or nothing. */
function readError(input: string): HarReadError {
  try {
    readHar(input);
  } catch (error) {
    expect(error).toBeInstanceOf(HarReadError);
    return error as HarReadError;
  }
  throw new Error('readHar did not throw');
}

describe('readHar: bad input', () => {
  it('says an empty file is empty', () => {
    expect(readError('').message).toMatch(/empty/);
    expect(readError(' \n\t\n').message).toMatch(/empty/);
  });

  it('gives the line and column of a stray character in text that is not JSON', () => {
    // Line 3 closes the top-level object, then a stray '}' follows.
    const error = readError('{\n  "log": {}\n}}\n');
    expect(error.message).toMatch(/not JSON/);
    expect(error.message).toMatch(/line 3, column 2/);
    expect(error.message).toContain('"}"');
  });

  it('places an error after a skimmed body and call stack in the file itself, not in what was parsed', () => {
    // Bodies and call stacks are emptied before parsing (skimHarText): the column must still count them.
    const body = 'x'.repeat(5000);
    const error = readError(
      `{"log": {"entries": [{"response": {"content": {"text": "${body}"}}, "_initiator": {"stack": {"callFrames": [{"url": "a.js"}]}}},, ]}}`,
    );
    expect(error.message).toMatch(new RegExp(`line 1, column ${5000 + 122}\\b`));
  });

  it('gives the line and column of a trailing comma', () => {
    const error = readError('{\n  "log": {\n    "version": "1.2",\n  },\n}\n');
    expect(error.message).toMatch(/line 4, column 3/);
  });

  it.each([
    ['a stray brace as the very last character', '{"log":{}}}', 'line 1, column 11'],
    ['a missing value on line 3 (V8 gives no position)', '{\n  "log": [1,\n  }\n}\n', 'line 3, column 3'],
    ['a misspelt literal', '{\n  "log": tru\n}\n', 'line 2, column 10'],
    ['a lone word', 'x', 'line 1, column 1'],
  ])('locates %s', (_what, input, place) => {
    const error = readError(input);
    expect(error.message).toContain(place);
    expect(error.message).not.toMatch(/truncated/);
  });

  it('says a HAR cut in the middle ends early', () => {
    const valid = text(har([entry(), entry()]));
    for (let cut = 1; cut < valid.length; cut++) {
      const error = readError(valid.slice(0, cut));
      expect(error.message, `cut at ${cut}`).toMatch(/truncated|ends before/);
    }
  });

  it.each([
    ['an array', '[]'],
    ['an array of entries', text([entry()])],
    ['a number', '42'],
    ['a string', '"log"'],
    ['null', 'null'],
    ['an object without "log"', text({ entries: [entry()] })],
  ])('says JSON that is %s is not a HAR', (_what, input) => {
    const error = readError(input);
    expect(error.message).toMatch(/not a HAR/);
    expect(error.message).toContain('"log"');
  });

  it('names an unsupported log.version and the supported ones', () => {
    const error = readError(text(har([], { version: '2.0' })));
    expect(error.message).toMatch(/version "2\.0" is not supported/);
    expect(error.message).toContain('1.2');
  });

  it('accepts HAR 1.1 and 1.2', () => {
    expect(readHar(text(har([entry()], { version: '1.1' }))).log.entries).toHaveLength(1);
    expect(readHar(text(har([entry()], { version: '1.2' }))).log.entries).toHaveLength(1);
  });

  it.each([
    ['log.version', har([]), (value: { log: Record<string, unknown> }) => delete value.log.version],
    ['log.entries', har([]), (value: { log: Record<string, unknown> }) => delete value.log.entries],
    ['log.entries[0].request', har([entry({ request: undefined })]), () => undefined],
    ['log.entries[1].response', har([entry(), entry({ response: undefined })]), () => undefined],
    ['log.entries[0].startedDateTime', har([entry({ startedDateTime: undefined })]), () => undefined],
  ])('names the missing field %s', (path, value, remove) => {
    remove(value);
    const error = readError(text(value));
    expect(error.message).toMatch(/not a valid HAR/);
    expect(error.message).toContain(`${path}:`);
  });

  it('names a mistyped field by its path: entries[1].request.url a number', () => {
    const bad = entry();
    (bad.request as Record<string, unknown>).url = 42;
    const error = readError(text(har([entry(), bad])));
    expect(error.message).toContain('log.entries[1].request.url');
    expect(error.message).toMatch(/string/);
  });

  it.each([
    ['log.entries', text(har([], { entries: {} }))],
    ['log.entries[0].response.status', text(har([entry({ response: { status: '200', headers: [] } })]))],
    [
      'log.entries[0].request.headers[0].value',
      text(har([entry({ request: { method: 'GET', url: 'https://a.example/', headers: [{ name: 'X', value: 7 }] } })])),
    ],
    ['log.creator.name', text(har([], { creator: { name: null } }))],
  ])('names the mistyped field %s', (path, input) => {
    expect(readError(input).message).toContain(`${path}:`);
  });

  it('keeps every message on one line', () => {
    const inputs = ['', '{\n  "log": {}\n}}\n', text(har([entry()])).slice(0, 40), '[]', text(har([], { version: '2.0' })), text(har([entry({ request: 1 })]))];
    for (const input of inputs) expect(readError(input).message).not.toContain('\n');
  });
});

describe('readHar: unusual but valid input', () => {
  it('accepts a UTF-8 byte order mark', () => {
    const result = readHar(`\uFEFF${text(har([entry()]))}`);
    expect(result.log.version).toBe('1.2');
    expect(result.log.entries).toHaveLength(1);
  });

  it('does not crash on 100000 nested arrays in an extra field', () => {
    const depth = 100_000;
    const nested = `${'['.repeat(depth)}${']'.repeat(depth)}`;
    const input = `{"log":{"version":"1.2","entries":[],"_extra":${nested}}}`;
    let outcome: unknown;
    try {
      outcome = readHar(input);
    } catch (error) {
      outcome = error;
    }
    // Either it is read or refused with a HarReadError; never a RangeError.
    expect(outcome instanceof HarReadError || (typeof outcome === 'object' && outcome !== null && 'log' in outcome)).toBe(true);
  });

  it('does not crash on deep nesting inside an entry field it passes through', () => {
    const depth = 100_000;
    const nested = `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;
    const one = text(entry()).replace(/^\{/, `{"_initiator":${nested},`);
    let outcome: unknown;
    try {
      outcome = readHar(`{"log":{"version":"1.2","entries":[${one}]}}`);
    } catch (error) {
      outcome = error;
    }
    expect(outcome instanceof HarReadError || (typeof outcome === 'object' && outcome !== null && 'log' in outcome)).toBe(true);
  });

  it('reads hostile header values unchanged', () => {
    const values = [
      '\u0000\u0001\u0007\u0008\u001b[2J\u001b]0;title\u0007\u007f\u009b',
      '<script>alert(document.cookie)</script>',
      'x'.repeat(100 * 1024),
      'lone \uD800 high and \uDC00 low surrogates',
      '\u2028\u2029\r\n',
    ];
    const headers = values.map((value, index) => ({ name: `X-Hostile-${index}`, value }));
    const hostile = entry();
    (hostile.request as Record<string, unknown>).headers = headers;
    (hostile.response as Record<string, unknown>).headers = headers;
    const result = readHar(text(har([hostile])));
    const read = result.log.entries[0];
    expect(read?.request.headers.map((header) => header.value)).toEqual(values);
    expect(read?.response.headers.map((header) => header.value)).toEqual(values);
  });

  it('keeps fields it does not check', () => {
    const result = readHar(text(har([entry({ _resourceType: 'fetch', _somethingNew: { a: [1] } })], { _exporter: 'x' })));
    expect(result.log._exporter).toBe('x');
    expect(result.log.entries[0]?._somethingNew).toEqual({ a: [1] });
  });
});
