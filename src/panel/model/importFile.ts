import { chunksOf } from '../../core/chunksOf.ts';
import { MAX_CAPTURE_BYTES, type JudgedCapture } from '../../core/trace/importCapture.ts';
import type { Transaction } from '../../core/pairing/transaction.ts';
import { TRANSACTIONS_PAGE_SIZE, type SequencedTransaction } from '../../core/protocol.ts';

export interface ImportRequest {
  readonly file: File;
}

/**
 * What the import worker posts: what it judged, then the transactions in
 * messages of at most IMPORT_CHUNK_SIZE; or why the file could not be read.
 */
export type ImportMessage =
  | { readonly type: 'judged'; readonly kind: 'trace' | 'har'; readonly browser: string | null; readonly count: number }
  | { readonly type: 'transactions'; readonly transactions: readonly Transaction[] }
  | { readonly type: 'failed'; readonly message: string };

/**
 * Transactions per message. The panel's thread pays for each message it
 * receives (the structured clone is rebuilt there), and all of a 100 MB
 * file's transactions in one message held it for 0.5 s to 3 s (`npm run
 * bench`): in messages of 500, the panel paints and answers between them.
 */
export const IMPORT_CHUNK_SIZE = TRANSACTIONS_PAGE_SIZE;

/** The messages the worker posts for a judged capture, in order. */
export function importMessages(capture: JudgedCapture): ImportMessage[] {
  const { transactions } = capture;
  return [
    { type: 'judged', kind: capture.kind, browser: capture.browser, count: transactions.length },
    ...chunksOf(transactions, IMPORT_CHUNK_SIZE).map((chunk): ImportMessage => ({ type: 'transactions', transactions: chunk })),
  ];
}

/** A file shown read-only beside the live tab. */
export interface ImportedFile {
  readonly name: string;
  readonly kind: 'trace' | 'har';
  readonly browser: string | null;
  readonly items: readonly SequencedTransaction[];
}

/** How far the panel has received a judged file: `loaded` of `total` transactions. */
export type ImportProgress = (loaded: number, total: number) => void;

/**
 * Reads a file in a worker and judges it again with the engine. Rejects with
 * a one-line message that names the file and what is wrong with it.
 */
export async function importFile(file: File, startWorker: () => Worker, onProgress: ImportProgress = () => {}): Promise<ImportedFile> {
  if (file.size > MAX_CAPTURE_BYTES) {
    throw new Error(`${file.name}: ${Math.round(file.size / 1024 ** 2)} MB is too large; CORS Lens reads files up to ${MAX_CAPTURE_BYTES / 1024 ** 2} MB (export a shorter capture)`);
  }
  const worker = startWorker();
  try {
    return await new Promise<ImportedFile>((resolve, reject) => {
      let judged: Extract<ImportMessage, { type: 'judged' }> | null = null;
      const items: SequencedTransaction[] = [];
      worker.onmessage = (event: MessageEvent<ImportMessage>) => {
        const message = event.data;
        if (message.type === 'failed') {
          reject(new Error(`${file.name}: ${message.message}`));
          return;
        }
        if (message.type === 'judged') judged = message;
        else for (const transaction of message.transactions) items.push({ seq: items.length + 1, transaction });
        if (!judged) return;
        onProgress(items.length, judged.count);
        if (items.length >= judged.count) resolve({ name: file.name, kind: judged.kind, browser: judged.browser, items });
      };
      worker.onerror = (event) => reject(new Error(event.message || 'the import worker failed'));
      worker.postMessage({ file } satisfies ImportRequest);
    });
  } finally {
    worker.terminate();
  }
}
