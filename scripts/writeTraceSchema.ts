// `npm run schema`: writes the JSON Schema of the CORS Lens trace, generated
// from its one declaration (src/core/trace/traceSchema.ts), for other tools
// to validate traces with. A unit test fails when the file is out of date.
import { writeFile } from 'node:fs/promises';
import { TRACE_SCHEMA_FILE, traceJsonSchemaText } from '../src/core/trace/traceJsonSchema.ts';

await writeFile(TRACE_SCHEMA_FILE, traceJsonSchemaText());
console.log(`wrote ${TRACE_SCHEMA_FILE}`);
