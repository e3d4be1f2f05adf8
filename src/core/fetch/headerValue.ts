// A header value's text as Chromium reads it: HTTP whitespace trimmed, and its
// length counted in bytes for the safelist's limits.

/** Strips leading and trailing HTTP whitespace (space, tab), as Chromium's HTTP parser does. */
export function trimHttpWhitespace(value: string): string {
  let start = 0;
  let end = value.length;
  while (start < end && isHttpWhitespace(value.charCodeAt(start))) start++;
  while (end > start && isHttpWhitespace(value.charCodeAt(end - 1))) end--;
  return start === 0 && end === value.length ? value : value.slice(start, end);
}

function isHttpWhitespace(code: number): boolean {
  return code === 0x20 || code === 0x09;
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
