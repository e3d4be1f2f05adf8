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
  .custom<Header[]>((value) => Array.isArray(value), { error: 'Invalid input: expected array of headers' })
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

export const harEntrySchema = z.looseObject({
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

// A 100 MB HAR holds tens of thousands of entries, and z.looseObject copies
// each one (and its request, response and timings). An entry the quick check
// below vouches for is kept as it is; any other goes through harEntrySchema, which
// accepts it or names the field at fault. The quick check accepts nothing
// harEntrySchema would refuse (a property test holds it to that).
const entries = z
  .custom<HarEntry[]>((value) => Array.isArray(value), { error: (issue) => `Invalid input: expected array, received ${typeName(issue.input)}` })
  .superRefine((list, context) => {
    for (let index = 0; index < list.length; index++) {
      if (isWellFormedEntry(list[index])) continue;
      const checked = harEntrySchema.safeParse(list[index]);
      if (checked.success) continue;
      for (const issue of checked.error.issues) context.addIssue({ ...issue, code: 'custom', path: [index, ...issue.path] });
      return;
    }
  });

const page = z.looseObject({ id: z.string(), title: z.string().nullable().optional() });

export const harSchema = z.looseObject({
  log: z.looseObject({
    version: z.string(),
    creator: z.looseObject({ name: z.string(), version: z.string().optional() }).optional(),
    browser: z.looseObject({ name: z.string(), version: z.string().optional() }).optional(),
    pages: z.array(page).optional(),
    entries,
  }),
});

export type Har = z.infer<typeof harSchema>;
export type HarEntry = z.infer<typeof harEntrySchema>;
export type HarHeader = Header;

type Fields = Readonly<Record<string, unknown>>;

const isFields = (value: unknown): value is Fields => typeof value === 'object' && value !== null && !Array.isArray(value);
const isString = (value: unknown): boolean => typeof value === 'string';
const isOptional = (value: unknown, check: (value: unknown) => boolean): boolean => value === undefined || check(value);
const isNullish = (value: unknown, check: (value: unknown) => boolean): boolean => value === undefined || value === null || check(value);
const isFiniteNumber = (value: unknown): boolean => typeof value === 'number' && Number.isFinite(value);

function isHeaderList(value: unknown): boolean {
  if (!Array.isArray(value)) return false;
  for (const line of value as unknown[]) {
    if (!isFields(line) || typeof line.name !== 'string' || typeof line.value !== 'string') return false;
  }
  return true;
}

const TIMING_FIELDS = ['blocked', 'dns', 'connect', 'ssl', 'send', 'wait', 'receive'] as const;
const HEADER_SOURCES: readonly unknown[] = ['wire', 'page', 'none'];

function isWellFormedCorsLensFacts(facts: Fields): boolean {
  const security = facts.initiatorSecurity;
  return (
    isOptional(facts.sent, (value) => typeof value === 'boolean') &&
    isOptional(facts.headers, (value) => HEADER_SOURCES.includes(value)) &&
    isOptional(facts.initiatorOrigin, isString) &&
    isOptional(facts.serverAddressSpace, isString) &&
    (security === undefined ||
      (isFields(security) &&
        typeof security.isSecureContext === 'boolean' &&
        typeof security.addressSpace === 'string' &&
        isOptional(security.policy, isString)))
  );
}

/** Whether harEntrySchema certainly accepts this value: the fields the engine reads have the types it declares. */
export function isWellFormedEntry(value: unknown): boolean {
  if (!isFields(value)) return false;
  const { request, response, timings, _corsLens: facts } = value;
  if (typeof value.startedDateTime !== 'string' || !isNullish(value.time, isFiniteNumber)) return false;
  if (!isFields(request) || typeof request.method !== 'string' || typeof request.url !== 'string' || !isHeaderList(request.headers)) return false;
  if (!isFields(response) || !isFiniteNumber(response.status) || !isHeaderList(response.headers)) return false;
  if (!isNullish(response.statusText, isString) || !isNullish(response.redirectURL, isString) || !isNullish(response._error, isString)) return false;
  if (timings !== undefined && !(isFields(timings) && TIMING_FIELDS.every((field) => isNullish(timings[field], isFiniteNumber)))) return false;
  if (!isNullish(value.pageref, isString) || !isNullish(value.serverIPAddress, isString) || !isOptional(value._resourceType, isString)) return false;
  return facts === undefined || (isFields(facts) && isWellFormedCorsLensFacts(facts));
}
