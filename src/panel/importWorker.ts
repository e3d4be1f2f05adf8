// A Web Worker of the panel: reads and judges an imported file off the UI
// thread, so a 100 MB HAR never freezes the panel, and hands the
// transactions back in bounded messages (see judgeFile and importMessages),
// their packed texts transferred rather than copied.
import type { ImportRequest } from './model/importFile.ts';
import { judgeFile } from './model/judgeFile.ts';

self.onmessage = async (event: MessageEvent<ImportRequest>) => {
  for (const message of await judgeFile(event.data.file)) {
    const transfer = message.type === 'transactions' ? [message.texts.bytes.buffer, message.texts.ends.buffer] : [];
    self.postMessage(message, { transfer });
  }
};
