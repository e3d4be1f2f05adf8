// A Web Worker of the panel: reads and judges an imported file off the UI
// thread, so a 100 MB HAR never freezes the panel, and hands the
// transactions back in bounded messages (see importMessages), saying how
// long reading, parsing and judging took.
import { judgeCapture, readCapture } from '../core/trace/importCapture.ts';
import { importMessages, type ImportMessage, type ImportRequest } from './model/importFile.ts';

self.onmessage = async (event: MessageEvent<ImportRequest>) => {
  let messages: ImportMessage[];
  try {
    const start = performance.now();
    const text = await event.data.file.text();
    const read = performance.now();
    const parsedCapture = readCapture(text);
    const parsed = performance.now();
    const capture = judgeCapture(parsedCapture);
    messages = importMessages(capture, { readMs: read - start, parseMs: parsed - read, judgeMs: performance.now() - parsed });
  } catch (error) {
    messages = [{ type: 'failed', message: error instanceof Error ? error.message : String(error) }];
  }
  for (const message of messages) self.postMessage(message);
};
