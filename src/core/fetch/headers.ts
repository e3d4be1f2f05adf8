import { trimHttpWhitespace } from './headerValue.ts';

/**
 * Header lists as they travel through the engine: one entry per header line,
 * in wire order, names in whatever case the source used. HAR, CDP and
 * webRequest all reduce to this shape.
 */
export interface Header {
  readonly name: string;
  readonly value: string;
}

export type HeaderList = readonly Header[];

/**
 * The name with ASCII A-Z lower-cased, as header names compare (byte-case-
 * insensitively: no other character folds, so the Kelvin sign is no "k").
 * A name already in lower case (every HTTP/2 and HTTP/3 name) is returned as is.
 */
export function lowerCaseHeaderName(name: string): string {
  return asciiLowerCase(name);
}

function asciiLowerCase(text: string): string {
  let ascii = true;
  let upper = false;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code >= 0x41 && code <= 0x5a) upper = true;
    else if (code > 0x7f) ascii = false;
  }
  if (!upper) return text;
  // toLowerCase folds more than A-Z beyond ASCII (the Kelvin sign): only an ASCII name may take it.
  return ascii ? text.toLowerCase() : text.replace(/[A-Z]+/g, (letters) => letters.toLowerCase());
}

/** ASCII case-insensitive equality of a header name with a lower-case one, without allocating. */
export function isHeaderName(name: string, lowerCaseName: string): boolean {
  if (name.length !== lowerCaseName.length) return false;
  // HTTP/2 and HTTP/3 names are lower-case already: one string comparison.
  if (name === lowerCaseName) return true;
  // Names of one length share their start more than their end
  // (access-control-allow-methods, -allow-headers): compared from the end.
  for (let i = name.length - 1; i >= 0; i--) {
    let code = name.charCodeAt(i);
    if (code >= 0x41 && code <= 0x5a) code += 0x20;
    if (code !== lowerCaseName.charCodeAt(i)) return false;
  }
  return true;
}

/** The values of every line named `name` (case-insensitive), trimmed, in order. */
export function headerValues(headers: HeaderList, name: string): string[] {
  const wanted = lowerCaseHeaderName(name);
  const values: string[] = [];
  for (let index = 0; index < headers.length; index++) {
    const header = headers[index] as Header;
    if (isHeaderName(header.name, wanted)) values.push(trimHttpWhitespace(header.value));
  }
  return values;
}

/**
 * The combined value of a header, or null when absent: several lines are
 * joined with ", ", which is how Chromium reads a response header before any
 * CORS check (net::HttpResponseHeaders::GetNormalizedHeader). So two
 * `Access-Control-Allow-Origin` lines become one value with a comma in it.
 */
export function getHeader(headers: HeaderList, name: string): string | null {
  const wanted = lowerCaseHeaderName(name);
  const { length } = wanted;
  let combined: string | null = null;
  // Header lists are read with indexed loops: for...of allocated an iterator
  // result per line wherever V8 did not optimise it away (seen in heap
  // profiles of a 100 MB HAR import).
  for (let index = 0; index < headers.length; index++) {
    const header = headers[index] as Header;
    // Most lines differ in length: compared before any character is.
    if (header.name.length !== length || !isHeaderName(header.name, wanted)) continue;
    const value = trimHttpWhitespace(header.value);
    combined = combined === null ? value : `${combined}, ${value}`;
  }
  return combined;
}

/**
 * getHeader for several names in one pass over the list (a header list is
 * read where it lies in memory, so one pass costs about what one name does):
 * the combined value of each name, in the order asked, null when absent.
 * The names are given in lower case, as a constant: nothing is allocated but
 * the answer.
 */
export function getHeaders<const Names extends readonly Lowercase<string>[]>(
  headers: HeaderList,
  lowerCaseNames: Names,
): { -readonly [Index in keyof Names]: string | null } {
  const values: (string | null)[] = new Array<string | null>(lowerCaseNames.length).fill(null);
  for (let line = 0; line < headers.length; line++) {
    const header = headers[line] as Header;
    const { length } = header.name;
    for (let index = 0; index < lowerCaseNames.length; index++) {
      const name = lowerCaseNames[index] as string;
      if (name.length !== length || !isHeaderName(header.name, name)) continue;
      const value = trimHttpWhitespace(header.value);
      const before = values[index] ?? null;
      values[index] = before === null ? value : `${before}, ${value}`;
    }
  }
  return values as { -readonly [Index in keyof Names]: string | null };
}

export function hasHeader(headers: HeaderList, name: string): boolean {
  const wanted = lowerCaseHeaderName(name);
  return headers.some((header) => isHeaderName(header.name, wanted));
}

/** Splits a header object whose repeated lines are joined by "\n" (CDP's shape). */
export function headerListFromObject(object: Readonly<Record<string, unknown>> | undefined): Header[] {
  const headers: Header[] = [];
  if (!object) return headers;
  for (const [name, raw] of Object.entries(object)) {
    const text = typeof raw === 'string' ? raw : String(raw);
    for (const value of text.split('\n')) headers.push({ name, value });
  }
  return headers;
}
