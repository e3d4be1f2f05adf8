import { importCapture } from '../../core/trace/importCapture.ts';
import { importMessages, type ImportMessage } from './importFile.ts';

/**
 * What the import worker posts for a file: the file read and judged again by
 * the engine, in bounded messages; or why it could not be read. Apart from
 * the worker's entry so that tests run it in process.
 */
export async function judgeFile(file: Blob): Promise<ImportMessage[]> {
  try {
    return importMessages(importCapture(await file.text()));
  } catch (error) {
    return [{ type: 'failed', message: error instanceof Error ? error.message : String(error) }];
  }
}
