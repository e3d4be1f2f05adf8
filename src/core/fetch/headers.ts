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

const HTTP_WHITESPACE = /^[ \t]+|[ \t]+$/g;

/** Strips leading and trailing HTTP whitespace (space, tab), as Chromium's HTTP parser does. */
export function trimHttpWhitespace(value: string): string {
  return value.replace(HTTP_WHITESPACE, '');
}

/** The values of every line named `name` (case-insensitive), trimmed, in order. */
export function headerValues(headers: HeaderList, name: string): string[] {
  const wanted = name.toLowerCase();
  const values: string[] = [];
  for (const header of headers) {
    if (header.name.toLowerCase() === wanted) values.push(trimHttpWhitespace(header.value));
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
  const values = headerValues(headers, name);
  return values.length === 0 ? null : values.join(', ');
}

export function hasHeader(headers: HeaderList, name: string): boolean {
  const wanted = name.toLowerCase();
  return headers.some((header) => header.name.toLowerCase() === wanted);
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

/**
 * Length in bytes as Chromium counts it for the 128- and 1024-byte limits.
 * Header values are byte strings: a character up to U+00FF is one byte (the
 * page could only set such values); anything wider must have come from a
 * UTF-8 decoded capture, so it is counted as its UTF-8 bytes.
 */
export function headerValueByteLength(value: string): number {
  let bytes = 0;
  for (let i = 0; i < value.length; i++) {
    const code = value.charCodeAt(i);
    if (code <= 0xff) bytes += 1;
    else if (code <= 0x7ff) bytes += 2;
    else if (code >= 0xd800 && code <= 0xdbff) {
      bytes += 4;
      i++;
    } else bytes += 3;
  }
  return bytes;
}
