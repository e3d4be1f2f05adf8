import { parse as scanJson, printParseErrorCode, type ParseError } from 'jsonc-parser';
import type { z } from 'zod';

/** Text that is not JSON: the message says where (a line and column) or that the file ends early. */
export class JsonTextError extends Error {
  override readonly name = 'JsonTextError';
}

/**
 * JSON.parse, with a byte-order mark allowed and an error that says where the
 * text is at fault. `skim` may first empty values the caller never reads
 * (skimHarText): it must keep valid text valid and invalid text invalid. A
 * skimmed text that fails is parsed again as it was, so the error names a
 * place in the file itself.
 */
export function parseJsonText(raw: string, skim?: (text: string) => string): unknown {
  const text = raw.charCodeAt(0) === 0xfeff ? raw.slice(1) : raw;
  const skimmed = skim ? skim(text) : text;
  if (skimmed !== text) {
    try {
      return JSON.parse(skimmed);
    } catch {
      // Located below, in the text as it was.
    }
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new JsonTextError(describeJsonError(text, error));
  }
}

/** parseJsonText, with bad JSON reported as the caller's own kind of error (the HAR reader's, the trace reader's). */
export function parseJsonTextAs(raw: string, readError: (message: string) => Error, skim?: (text: string) => string): unknown {
  try {
    return parseJsonText(raw, skim);
  } catch (error) {
    throw error instanceof JsonTextError ? readError(error.message) : error;
  }
}

// JSON.parse's messages vary with the V8 version and often give no position,
// so the first syntax error is located by a strict JSON scanner instead (run
// only once JSON.parse has failed).
function describeJsonError(text: string, error: unknown): string {
  if (text.trim() === '') return 'not JSON: the file is empty';
  const errors: ParseError[] = [];
  scanJson(text, errors, { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false });
  const first = errors[0];
  if (!first) return `not JSON: ${(error instanceof Error ? error.message : String(error)).split('\n')[0] ?? ''}`;
  const code = printParseErrorCode(first.error);
  const end = text.trimEnd().length;
  // A token cut by the end of the file ("-", "1e", "tru") is truncation too.
  const token = text.slice(first.offset, end);
  const cutToken =
    first.offset + first.length >= end && (/^-?\d*\.?\d*(?:[eE][+-]?\d*)?$/.test(token) || ['true', 'false', 'null'].some((word) => word.startsWith(token)));
  const endsEarly = code.startsWith('UnexpectedEndOf') || first.offset >= end || cutToken;
  if (endsEarly) return 'not JSON: the file ends before the JSON does (is it truncated?)';
  const before = text.slice(0, first.offset);
  const line = before.split('\n').length;
  const column = first.offset - before.lastIndexOf('\n');
  const found = JSON.stringify(text.slice(first.offset, first.offset + Math.max(1, Math.min(first.length, 20))));
  return `not JSON: ${describeCode(code)} at line ${line}, column ${column} (found ${found})`;
}

function describeCode(code: string): string {
  return code.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
}

/** A schema issue as one line: the field path (`log.entries[3].request.url`) and the problem. */
export function describeIssue(issue: z.core.$ZodIssue | undefined): string {
  if (!issue) return 'unknown problem';
  const path = issue.path.reduce<string>((text, key) => (typeof key === 'number' ? `${text}[${key}]` : text ? `${text}.${String(key)}` : String(key)), '');
  return `${path || 'the top level'}: ${issue.message}`;
}
