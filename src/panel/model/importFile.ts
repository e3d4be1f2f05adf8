import { chunksOf } from '../../core/chunksOf.ts';
import { MAX_CAPTURE_BYTES, type JudgedCapture } from '../../core/trace/importCapture.ts';
import type { Transaction } from '../../core/pairing/transaction.ts';
import type { SequencedTransaction } from '../../core/protocol.ts';
import { packTexts, unpackText, type PackedTexts } from './packedTexts.ts';
import { withTargetOrigins } from './rowFilter.ts';
import { transactionRow, type TransactionRow } from '../../core/session/transactionRow.ts';

export interface ImportRequest {
  readonly file: File;
}

/**
 * What the import worker posts: what it judged, then the transactions in
 * messages of at most IMPORT_CHUNK_SIZE, numbered from 1 in the file's
 * order, each as its row and its JSON text (packed: the worker transfers the
 * buffer); or why the file could not be read.
 */
export type ImportMessage =
  | { readonly type: 'judged'; readonly kind: 'trace' | 'har'; readonly browser: string | null; readonly count: number }
  | { readonly type: 'transactions'; readonly rows: readonly TransactionRow[]; readonly texts: PackedTexts }
  | { readonly type: 'failed'; readonly message: string };

/**
 * Transactions per message. The panel's thread pays for each message it
 * receives (the structured clone is rebuilt there), and all of a 100 MB
 * file's transactions in one message held it for 0.5 s to 3 s (`npm run
 * bench`); 500 of that file's transactions still took 40 ms to 110 ms on a
 * loaded machine (a Chromium trace): in messages of 100, the panel paints
 * and answers between them.
 */
export const IMPORT_CHUNK_SIZE = 100;

/** The messages the worker posts for a judged capture, in order. */
export function importMessages(capture: JudgedCapture): ImportMessage[] {
  const { transactions } = capture;
  return [
    { type: 'judged', kind: capture.kind, browser: capture.browser, count: transactions.length },
    ...chunksOf(transactions, IMPORT_CHUNK_SIZE).map((chunk, index): ImportMessage => ({
      type: 'transactions',
      rows: chunk.map((transaction, at) => transactionRow({ seq: index * IMPORT_CHUNK_SIZE + at + 1, transaction })),
      texts: packTransactions(chunk),
    })),
  ];
}

/** Transactions' texts as an imported file holds them: IMPORT_CHUNK_SIZE to a pack. */
export function packedTransactionTexts(transactions: readonly Transaction[]): PackedTexts[] {
  return chunksOf(transactions, IMPORT_CHUNK_SIZE).map(packTransactions);
}

function packTransactions(chunk: readonly Transaction[]): PackedTexts {
  return packTexts(chunk.map((transaction) => JSON.stringify(transaction)));
}

/** A file shown read-only beside the live tab. */
export interface ImportedFile {
  readonly name: string;
  readonly kind: 'trace' | 'har';
  readonly browser: string | null;
  /** Its transactions' rows, numbered from 1 in the file's order. */
  readonly rows: readonly TransactionRow[];
  /** The rows' target origins, each once, sorted (for the origin filter): gathered as the rows arrive, not in the render that shows them. */
  readonly targetOrigins: readonly string[];
  /**
   * Each transaction as JSON text, in the same order, IMPORT_CHUNK_SIZE to a
   * pack (the last may hold fewer), read when shown or exported
   * (importedTransaction). 50,000 transactions rebuilt as objects on the
   * panel's thread cost it seconds of garbage collection, in pauses of up to
   * 150 ms while it received them and while the list scrolled; the worker
   * makes the rows, and hands the texts over packed (see packedTexts.ts).
   */
  readonly texts: readonly PackedTexts[];
}

/** The imported transaction numbered `seq`, read from its text; undefined for a number the file has not. */
export function importedTransaction(file: Pick<ImportedFile, 'texts'>, seq: number): SequencedTransaction | undefined {
  const pack = Number.isInteger(seq) && seq > 0 ? file.texts[Math.floor((seq - 1) / IMPORT_CHUNK_SIZE)] : undefined;
  const text = pack && unpackText(pack, (seq - 1) % IMPORT_CHUNK_SIZE);
  return text === undefined ? undefined : { seq, transaction: JSON.parse(text) as Transaction };
}

/** How far the panel has received a judged file: `loaded` of `total` transactions. */
export type ImportProgress = (loaded: number, total: number) => void;

/**
 * Reads a file in a worker and judges it again with the engine. Rejects with
 * a one-line message that names the file and what is wrong with it.
 */
export async function importFile(file: File, startWorker: () => Worker, onProgress: ImportProgress = () => {}): Promise<ImportedFile> {
  if (file.size > MAX_CAPTURE_BYTES) {
    throw new Error(
      `${file.name}: ${Math.round(file.size / 1024 ** 2)} MB is too large; CORS Lens reads files up to ${MAX_CAPTURE_BYTES / 1024 ** 2} MB (export a shorter capture)`,
    );
  }
  const worker = startWorker();
  try {
    return await new Promise<ImportedFile>((resolve, reject) => {
      let judged: Extract<ImportMessage, { type: 'judged' }> | null = null;
      const rows: TransactionRow[] = [];
      const texts: PackedTexts[] = [];
      let targetOrigins: readonly string[] = [];
      worker.onmessage = (event: MessageEvent<ImportMessage>) => {
        const message = event.data;
        if (message.type === 'failed') {
          reject(new Error(`${file.name}: ${message.message}`));
          return;
        }
        if (message.type === 'judged') judged = message;
        else {
          rows.push(...message.rows);
          texts.push(message.texts);
          targetOrigins = withTargetOrigins(targetOrigins, message.rows);
        }
        if (!judged) return;
        onProgress(rows.length, judged.count);
        if (rows.length >= judged.count) resolve({ name: file.name, kind: judged.kind, browser: judged.browser, rows, targetOrigins, texts });
      };
      worker.onerror = (event) => reject(new Error(event.message || 'the import worker failed'));
      worker.postMessage({ file } satisfies ImportRequest);
    });
  } finally {
    worker.terminate();
  }
}
