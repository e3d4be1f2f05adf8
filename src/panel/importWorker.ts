// A Web Worker of the panel: reads and judges an imported file off the UI
// thread, so a 100 MB HAR never freezes the panel, and hands the
// transactions back in bounded messages (see importMessages).
import { importCapture } from '../core/trace/importCapture.ts';
import { importMessages, type ImportMessage, type ImportRequest } from './model/importFile.ts';

self.onmessage = async (event: MessageEvent<ImportRequest>) => {
  let messages: ImportMessage[];
  try {
    messages = importMessages(importCapture(await event.data.file.text()));
  } catch (error) {
    messages = [{ type: 'failed', message: error instanceof Error ? error.message : String(error) }];
  }
  for (const message of messages) self.postMessage(message);
};
