import { trimHttpWhitespace } from './headerValue.ts';
import { isHttpToken } from './httpToken.ts';

/**
 * A parsed Access-Control-Allow-Methods, -Allow-Headers or -Expose-Headers
 * value: `valid` is false when some item is not a token, and `invalidItem`
 * names the first such item (for the explanation; Chromium reports no
 * parameter for it).
 */
export interface ParsedHeaderValueList {
  readonly valid: boolean;
  readonly items: readonly string[];
  readonly invalidItem?: string;
}

/**
 * Splits a comma-separated header value the way Chromium reads the
 * Access-Control-Allow-* lists (preflight_result.cc ParseAccessControlAllowList,
 * net::HttpUtil::ValuesIterator): split on commas, trim spaces and tabs,
 * drop empty items, and require every remaining item to be a token, so `*`
 * is an item and `"PUT"` or `X Custom` make the whole header invalid. An
 * absent header is a valid empty list. `lowerCase` is for header names.
 */
export function parseHeaderValueList(value: string | null, options: { lowerCase?: boolean } = {}): ParsedHeaderValueList {
  if (value === null) return { valid: true, items: [] };
  const items: string[] = [];
  for (const raw of value.includes('"') ? splitOutsideQuotes(value) : value.split(',')) {
    const item = trimHttpWhitespace(raw);
    if (item === '') continue;
    if (!isHttpToken(item)) return { valid: false, items: [], invalidItem: item };
    items.push(options.lowerCase ? item.toLowerCase() : item);
  }
  return { valid: true, items };
}

/** The inverse of parsing for a list of tokens: what a server would send. */
export function serializeHeaderValueList(items: readonly string[]): string {
  return items.join(', ');
}

// ValuesIterator treats a double-quoted string as one value, so a comma inside
// quotes does not split it (the quoted item then fails the token rule).
function splitOutsideQuotes(value: string): string[] {
  const parts: string[] = [];
  let current = '';
  let quoted = false;
  for (const char of value) {
    if (char === '"') quoted = !quoted;
    if (char === ',' && !quoted) {
      parts.push(current);
      current = '';
    } else current += char;
  }
  parts.push(current);
  return parts;
}
