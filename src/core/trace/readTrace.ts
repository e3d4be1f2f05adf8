import { describeIssue, parseJsonTextAs } from '../json/jsonText.ts';
import { TRACE_FORMAT } from './trace.ts';
import { TRACE_FILE_SCHEMAS, type TraceFile } from './traceSchema.ts';

/** Why a file could not be read as a CORS Lens trace: one line, naming the place at fault. */
export class TraceReadError extends Error {
  override readonly name = 'TraceReadError';
}

/** Whether parsed JSON claims to be a CORS Lens trace (then readTrace, not the HAR reader, says what is wrong with it). */
export function isTraceJson(json: unknown): boolean {
  return json !== null && typeof json === 'object' && (json as { format?: unknown }).format === TRACE_FORMAT;
}

/**
 * Parses and validates a CORS Lens trace of any supported version. Throws a
 * TraceReadError naming the problem and where (a line and column for bad
 * JSON, a field path such as `transactions[3].hops[0].url`).
 */
export function readTrace(text: string): TraceFile {
  return validateTrace(parseJsonTextAs(text, (message) => new TraceReadError(message)));
}

export function validateTrace(json: unknown): TraceFile {
  if (!isTraceJson(json)) throw new TraceReadError(`not a CORS Lens trace: "format" is not "${TRACE_FORMAT}"`);
  const version = (json as { version?: unknown }).version;
  const schema = typeof version === 'number' ? TRACE_FILE_SCHEMAS[version as keyof typeof TRACE_FILE_SCHEMAS] : undefined;
  if (!schema) {
    throw new TraceReadError(
      `trace version ${JSON.stringify(version)} is not supported (supported: ${Object.keys(TRACE_FILE_SCHEMAS).join(', ')}; a newer CORS Lens may read it)`,
    );
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) throw new TraceReadError(`not a valid CORS Lens trace: ${describeIssue(parsed.error.issues[0])}`);
  return parsed.data;
}
