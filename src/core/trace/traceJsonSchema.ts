import { z } from 'zod';
import { traceFileSchemaV1 } from './traceSchema.ts';

/** Where the generated JSON Schema lives, from the project root. */
export const TRACE_SCHEMA_FILE = 'schema/cors-lens-trace.v1.schema.json';

/** The JSON Schema of trace version 1, as written to TRACE_SCHEMA_FILE. */
export function traceJsonSchemaText(): string {
  const schema = z.toJSONSchema(traceFileSchemaV1, { target: 'draft-2020-12', io: 'input' });
  return `${JSON.stringify({ ...schema, title: 'CORS Lens trace, version 1' }, null, 2)}\n`;
}
