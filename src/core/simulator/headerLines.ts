import type { Header } from '../fetch/headers.ts';

/** Header lines typed by hand ("Name: value", one a line), and the lines that are not one. */
export interface ParsedHeaderLines {
  readonly headers: Header[];
  /** One sentence per line left out, naming its number. */
  readonly problems: string[];
}

const MAX_LINES = 64;

/**
 * Reads "Name: value" lines as a server would send them: the name up to the
 * first colon, the value after it without surrounding spaces (kept as typed
 * otherwise, so a learner can try a value the browser refuses). Blank lines
 * are skipped; a line without a name, or past the 64th, is left out and named.
 */
export function parseHeaderLines(text: string): ParsedHeaderLines {
  const headers: Header[] = [];
  const problems: string[] = [];
  text.split(/\r?\n/).forEach((line, index) => {
    if (line.trim() === '') return;
    const colon = line.indexOf(':');
    const name = colon < 0 ? '' : line.slice(0, colon).trim();
    if (name === '' || /\s/.test(name)) problems.push(`Line ${index + 1} is not "Name: value".`);
    else if (headers.length >= MAX_LINES) problems.push(`Line ${index + 1} is past the ${MAX_LINES}th header.`);
    else headers.push({ name, value: line.slice(colon + 1).trim() });
  });
  return { headers, problems };
}

/** Each header as the line it is on the wire. */
export function headerLineTexts(headers: readonly Header[]): string[] {
  return headers.map((header) => `${header.name}: ${header.value}`);
}

/** A response as its status line and header lines. */
export function responseLineTexts(response: { readonly status: number; readonly statusText?: string; readonly headers: readonly Header[] }): string[] {
  return [`HTTP/1.1 ${response.status}${response.statusText ? ` ${response.statusText}` : ''}`, ...headerLineTexts(response.headers)];
}

export function formatHeaderLines(headers: readonly Header[]): string {
  return headerLineTexts(headers).join('\n');
}
