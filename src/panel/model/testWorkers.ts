import { createExportWriter, type ExportWorkerReply, type ExportWorkerRequest } from './exportImported.ts';
import type { ImportMessage, ImportRequest } from './importFile.ts';
import { judgeFile } from './judgeFile.ts';

/**
 * For tests: the export worker on a loopback, each message cloned as
 * postMessage clones it and delivered in a task of its own; it remembers
 * what it was sent and whether it was stopped.
 */
export function loopbackExportWorker() {
  const write = createExportWriter();
  const worker = {
    received: [] as ExportWorkerRequest[],
    terminated: false,
    onmessage: null as ((event: MessageEvent<ExportWorkerReply>) => void) | null,
    onerror: null as ((event: ErrorEvent) => void) | null,
    postMessage(request: ExportWorkerRequest) {
      const copy = structuredClone(request);
      worker.received.push(copy);
      setTimeout(() => {
        for (const reply of write(copy)) {
          const data = structuredClone(reply);
          setTimeout(() => worker.onmessage?.({ data } as MessageEvent<ExportWorkerReply>));
        }
      });
    },
    terminate() {
      worker.terminated = true;
    },
  };
  return worker;
}

/**
 * For tests: a worker that answers whatever it is sent with these messages,
 * each in a task of its own, as a real one does; it remembers whether it was
 * stopped.
 */
export function scriptedWorker<Message>(messages: readonly Message[]) {
  const worker = {
    terminated: false,
    onmessage: null as ((event: MessageEvent<Message>) => void) | null,
    onerror: null as ((event: ErrorEvent) => void) | null,
    postMessage() {
      messages.forEach((data, index) => setTimeout(() => worker.onmessage?.({ data } as MessageEvent<Message>), index));
    },
    terminate() {
      worker.terminated = true;
    },
  };
  return worker;
}

/**
 * For tests: the import worker in process (judgeFile, as the worker runs
 * it), each message delivered in a task of its own; it remembers whether it
 * was stopped.
 */
export function loopbackImportWorker() {
  const worker = {
    terminated: false,
    onmessage: null as ((event: MessageEvent<ImportMessage>) => void) | null,
    onerror: null as ((event: ErrorEvent) => void) | null,
    postMessage({ file }: ImportRequest) {
      void judgeFile(file).then((messages) =>
        messages.forEach((data, index) => setTimeout(() => worker.onmessage?.({ data } as MessageEvent<ImportMessage>), index)),
      );
    },
    terminate() {
      worker.terminated = true;
    },
  };
  return worker;
}
