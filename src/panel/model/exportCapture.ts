import { describeRedactions } from '../../core/trace/redact.ts';
import { createTrace, detachedSession, type Trace } from '../../core/trace/trace.ts';
import type { ImportedCapture } from './importFile.ts';
import { traceToHar } from '../../core/trace/traceToHar.ts';
import type { WorkerClient } from '../../platform/workerClient.ts';

export type ExportFormat = 'trace' | 'har';

export interface ExportedFile {
  readonly fileName: string;
  readonly text: string;
  readonly mimeType: string;
  /** What was left out, in words ("2 secret values: the cookie header; the token query parameter"), or null. */
  readonly redacted: string | null;
}

/** What to export: the inspected tab's capture (from the worker), or a file imported beside it. */
export type ExportSource = { readonly kind: 'tab'; readonly client: Pick<WorkerClient, 'request'>; readonly tabId: number } | { readonly kind: 'imported'; readonly capture: ImportedCapture };

/** A capture as a CORS Lens trace or a HAR file; secrets left out unless asked for. */
export async function exportCapture(source: ExportSource, format: ExportFormat, includeSecrets: boolean, now: number): Promise<ExportedFile> {
  const trace = source.kind === 'tab' ? await source.client.request('exportTrace', { tabId: source.tabId, includeSecrets }) : importedTrace(source.capture, includeSecrets, now);
  return exportedFile(trace, format);
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

function exportedFile(trace: Trace, format: ExportFormat): ExportedFile {
  const stamp = trace.createdAt.replace(/[:.]/g, '-');
  const host = hostOf(trace.page.url);
  const redacted = describeRedactions(trace);
  if (format === 'trace') return { fileName: `cors-lens-${host}-${stamp}.trace.json`, text: `${JSON.stringify(trace, null, 2)}\n`, mimeType: 'application/json', redacted };
  const har = traceToHar({ pages: [{ url: trace.page.url, transactions: trace.transactions }], browser: browserOf(trace) });
  return { fileName: `cors-lens-${host}-${stamp}.har`, text: `${JSON.stringify(har, null, 2)}\n`, mimeType: 'application/json', redacted };
}

function hostOf(url: string | null): string {
  try {
    return url ? new URL(url).host.replace(/[^\w.-]/g, '_') : 'tab';
  } catch {
    return 'tab';
  }
}

function browserOf(trace: Trace): { name: string; version: string } {
  const version = /(?:Chrome|Chromium)\/([\d.]+)/.exec(trace.browser?.userAgent ?? '')?.[1];
  return { name: 'Chromium', version: version ?? 'unknown' };
}
