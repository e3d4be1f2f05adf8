import { describeRedactions } from '../../core/trace/redact.ts';
import type { Trace } from '../../core/trace/trace.ts';
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

/** The tab's capture from the worker, as a CORS Lens trace or a HAR file; secrets left out unless asked for. */
export async function exportCapture(client: Pick<WorkerClient, 'request'>, tabId: number, format: ExportFormat, includeSecrets: boolean): Promise<ExportedFile> {
  const trace = await client.request('exportTrace', { tabId, includeSecrets });
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
