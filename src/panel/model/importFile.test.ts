import { describe, expect, it } from 'vitest';
import { generateEvents } from '../../../bench/events.ts';
import { pairEvents } from '../../core/pairing/pairEvents.ts';
import type { JudgedCapture } from '../../core/trace/importCapture.ts';
import { IMPORT_CHUNK_SIZE, importedTransaction, importFile, importMessages, type ImportMessage } from './importFile.ts';
import { scriptedWorker } from './testWorkers.ts';
import { unpackTexts } from './packedTexts.ts';
import { transactionRow } from '../../core/session/transactionRow.ts';

const judged = (count: number): JudgedCapture => {
  const { transactions, stats } = pairEvents(generateEvents(8 * count + 100, 3).events);
  expect(transactions.length).toBeGreaterThanOrEqual(count);
  return { kind: 'har', transactions: transactions.slice(0, count), stats, browser: 'Chromium 156' };
};

const file = (name: string) => ({ name, size: 1024 }) as File;

describe('importMessages', () => {
  it('says what was judged, then hands every transaction over in order, no message holding more than a chunk', () => {
    const capture = judged(2 * IMPORT_CHUNK_SIZE + 7);
    const [first, ...rest] = importMessages(capture);
    expect(first).toEqual({ type: 'judged', kind: 'har', browser: 'Chromium 156', count: capture.transactions.length });
    expect(rest).toHaveLength(3);
    const sizes = rest.map((message) => (message.type === 'transactions' ? [message.rows.length, message.texts.ends.length] : -1));
    expect(sizes).toEqual([
      [IMPORT_CHUNK_SIZE, IMPORT_CHUNK_SIZE],
      [IMPORT_CHUNK_SIZE, IMPORT_CHUNK_SIZE],
      [7, 7],
    ]);
    const texts = rest.flatMap((message) => (message.type === 'transactions' ? unpackTexts(message.texts) : []));
    expect(texts.map((text): unknown => JSON.parse(text))).toEqual(capture.transactions);
    const rows = rest.flatMap((message) => (message.type === 'transactions' ? message.rows : []));
    expect(rows).toEqual(capture.transactions.map((transaction, index) => transactionRow({ seq: index + 1, transaction })));
  });

  it('sends only what was judged for a file without transactions', () => {
    expect(importMessages(judged(0))).toEqual([{ type: 'judged', kind: 'har', browser: 'Chromium 156', count: 0 }]);
  });
});

describe('importFile', () => {
  it('refuses a file over the limit by its size, before reading it or starting a worker', async () => {
    let started = false;
    const huge = { name: 'huge.har', size: 1024 ** 3 } as File;
    await expect(
      importFile(huge, () => {
        started = true;
        throw new Error('no worker expected');
      }),
    ).rejects.toThrow('huge.har: 1024 MB is too large; CORS Lens reads files up to 256 MB (export a shorter capture)');
    expect(started).toBe(false);
  });

  it('gathers the transactions message by message, numbering them, saying how far it got, and stops the worker', async () => {
    const capture = judged(IMPORT_CHUNK_SIZE + 3);
    const worker = scriptedWorker<ImportMessage>(importMessages(capture));
    const progress: [number, number][] = [];
    const imported = await importFile(
      file('big.har'),
      () => worker as unknown as Worker,
      (loaded, total) => progress.push([loaded, total]),
    );
    expect(imported).toMatchObject({ name: 'big.har', kind: 'har', browser: 'Chromium 156' });
    const seqs = capture.transactions.map((_, index) => index + 1);
    expect(imported.rows.map((row) => row.seq)).toEqual(seqs);
    // Each target origin once, sorted, gathered as the rows came.
    expect(imported.targetOrigins).toEqual([...new Set(imported.rows.map((row) => row.targetOrigin))].sort());
    expect(imported.targetOrigins.length).toBeGreaterThan(0);
    expect(seqs.map((seq) => importedTransaction(imported, seq))).toEqual(capture.transactions.map((transaction, index) => ({ seq: index + 1, transaction })));
    expect(importedTransaction(imported, 0)).toBeUndefined();
    expect(importedTransaction(imported, seqs.length + 1)).toBeUndefined();
    const total = capture.transactions.length;
    expect(progress).toEqual([
      [0, total],
      [IMPORT_CHUNK_SIZE, total],
      [total, total],
    ]);
    expect(worker.terminated).toBe(true);
  });

  it('names the file in what the worker could not read, and stops the worker', async () => {
    const worker = scriptedWorker<ImportMessage>([{ type: 'failed', message: 'not JSON: the file is empty' }]);
    await expect(importFile(file('empty.har'), () => worker as unknown as Worker)).rejects.toThrow('empty.har: not JSON: the file is empty');
    expect(worker.terminated).toBe(true);
  });

  it('gives an empty capture for a file that holds no CORS transaction', async () => {
    const imported = await importFile(file('quiet.har'), () => scriptedWorker<ImportMessage>(importMessages(judged(0))) as unknown as Worker);
    expect(imported).toMatchObject({ rows: [], targetOrigins: [], texts: [] });
  });
});
