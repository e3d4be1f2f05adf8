import { MAX_CAPTURE_BYTES } from '../../core/trace/importCapture.ts';
import type { Transaction } from '../../core/pairing/transaction.ts';
import type { SequencedTransaction } from '../../core/protocol.ts';

export interface ImportRequest {
  readonly file: File;
}

export type ImportResult =
  | { readonly ok: true; readonly kind: 'trace' | 'har'; readonly browser: string | null; readonly transactions: readonly Transaction[] }
  | { readonly ok: false; readonly message: string };

/** A file shown read-only beside the live tab. */
export interface ImportedCapture {
  readonly name: string;
  readonly kind: 'trace' | 'har';
  readonly browser: string | null;
  readonly items: readonly SequencedTransaction[];
}

/**
 * Reads a file in a worker and judges it again with the engine. Rejects with
 * a one-line message that names the file and what is wrong with it.
 */
export async function importFile(file: File, startWorker: () => Worker): Promise<ImportedCapture> {
  if (file.size > MAX_CAPTURE_BYTES) {
    throw new Error(`${file.name}: ${Math.round(file.size / 1024 ** 2)} MB is too large; CORS Lens reads files up to ${MAX_CAPTURE_BYTES / 1024 ** 2} MB (export a shorter capture)`);
  }
  const worker = startWorker();
  try {
    const result = await new Promise<ImportResult>((resolve, reject) => {
      worker.onmessage = (event: MessageEvent<ImportResult>) => resolve(event.data);
      worker.onerror = (event) => reject(new Error(event.message || 'the import worker failed'));
      worker.postMessage({ file } satisfies ImportRequest);
    });
    if (!result.ok) throw new Error(`${file.name}: ${result.message}`);
    return { name: file.name, kind: result.kind, browser: result.browser, items: result.transactions.map((transaction, index) => ({ seq: index + 1, transaction })) };
  } finally {
    worker.terminate();
  }
}
