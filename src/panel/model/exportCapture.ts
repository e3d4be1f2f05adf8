import type { ExportedFile, ExportFormat } from '../../core/trace/exportFile.ts';
import { exportImported } from './exportImported.ts';
import type { ImportedFile } from './importFile.ts';
import type { WorkerClient } from '../../platform/workerClient.ts';

export type { ExportedFile, ExportFormat };

/** What to export: the inspected tab's capture (from the worker), or a file imported beside it. */
export type ExportSource =
  | { readonly kind: 'tab'; readonly client: Pick<WorkerClient, 'request'>; readonly tabId: number }
  | { readonly kind: 'imported'; readonly capture: ImportedFile; readonly startWorker: () => Worker };

/**
 * A capture as a CORS Lens trace or a HAR file; secrets left out unless
 * asked for. Either is written off the panel's thread: a tab's by the
 * service worker, fetched part by part (a full tab's trace, received and
 * written here in one piece, held the panel for about a second); an
 * imported file's by a worker of the panel (exportImported).
 */
export async function exportCapture(source: ExportSource, format: ExportFormat, includeSecrets: boolean, now: number): Promise<ExportedFile> {
  if (source.kind === 'imported') return exportImported(source.capture, format, includeSecrets, now, source.startWorker);
  const { id, parts, ...file } = await source.client.request('exportFile', { tabId: source.tabId, includeSecrets, format });
  const texts: string[] = [];
  for (let index = 0; index < parts; index++) texts.push((await source.client.request('exportPart', { id, index })).text);
  return { ...file, parts: texts };
}
