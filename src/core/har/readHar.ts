import { parse as scanJson, printParseErrorCode, type ParseError } from 'jsonc-parser';
import type { z } from 'zod';
import { harSchema, type Har } from './harSchema.ts';

/** Why a file could not be read as a HAR: one line, naming the place at fault. */
export class HarReadError extends Error {
  override readonly name = 'HarReadError';
}

const SUPPORTED_VERSIONS = ['1.1', '1.2'];

/**
 * Parses and validates the text of a HAR file. Throws a HarReadError whose
 * message names the problem and where it is (a line and column for bad JSON,
 * a field path such as `log.entries[3].request.url` for a bad HAR).
 */
export function readHar(text: string): Har {
  const json = parseJson(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  if (json === null || typeof json !== 'object' || Array.isArray(json) || !('log' in json)) {
    throw new HarReadError('not a HAR file: the JSON has no "log" object at the top level');
  }
  const version = (json as { log?: { version?: unknown } }).log?.version;
  if (typeof version === 'string' && !SUPPORTED_VERSIONS.includes(version)) {
    throw new HarReadError(`HAR version ${JSON.stringify(version.slice(0, 20))} is not supported (supported: ${SUPPORTED_VERSIONS.join(', ')})`);
  }
  const parsed = harSchema.safeParse(json);
  if (!parsed.success) throw new HarReadError(`not a valid HAR: ${describeIssue(parsed.error.issues[0])}`);
  return parsed.data;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new HarReadError(describeJsonError(text, error));
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
  const cutToken = first.offset + first.length >= end && (/^-?\d*\.?\d*(?:[eE][+-]?\d*)?$/.test(token) || ['true', 'false', 'null'].some((word) => word.startsWith(token)));
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

function describeIssue(issue: z.core.$ZodIssue | undefined): string {
  if (!issue) return 'unknown problem';
  const path = issue.path.reduce<string>((text, key) => (typeof key === 'number' ? `${text}[${key}]` : text ? `${text}.${String(key)}` : String(key)), '');
  return `${path || 'the top level'}: ${issue.message}`;
}
