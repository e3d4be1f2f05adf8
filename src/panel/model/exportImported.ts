import { chunksOf } from '../../core/chunksOf.ts';
import { exportedFile, type ExportedFile, type ExportFormat } from '../../core/trace/exportFile.ts';
import { importedTrace } from '../../core/trace/importedTrace.ts';
import type { Transaction } from '../../core/pairing/transaction.ts';
import { TRANSACTIONS_PAGE_SIZE } from '../../core/protocol.ts';
import { IMPORT_CHUNK_SIZE, type ImportedFile } from './importFile.ts';
import { unpackTexts, type PackedTexts } from './packedTexts.ts';

/** What the panel posts to the export worker: the transactions' texts as the panel holds them (see ImportedFile), some packs at a time, then what to write. */
export type ExportWorkerRequest =
  | { readonly type: 'transactions'; readonly texts: readonly PackedTexts[] }
  | { readonly type: 'write'; readonly browser: string | null; readonly format: ExportFormat; readonly includeSecrets: boolean; readonly now: number };

/** What the export worker posts back: the file's text part by part, then its name and what was left out; or why it failed. */
export type ExportWorkerReply =
  | { readonly type: 'part'; readonly text: string }
  | { readonly type: 'written'; readonly fileName: string; readonly mimeType: string; readonly redacted: string | null }
  | { readonly type: 'failed'; readonly message: string };

/**
 * The export worker's side, free of any worker API so it is tested as it
 * is: reads and gathers the transactions, and writes the file when asked (replying
 * with each part, then the rest of the file's description).
 */
export function createExportWriter(): (request: ExportWorkerRequest) => ExportWorkerReply[] {
  let transactions: Transaction[] = [];
  return (request) => {
    if (request.type === 'transactions') {
      for (const pack of request.texts) for (const text of unpackTexts(pack)) transactions.push(JSON.parse(text) as Transaction);
      return [];
    }
    const judged = transactions;
    transactions = [];
    try {
      const { parts, ...file } = exportedFile(
        importedTrace({ transactions: judged, browser: request.browser }, request.includeSecrets, request.now),
        request.format,
      );
      return [...parts.map((text): ExportWorkerReply => ({ type: 'part', text })), { type: 'written', ...file }];
    } catch (error) {
      return [{ type: 'failed', message: error instanceof Error ? error.message : String(error) }];
    }
  };
}

/** Transactions per message to the export worker (in whole packs of the import's). */
export const EXPORT_CHUNK_SIZE = Math.max(1, Math.floor(TRANSACTIONS_PAGE_SIZE / IMPORT_CHUNK_SIZE)) * IMPORT_CHUNK_SIZE;

/** What the panel posts to the export worker for a capture, in order: its transactions EXPORT_CHUNK_SIZE at a time, then what to write. */
export function exportRequests(
  capture: Pick<ImportedFile, 'texts' | 'browser'>,
  format: ExportFormat,
  includeSecrets: boolean,
  now: number,
): ExportWorkerRequest[] {
  return [
    ...chunksOf(capture.texts, EXPORT_CHUNK_SIZE / IMPORT_CHUNK_SIZE).map((texts): ExportWorkerRequest => ({ type: 'transactions', texts })),
    { type: 'write', browser: capture.browser, format, includeSecrets, now },
  ];
}

/** Lets the panel paint and answer between two messages it posts (posting one clones it on the panel's thread). */
export const yieldToPanel = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

/**
 * Writes an imported capture as a file in a worker. The panel holds the
 * imported transactions' texts, and writing a 100 MB file's trace or HAR on its
 * thread held it for about a second (`npm run bench`); here it only posts
 * them, EXPORT_CHUNK_SIZE at a time with a pause between (each post clones
 * its chunk on the panel's thread, in milliseconds), and gathers the parts.
 */
export async function exportImported(
  capture: Pick<ImportedFile, 'texts' | 'browser'>,
  format: ExportFormat,
  includeSecrets: boolean,
  now: number,
  startWorker: () => Worker,
  pause: () => Promise<void> = yieldToPanel,
): Promise<ExportedFile> {
  const worker = startWorker();
  try {
    const written = new Promise<ExportedFile>((resolve, reject) => {
      const parts: string[] = [];
      worker.onmessage = (event: MessageEvent<ExportWorkerReply>) => {
        const reply = event.data;
        if (reply.type === 'part') parts.push(reply.text);
        else if (reply.type === 'failed') reject(new Error(reply.message));
        else resolve({ fileName: reply.fileName, mimeType: reply.mimeType, redacted: reply.redacted, parts });
      };
      worker.onerror = (event) => reject(new Error(event.message || 'the export worker failed'));
    });
    // A failure while the chunks are still being posted is read below, once they are.
    written.catch(() => {});
    const requests = exportRequests(capture, format, includeSecrets, now);
    for (let index = 0; index < requests.length; index++) {
      const request = requests[index] as ExportWorkerRequest;
      if (index > 0 && request.type === 'transactions') await pause();
      worker.postMessage(request);
    }
    return await written;
  } finally {
    worker.terminate();
  }
}
