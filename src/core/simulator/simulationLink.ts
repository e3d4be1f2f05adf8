import { z } from 'zod';
import { describeIssue } from '../json/jsonText.ts';
import { MAX_CLOCK_SECONDS, MAX_SENDS, MAX_SIMULATED_HOPS, type Simulation } from './simulation.ts';

// A simulation travels in a link's fragment (`#simulation=...`), so anyone
// can write one: this schema is its validator and bounds every part of it.
// WARNING: shared links live on; a change here must still read old links
// (bump LINK_VERSION and keep reading the earlier shape).

const LINK_VERSION = 1;
const MAX_LINK_LENGTH = 64 * 1024;
const text = z.string().max(2048);
const header = z.object({ name: z.string().min(1).max(256), value: text });
const headers = z.array(header).max(64);
const status = z.number().int().min(100).max(999);
const seconds = z.number().int().min(0).max(MAX_CLOCK_SECONDS);

const allowOrigin = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('none') }),
  z.object({ kind: z.literal('any') }),
  z.object({ kind: z.literal('echo') }),
  z.object({ kind: z.literal('null') }),
  z.object({ kind: z.literal('list'), origins: z.array(text).max(32) }),
  z.object({ kind: z.literal('exact'), value: text }),
]);

const answer = z.object({ status, headers });

const server = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('policy'),
    allowOrigin,
    allowMethods: text,
    allowHeaders: text,
    exposeHeaders: text,
    allowCredentials: z.boolean(),
    maxAge: z.string().max(64),
    preflightStatus: status,
    responseStatus: status,
    redirect: z.object({ status, location: text }).nullable(),
  }),
  z.object({
    kind: z.literal('answers'),
    hops: z
      .array(z.object({ preflight: answer, response: answer }))
      .min(1)
      .max(MAX_SIMULATED_HOPS),
  }),
]);

export const SIMULATION_SCHEMA = z.object({
  request: z.object({
    pageOrigin: text,
    url: text,
    method: z.string().min(1).max(64),
    headers,
    body: z.enum(['none', 'text', 'url-search-params', 'form-data', 'json-blob']),
    mode: z.enum(['cors', 'no-cors', 'same-origin']),
    credentials: z.enum(['omit', 'same-origin', 'include']),
    redirect: z.enum(['follow', 'error', 'manual']),
  }),
  server,
  sends: z.array(seconds).max(MAX_SENDS),
  clock: seconds,
});

const LINK_SCHEMA = z.object({ version: z.literal(LINK_VERSION), simulation: SIMULATION_SCHEMA });

const PARAMETER = 'simulation';

/** The fragment (without "#") that reopens `simulation`. */
export function simulationFragment(simulation: Simulation): string {
  return `${PARAMETER}=${encodeURIComponent(JSON.stringify({ version: LINK_VERSION, simulation }))}`;
}

export type LinkReading =
  { readonly ok: true; readonly simulation: Simulation } | { readonly ok: false; readonly error: string } | { readonly ok: false; readonly error: null };

/**
 * The simulation a link's fragment holds: `error: null` when it holds none,
 * a sentence naming what is wrong when it holds a broken one. Never throws.
 */
export function readSimulationFragment(fragment: string): LinkReading {
  const raw = fragment.startsWith('#') ? fragment.slice(1) : fragment;
  if (!raw.startsWith(`${PARAMETER}=`)) return { ok: false, error: null };
  const encoded = raw.slice(PARAMETER.length + 1);
  if (encoded.length > MAX_LINK_LENGTH)
    return { ok: false, error: `The link's simulation is ${encoded.length} characters long; at most ${MAX_LINK_LENGTH} are read.` };
  let value: unknown;
  try {
    value = JSON.parse(decodeURIComponent(encoded));
  } catch {
    return { ok: false, error: "The link's simulation is not valid JSON (was the link cut short?)." };
  }
  const parsed = LINK_SCHEMA.safeParse(value);
  if (!parsed.success) return { ok: false, error: `The link's simulation is not one CORS Lens can open: ${describeIssue(parsed.error.issues[0])}.` };
  return { ok: true, simulation: parsed.data.simulation };
}
