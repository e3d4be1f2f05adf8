// HAR files written as Chrome DevTools writes them, for the tests that read or import one.
import { pairEvents } from '../pairing/pairEvents.ts';
import { harRecordsPreflights, harToEvents } from './harToEvents.ts';
import { readHar } from './readHar.ts';
import type { Har } from './harSchema.ts';

export type Headers = { name: string; value: string }[];

export const PAGE = 'http://localhost:5173';
export const API = 'https://api.example.com/v1/items';
export const UA = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/143.0.0.0 Safari/537.36';

export function at(ms: number): string {
  return new Date(Date.UTC(2026, 0, 12, 21, 55, 5) + ms).toISOString();
}

/** One HAR entry, Chrome DevTools style; `extra` adds top-level fields (`_resourceType`, `_initiator`...). */
export function entry(
  request: { method: string; url: string; headers: Headers },
  response: { status: number; headers: Headers; redirectURL?: string; _error?: string | null },
  start: number,
  extra: Record<string, unknown> = {},
): Record<string, unknown> {
  return {
    startedDateTime: at(start),
    time: 40,
    request: { httpVersion: 'HTTP/1.1', queryString: [], cookies: [], headersSize: -1, bodySize: 0, ...request },
    response: {
      statusText: '',
      httpVersion: 'HTTP/1.1',
      cookies: [],
      content: { size: 0, mimeType: 'x-unknown' },
      redirectURL: '',
      headersSize: -1,
      bodySize: 0,
      _error: null,
      ...response,
    },
    cache: {},
    timings: { blocked: 1, dns: -1, ssl: -1, connect: -1, send: 1, wait: 30, receive: 8 },
    ...extra,
  };
}

/** A HAR file's text holding `entries`, written by `creator`, with `pages` (none by default). */
export function harText(entries: Record<string, unknown>[], creator = 'WebInspector', pages: Record<string, unknown>[] = []): string {
  return JSON.stringify({ log: { version: '1.2', creator: { name: creator, version: '537.36' }, pages, entries } });
}

export function harOf(entries: Record<string, unknown>[], creator = 'WebInspector', pages: Record<string, unknown>[] = []): Har {
  return readHar(harText(entries, creator, pages));
}

export function judge(har: Har) {
  return pairEvents(harToEvents(har), { preflightsRecorded: harRecordsPreflights(har) }).transactions;
}

/** The wire headers of a cross-origin JSON POST from PAGE (Host means it went out). */
export const postWire: Headers = [
  { name: 'Host', value: 'api.example.com' },
  { name: 'Origin', value: PAGE },
  { name: 'Content-Type', value: 'application/json' },
  { name: 'Sec-Fetch-Mode', value: 'cors' },
  { name: 'Sec-Fetch-Site', value: 'cross-site' },
  { name: 'User-Agent', value: UA },
];

/** Chrome's preflight entry for that POST, to be placed after it in the file. */
export function preflightEntry(
  start: number,
  response: { status: number; headers: Headers; _error?: string | null },
  wire = true,
  time = 40,
  requestId = '1234.56',
): Record<string, unknown> {
  const headers: Headers = [
    { name: 'Access-Control-Request-Headers', value: 'content-type' },
    { name: 'Access-Control-Request-Method', value: 'POST' },
    { name: 'Origin', value: PAGE },
    { name: 'Sec-Fetch-Mode', value: 'cors' },
    { name: 'User-Agent', value: UA },
    ...(wire ? [{ name: 'Host', value: 'api.example.com' }] : []),
  ];
  return entry({ method: 'OPTIONS', url: API, headers }, response, start, {
    _resourceType: 'preflight',
    _priority: 'High',
    _initiator: { type: 'preflight', url: API, requestId },
    time,
  });
}

export const preflightOk: Headers = [
  { name: 'Access-Control-Allow-Origin', value: PAGE },
  { name: 'Access-Control-Allow-Methods', value: 'POST' },
  { name: 'Access-Control-Allow-Headers', value: 'content-type' },
];
