import { z } from 'zod';

// HAR 1.2 as browsers and tools really write it: the fields the engine reads
// are checked, everything else passes through. Firefox leaves `timings` and
// `content` empty on blocked requests, Playwright writes -1 for times, and
// Chrome adds underscore fields; none of that is an error.

const header = z.object({ name: z.string(), value: z.string() });

const request = z.looseObject({
  method: z.string(),
  url: z.string(),
  headers: z.array(header),
});

const response = z.looseObject({
  status: z.number(),
  statusText: z.string().nullable().optional(),
  headers: z.array(header),
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
export type HarHeader = z.infer<typeof header>;
