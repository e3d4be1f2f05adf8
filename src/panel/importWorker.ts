// A Web Worker of the panel: reads and judges an imported file off the UI
// thread, so a 100 MB HAR never freezes the panel.
import { importCapture } from '../core/trace/importCapture.ts';
import type { ImportRequest, ImportResult } from './model/importFile.ts';

self.onmessage = async (event: MessageEvent<ImportRequest>) => {
  let result: ImportResult;
  try {
    const capture = importCapture(await event.data.file.text());
    result = { ok: true, kind: capture.kind, browser: capture.browser, transactions: [...capture.transactions] };
  } catch (error) {
    result = { ok: false, message: error instanceof Error ? error.message : String(error) };
  }
  self.postMessage(result);
};
