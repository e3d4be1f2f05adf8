import { z } from 'zod';

// HAR 1.2 as browsers and tools really write it: the fields the engine reads
// are checked, everything else passes through. Firefox leaves `timings` and
// `content` empty on blocked requests, Playwright writes -1 for times, and
// Chrome adds underscore fields; none of that is an error.

interface Header {
  name: string;
  value: string;
}

// A 100 MB HAR holds about a million header lines: they are checked in one
// loop, as they are, instead of copied one object at a time by
// z.array(z.object(...)); a bad one is still named by its index and field.
const headers = z
  .custom<Header[]>((value) => Array.isArray(value), { message: 'Invalid input: expected array of headers' })
  .superRefine((lines, context) => {
    for (let index = 0; index < lines.length; index++) {
      const line: unknown = lines[index];
      if (typeof line !== 'object' || line === null) {
        context.addIssue({ code: 'custom', message: `Invalid input: expected a header object, received ${typeName(line)}`, path: [index] });
        return;
      }
      for (const field of ['name', 'value'] as const) {
        const text = (line as Record<string, unknown>)[field];
        if (typeof text !== 'string') {
          context.addIssue({ code: 'custom', message: `Invalid input: expected string, received ${typeName(text)}`, path: [index, field] });
          return;
        }
      }
    }
  });

function typeName(value: unknown): string {
  return value === null ? 'null' : Array.isArray(value) ? 'array' : typeof value;
}

const request = z.looseObject({
  method: z.string(),
  url: z.string(),
  headers,
});

const response = z.looseObject({
  status: z.number(),
  statusText: z.string().nullable().optional(),
  headers,
  redirectURL: z.string().nullable().optional(),
  /** Chrome: the net error of a failed request, or null. */
  _error: z.string().nullable().optional(),
});

const timings = z.looseObject({
  blocked: z.number().nullable().optional(),
  dns: z.number().nullable().optional(),
  connect: z.number().nullable().optional(),
  ssl: z.number().nullable().optional(),
  send: z.number().nullable().optional(),
  wait: z.number().nullable().optional(),
  receive: z.number().nullable().optional(),
});

/**
 * CORS Lens: facts the capture knew that HAR has no field for. Whether the
 * request went out (a blocked request looks the same either way in HAR);
 * whether its headers are the wire's (HTTP/1 wire headers hold Host, but
 * webRequest's never do), the page's, or none the capture saw (a request
 * that never went out, seen through webRequest); the origin of the page or frame that made it; its
 * security context and the server's address space (Local Network Access).
 */
const corsLensFacts = z.looseObject({
  sent: z.boolean().optional(),
  headers: z.enum(['wire', 'page', 'none']).optional(),
  initiatorOrigin: z.string().optional(),
  initiatorSecurity: z.looseObject({ isSecureContext: z.boolean(), addressSpace: z.string(), policy: z.string().optional() }).optional(),
  serverAddressSpace: z.string().optional(),
});

export type CorsLensEntryFacts = z.infer<typeof corsLensFacts>;

const entry = z.looseObject({
  startedDateTime: z.string(),
  time: z.number().nullable().optional(),
  request,
  response,
  timings: timings.optional(),
  pageref: z.string().nullable().optional(),
  serverIPAddress: z.string().nullable().optional(),
  _resourceType: z.string().optional(),
  /** Chrome: an object ({type, url, requestId}); WebPageTest: a URL string. */
  _initiator: z.unknown().optional(),
  _corsLens: corsLensFacts.optional(),
});

const page = z.looseObject({ id: z.string(), title: z.string().nullable().optional() });

export const harSchema = z.looseObject({
  log: z.looseObject({
    version: z.string(),
    creator: z.looseObject({ name: z.string(), version: z.string().optional() }).optional(),
    browser: z.looseObject({ name: z.string(), version: z.string().optional() }).optional(),
    pages: z.array(page).optional(),
    entries: z.array(entry),
  }),
});

export type Har = z.infer<typeof harSchema>;
export type HarEntry = Har['log']['entries'][number];
export type HarHeader = Header;
