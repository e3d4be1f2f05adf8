import { describe, expect, it } from 'vitest';
import { generateEvents } from '../../../bench/events.ts';
import { pairEvents } from '../../core/pairing/pairEvents.ts';
import { exportedFile } from '../../core/trace/exportFile.ts';
import { importedTrace } from '../../core/trace/importedTrace.ts';
import { createExportWriter, EXPORT_CHUNK_SIZE, exportImported, type ExportWorkerReply } from './exportImported.ts';
import { packedTransactionTexts } from './importFile.ts';
import { loopbackExportWorker, scriptedWorker } from './testWorkers.ts';

const NOW = Date.UTC(2026, 11, 7);
const transactions = pairEvents(generateEvents(8 * (EXPORT_CHUNK_SIZE + 40), 5).events).transactions;
const capture = { browser: 'Chromium 156', texts: packedTransactionTexts(transactions) };
/** The transactions of a written trace. */
const transactionsIn = (text: string): unknown[] => (JSON.parse(text) as { transactions: unknown[] }).transactions;

describe('exportImported', () => {
  it('posts the transactions a chunk at a time, pausing between, and gets back the file the panel would have written', async () => {
    expect(transactions.length).toBeGreaterThan(EXPORT_CHUNK_SIZE);
    const worker = loopbackExportWorker();
    let pauses = 0;
    const file = await exportImported(
      capture,
      'har',
      false,
      NOW,
      () => worker as unknown as Worker,
      async () => {
        pauses++;
      },
    );
    const sizes = worker.received.map((request) =>
      request.type === 'transactions' ? request.texts.reduce((sum, pack) => sum + pack.ends.length, 0) : request.type,
    );
    expect(sizes).toEqual([EXPORT_CHUNK_SIZE, transactions.length - EXPORT_CHUNK_SIZE, 'write']);
    expect(pauses).toBe(1);
    const inPanel = exportedFile(importedTrace({ transactions, browser: 'Chromium 156' }, false, NOW), 'har');
    expect(file.fileName).toBe(inPanel.fileName);
    expect(file.redacted).toBe(inPanel.redacted);
    expect(file.parts.join('')).toBe(inPanel.parts.join(''));
    expect(worker.terminated).toBe(true);
  });

  it('writes a file without transactions, and stops the worker', async () => {
    const worker = loopbackExportWorker();
    const file = await exportImported({ browser: null, texts: [] }, 'trace', true, NOW, () => worker as unknown as Worker);
    expect(worker.received.map((request) => request.type)).toEqual(['write']);
    expect(transactionsIn(file.parts.join(''))).toEqual([]);
    expect(worker.terminated).toBe(true);
  });

  it('rejects with what the worker said went wrong, and stops it', async () => {
    const worker = scriptedWorker<ExportWorkerReply>([{ type: 'failed', message: 'out of memory' }]);
    await expect(exportImported(capture, 'trace', false, NOW, () => worker as unknown as Worker)).rejects.toThrow('out of memory');
    expect(worker.terminated).toBe(true);
  });
});

describe('createExportWriter', () => {
  it('writes what it gathered once, then starts again empty', () => {
    const write = createExportWriter();
    expect(write({ type: 'transactions', texts: packedTransactionTexts(transactions.slice(0, 3)) })).toEqual([]);
    const first = write({ type: 'write', browser: null, format: 'trace', includeSecrets: false, now: NOW });
    expect(first.map((reply) => reply.type)).toEqual(['part', 'written']);
    const second = write({ type: 'write', browser: null, format: 'trace', includeSecrets: false, now: NOW });
    const text = (replies: typeof first) => replies.flatMap((reply) => (reply.type === 'part' ? [reply.text] : [])).join('');
    expect(transactionsIn(text(first))).toHaveLength(3);
    expect(transactionsIn(text(second))).toHaveLength(0);
  });
});
