import { describeIssue, parseJsonTextAs } from '../json/jsonText.ts';
import { harSchema, type Har } from './harSchema.ts';
import { skimHarText } from './skimHarText.ts';

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
  return validateHar(parseJsonTextAs(text, (message) => new HarReadError(message), skimHarText));
}

/** Validates parsed JSON as a HAR (see readHar). */
export function validateHar(json: unknown): Har {
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
