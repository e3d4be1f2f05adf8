import { describe, expect, it } from 'vitest';
import { IMPORT_IDLE, importProblemText, importProgressText, reduceImport, type ImportEvent, type ImportFlow } from './importFlow.ts';
import type { ImportedFile } from './importFile.ts';

const file = (name: string, count: number): ImportedFile => ({
  name,
  kind: 'har',
  browser: null,
  rows: Array.from({ length: count }, () => ({}) as ImportedFile['rows'][number]),
  targetOrigins: [],
  texts: [],
});
const run = (events: readonly ImportEvent[], from: ImportFlow = IMPORT_IDLE) => events.reduce(reduceImport, from);

describe('reduceImport', () => {
  it('goes idle, reading, importing, done, saying how far it got', () => {
    const reading = run([{ type: 'import-started', id: 1, name: 'big.har' }]);
    expect(reading).toEqual({ phase: 'reading', id: 1, name: 'big.har' });
    expect(importProgressText(reading)).toBe('Reading big.har…');
    const importing = reduceImport(reading, { type: 'import-progressed', id: 1, loaded: 500, total: 1234 });
    expect(importProgressText(importing)).toBe('Loading big.har: 500 of 1,234 transactions…');
    const done = reduceImport(importing, { type: 'import-finished', id: 1, file: file('big.har', 1234) });
    expect(done).toEqual({ phase: 'done', id: 1, name: 'big.har', count: 1234 });
    expect([importProgressText(done), importProblemText(done)]).toEqual([null, null]);
  });

  it('fails from reading or importing with the message, and says so', () => {
    const failed = run([
      { type: 'import-started', id: 1, name: 'empty.har' },
      { type: 'import-failed', id: 1, message: 'empty.har: not JSON: the file is empty' },
    ]);
    expect(failed).toMatchObject({ phase: 'failed', name: 'empty.har' });
    expect(importProblemText(failed)).toBe('Could not import empty.har: not JSON: the file is empty');
    expect(importProgressText(failed)).toBeNull();
    expect(
      run([
        { type: 'import-started', id: 2, name: 'a.har' },
        { type: 'import-progressed', id: 2, loaded: 0, total: 3 },
        { type: 'import-failed', id: 2, message: 'worker died' },
      ]),
    ).toMatchObject({ phase: 'failed', message: 'worker died' });
  });

  it('ignores what a superseded import still reports, and anything after the end', () => {
    const second = run([
      { type: 'import-started', id: 1, name: 'first.har' },
      { type: 'import-started', id: 2, name: 'second.har' },
      { type: 'import-finished', id: 1, file: file('first.har', 1) },
      { type: 'import-failed', id: 1, message: 'late' },
    ]);
    expect(second).toEqual({ phase: 'reading', id: 2, name: 'second.har' });
    const done = reduceImport(second, { type: 'import-finished', id: 2, file: file('second.har', 2) });
    expect(reduceImport(done, { type: 'import-failed', id: 2, message: 'late' })).toBe(done);
    expect(reduceImport(IMPORT_IDLE, { type: 'import-progressed', id: 1, loaded: 1, total: 1 })).toBe(IMPORT_IDLE);
  });

  it('starts afresh from a failure or a finished import', () => {
    const failed: ImportFlow = { phase: 'failed', id: 3, name: 'bad.har', message: 'x' };
    expect(reduceImport(failed, { type: 'import-started', id: 4, name: 'good.har' })).toEqual({ phase: 'reading', id: 4, name: 'good.har' });
  });
});
