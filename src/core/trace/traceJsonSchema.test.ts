import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { TRACE_SCHEMA_FILE, traceJsonSchemaText } from './traceJsonSchema.ts';

describe('the trace JSON Schema file', () => {
  it('is the one generated from the trace declaration (run `npm run schema` after changing it)', () => {
    const committed = readFileSync(fileURLToPath(new URL(`../../../${TRACE_SCHEMA_FILE}`, import.meta.url)), 'utf8');
    expect(committed).toBe(traceJsonSchemaText());
    const schema = JSON.parse(committed) as { required: string[]; properties: Record<string, unknown> };
    expect(schema.required).toEqual(expect.arrayContaining(['format', 'version', 'transactions']));
  });
});
