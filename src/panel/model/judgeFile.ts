import { judgeCapture, readCapture } from '../../core/trace/importCapture.ts';
import { importMessages, type ImportMessage } from './importFile.ts';

/**
 * What the import worker posts for a file: the file read, parsed and judged
 * again by the engine, in bounded messages, with how long each part took;
 * or why it could not be read. Apart from the worker's entry so that tests
 * run it in process.
 */
export async function judgeFile(file: Blob, now: () => number = () => performance.now()): Promise<ImportMessage[]> {
  try {
    const start = now();
    const text = await file.text();
    const read = now();
    const parsedCapture = readCapture(text);
    const parsed = now();
    const capture = judgeCapture(parsedCapture);
    return importMessages(capture, { readMs: read - start, parseMs: parsed - read, judgeMs: now() - parsed });
  } catch (error) {
    return [{ type: 'failed', message: error instanceof Error ? error.message : String(error) }];
  }
}
