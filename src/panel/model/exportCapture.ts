import { createTrace, detachedSession, type Trace } from '../../core/trace/trace.ts';
import { exportedFile, type ExportedFile, type ExportFormat } from '../../core/trace/exportFile.ts';
import type { ImportedCapture } from './importFile.ts';
import type { WorkerClient } from '../../platform/workerClient.ts';

export type { ExportedFile, ExportFormat };

/** What to export: the inspected tab's capture (from the worker), or a file imported beside it. */
export type ExportSource = { readonly kind: 'tab'; readonly client: Pick<WorkerClient, 'request'>; readonly tabId: number } | { readonly kind: 'imported'; readonly capture: ImportedCapture };

/**
 * A capture as a CORS Lens trace or a HAR file; secrets left out unless
 * asked for. A tab's file is written by the worker, off the panel's thread,
 * and fetched part by part (a full tab's trace, received and written here
 * in one piece, held the panel for about a second).
 */
export async function exportCapture(source: ExportSource, format: ExportFormat, includeSecrets: boolean, now: number): Promise<ExportedFile> {
  if (source.kind === 'imported') return exportedFile(importedTrace(source.capture, includeSecrets, now), format);
  const { id, parts, ...file } = await source.client.request('exportFile', { tabId: source.tabId, includeSecrets, format });
  const texts: string[] = [];
  for (let index = 0; index < parts; index++) texts.push((await source.client.request('exportPart', { id, index })).text);
  return { ...file, parts: texts };
}

/**
 * An imported file as a CORS Lens trace: its transactions as the engine
 * judged them, so a HAR from another tool comes out with its preflights
 * paired. Its secrets are left out like a live capture's.
 */
function importedTrace(capture: ImportedCapture, includeSecrets: boolean, now: number): Trace {
  return createTrace({
    session: detachedSession(pageOf(capture), capture.items.length),
    transactions: capture.items.map((item) => item.transaction),
    preflightCache: [],
    createdAt: now,
    ...(capture.browser ? { userAgent: capture.browser } : {}),
    includeSecrets,
  });
}

// The page the file was captured on, as far as its first request says.
function pageOf(capture: ImportedCapture): string | null {
  const origin = capture.items[0]?.transaction.request.initiatorOrigin;
  return origin && origin !== 'null' ? `${origin}/` : null;
}
