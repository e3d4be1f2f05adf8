// A Web Worker of the panel: reads and judges an imported file off the UI
// thread, so a 100 MB HAR never freezes the panel, and hands the
// transactions back in bounded messages (see judgeFile and importMessages).
import type { ImportRequest } from './model/importFile.ts';
import { judgeFile } from './model/judgeFile.ts';

self.onmessage = async (event: MessageEvent<ImportRequest>) => {
  for (const message of await judgeFile(event.data.file)) self.postMessage(message);
};
