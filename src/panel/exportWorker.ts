// A Web Worker of the panel: writes an imported capture as a file off the UI
// thread (see exportImported), and hands the text back part by part.
import { createExportWriter, type ExportWorkerRequest } from './model/exportImported.ts';

const write = createExportWriter();

self.onmessage = (event: MessageEvent<ExportWorkerRequest>) => {
  for (const reply of write(event.data)) self.postMessage(reply);
};
