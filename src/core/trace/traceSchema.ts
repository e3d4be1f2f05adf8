import { z } from 'zod';

// The CORS Lens trace as a reader accepts it: this declaration is both the
// validator and the type (TraceFile). Only what re-explaining needs is
// checked field by field: the requests, their hops, preflights, headers and
// times. Verdicts in the file are never trusted (the engine judges again),
// so they pass unchecked, as does anything a later writer adds: a verdict
// of another shape (before 0.1's verdicts pointed into their hops by index,
// they held corsError, failedParameter and the responses again) changes no
// version, since no reader reads it.
// WARNING: a file format. A new version adds a schema to TRACE_FILE_SCHEMAS;
// every earlier one stays readable.

const header = z.object({ name: z.string(), value: z.string() });
const headers = z.array(header);
const time = z.number();

const response = z.looseObject({
  status: z.number().int(),
  statusText: z.string().optional(),
  headers,
  addressSpace: z.string().optional(),
});

const preflight = z.looseObject({
  id: z.string(),
  url: z.string(),
  startTime: time,
  endTime: time.optional(),
  requestHeaders: headers,
  response: response.optional(),
  responseTime: time.optional(),
  error: z.string().optional(),
});

const hop = z.looseObject({
  url: z.string(),
  method: z.string(),
  startTime: time,
  sentHeaders: headers.optional(),
  sentTime: time.optional(),
  response: response.optional(),
  responseTime: time.optional(),
  redirectTo: z.string().optional(),
  preflight: preflight.optional(),
});

const request = z.looseObject({
  url: z.string(),
  method: z.string(),
  headers,
  initiatorOrigin: z.string(),
  mode: z.string(),
  credentials: z.string(),
});

const transaction = z.looseObject({
  id: z.string(),
  request,
  evidence: z.looseObject({ headers: z.enum(['page', 'wire', 'preflight']).optional() }).optional(),
  context: z.looseObject({ tabId: z.number().optional(), frameId: z.number().optional() }).optional(),
  resourceType: z.string().optional(),
  startTime: time,
  endTime: time.optional(),
  state: z.enum(['in-flight', 'completed', 'failed']),
  error: z.string().optional(),
  sendingVisible: z.boolean().optional(),
  hops: z.array(hop).min(1),
  verdict: z.unknown(),
});

export const traceFileSchemaV1 = z.looseObject({
  format: z.literal('cors-lens-trace'),
  version: z.literal(1),
  createdAt: z.string(),
  creator: z.looseObject({ name: z.string(), version: z.string() }),
  browser: z.looseObject({ userAgent: z.string() }).nullable(),
  page: z.looseObject({ url: z.string().nullable() }),
  secrets: z.enum(['redacted', 'included']),
  redactedValues: z.number().int().nonnegative(),
  redactions: z.looseObject({ count: z.number(), headers: z.array(z.string()), queryParameters: z.array(z.string()) }).optional(),
  session: z.looseObject({ evicted: z.number(), truncatedValues: z.number(), leftOut: z.record(z.string(), z.number()) }),
  transactions: z.array(transaction),
  preflightCache: z.array(z.unknown()),
});

/** Every version a reader accepts, by version number. */
export const TRACE_FILE_SCHEMAS = { 1: traceFileSchemaV1 } as const;

export type TraceFile = z.infer<typeof traceFileSchemaV1>;
export type TraceFileTransaction = TraceFile['transactions'][number];
