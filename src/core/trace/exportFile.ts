import { describeRedactions } from './redact.ts';
import type { Trace } from './trace.ts';
import { traceToHar } from './traceToHar.ts';

export type ExportFormat = 'trace' | 'har';

/** A capture written as a file: a CORS Lens trace or a HAR. */
export interface ExportedFile {
  readonly fileName: string;
  /** The file's text in the parts it travels in (exportPart): joined, they are the file. */
  readonly parts: readonly string[];
  readonly mimeType: string;
  /** What was left out, in words ("2 secret values: the cookie header; the token query parameter"), or null. */
  readonly redacted: string | null;
}

/**
 * Characters per part. A full tab's HAR is some 50 MB of text: in parts,
 * every message between the worker and the panel stays a few megabytes,
 * far under the 64 MiB a runtime port carries, and the panel's thread
 * reads each in milliseconds.
 */
export const EXPORT_PART_CHARACTERS = 4 * 1024 * 1024;

/** The trace as a file of the format asked for, named after its page and date. */
export function exportedFile(trace: Trace, format: ExportFormat): ExportedFile {
  const stamp = trace.createdAt.replace(/[:.]/g, '-');
  const host = hostOf(trace.page.url);
  const redacted = describeRedactions(trace);
  if (format === 'trace')
    return {
      fileName: `cors-lens-${host}-${stamp}.trace.json`,
      parts: textParts(`${JSON.stringify(trace, null, 2)}\n`),
      mimeType: 'application/json',
      redacted,
    };
  const har = traceToHar({ pages: [{ url: trace.page.url, transactions: trace.transactions }], browser: browserOf(trace) });
  return { fileName: `cors-lens-${host}-${stamp}.har`, parts: textParts(`${JSON.stringify(har, null, 2)}\n`), mimeType: 'application/json', redacted };
}

/**
 * The text cut into parts of at most `size` characters, never between the
 * two halves of a surrogate pair: a Blob encodes each part on its own, and
 * half a pair would become U+FFFD.
 */
export function textParts(text: string, size = EXPORT_PART_CHARACTERS): string[] {
  const parts: string[] = [];
  let start = 0;
  while (start < text.length) {
    let end = Math.min(text.length, start + size);
    const last = text.charCodeAt(end - 1);
    if (end < text.length && end - start > 1 && last >= 0xd800 && last <= 0xdbff) end--;
    parts.push(text.slice(start, end));
    start = end;
  }
  return parts.length > 0 ? parts : [''];
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
