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

function describeJsonError(text: string, error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  if (text.trim() === '') return 'not JSON: the file is empty';
  if (/end of JSON input|Unterminated|Expected .* after/i.test(message) && !/position \d+/.test(message)) {
    return 'not JSON: the file ends before the JSON does (is it truncated?)';
  }
  const position = /position (\d+)/.exec(message);
  if (position) {
    const offset = Number(position[1]);
    if (offset >= text.length - 1) return 'not JSON: the file ends before the JSON does (is it truncated?)';
    const before = text.slice(0, offset);
    const line = before.split('\n').length;
    const column = offset - before.lastIndexOf('\n');
    return `not JSON: unexpected ${JSON.stringify(text.slice(offset, offset + 1))} at line ${line}, column ${column}`;
  }
  return `not JSON: ${message.split('\n')[0]}`;
}

function describeIssue(issue: z.core.$ZodIssue | undefined): string {
  if (!issue) return 'unknown problem';
  const path = issue.path.reduce<string>((text, key) => (typeof key === 'number' ? `${text}[${key}]` : text ? `${text}.${String(key)}` : String(key)), '');
  return `${path || 'the top level'}: ${issue.message}`;
}
