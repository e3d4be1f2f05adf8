// The 100 MB HAR files the benchmarks import (import.bench.ts, panelScale.bench.ts).
import type { Entry, Har } from 'har-format';
import { pairEvents } from '../src/core/pairing/pairEvents.ts';
import { traceToHar } from '../src/core/trace/traceToHar.ts';
import { generateEvents } from './events.ts';
import { mulberry32 } from './prng.ts';

const TARGET_BYTES = 100 * 1024 * 1024;

type Transactions = ReturnType<typeof pairEvents>['transactions'];

/**
 * Generated captures written as CORS Lens writes HAR, pages appended until
 * the file reaches 100 MB (the last one cut to fit); indented as Chrome
 * DevTools indents its exports (two spaces: 42% to 45% of the bytes of the
 * fixtures' exports of API-heavy pages), or not at all.
 */
export function hundredMegabytes(decorate: (har: Har, seed: number) => Har, indent: 2 | undefined): string {
  const pages: { url: string; transactions: Transactions }[] = [];
  let bytes = 0;
  for (let seed = 1; bytes < TARGET_BYTES; seed++) {
    const page = { url: `https://app${seed}.example.com/`, transactions: pairEvents(generateEvents(seed === 1 ? 5_000 : 20_000, seed).events).transactions };
    const pageBytes = JSON.stringify(decorate(traceToHar({ pages: [page] }), seed), null, indent).length;
    const room = TARGET_BYTES - bytes;
    if (pageBytes > room) page.transactions = page.transactions.slice(0, Math.ceil((page.transactions.length * room) / pageBytes));
    pages.push(page);
    bytes += Math.min(pageBytes, room);
  }
  return JSON.stringify(decorate(traceToHar({ pages, browser: { name: 'Chromium', version: '156.0.0.0' } }), 0), null, indent);
}

// What Chrome DevTools adds to an entry that CORS Lens's own HAR leaves out
// (generated, shaped after the fixtures): the initiating script's stack, the
// connection, and the headers every browser request and response carries.
const REQUEST_EXTRAS = [
  'accept-encoding: gzip, deflate, br, zstd',
  'accept-language: en-US,en;q=0.9',
  'priority: u=1, i',
  'sec-ch-ua: "Chromium";v="156", "Not.A/Brand";v="99"',
  'sec-ch-ua-mobile: ?0',
  'sec-ch-ua-platform: "Linux"',
  'sec-fetch-dest: empty',
  'sec-fetch-site: cross-site',
  'user-agent: Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0.0.0 Safari/537.36',
  'referer: https://app.example.com/dashboard',
];
const RESPONSE_EXTRAS = [
  'alt-svc: h3=":443"; ma=86400',
  'cache-control: private, no-cache',
  'content-encoding: br',
  'content-type: application/json; charset=utf-8',
  'date: Mon, 23 Nov 2026 06:00:00 GMT',
  'server: cloudflare',
  'strict-transport-security: max-age=31536000; includeSubDomains',
  'x-content-type-options: nosniff',
  'x-request-id: 0f3c2a9e-61d4-4b8a-9f0e-7c1b2d3e4f50',
  'cf-ray: 8f1e2d3c4b5a6978-FRA',
];
const header = (line: string) => ({ name: line.slice(0, line.indexOf(':')), value: line.slice(line.indexOf(':') + 2) });
/**
 * The list with each extra line the list has no line of that name for: a
 * browser writes a header once (the Chrome DevTools exports in
 * test/fixtures/har/ repeat no request header). Appended regardless,
 * a second Sec-Fetch-Site made every request's credentials mode unknown
 * ("cross-site, cross-site" is no site), and each was judged twice.
 */
const withExtras = (headers: readonly { name: string; value: string }[], extras: readonly string[]) => {
  const names = new Set(headers.map(({ name }) => name.toLowerCase()));
  return [...headers, ...extras.map(header).filter(({ name }) => !names.has(name.toLowerCase()))];
};

export function chromeShaped(har: Har, seed: number): Har {
  const rng = mulberry32(seed + 1);
  const frames = (): { functionName: string; scriptId: string; url: string; lineNumber: number; columnNumber: number }[] =>
    Array.from({ length: rng.int(8, 24) }, (_, index) => ({
      functionName: rng.chance(0.3) ? '' : `handler${index}`,
      scriptId: String(rng.int(100, 9999)),
      url: `https://app.example.com/assets/vendor-${rng.int(1, 40)}.js?v=${rng.int(1e6, 9e6).toString(16)}`,
      lineNumber: rng.int(0, 20_000),
      columnNumber: rng.int(0, 400),
    }));
  // CORS Lens's own facts (`_corsLens`) go: Chrome writes none, and without
  // them the engine infers the initiator, the wire and the sending from the
  // headers, as it must for a real export.
  const entries = har.log.entries.map(({ _corsLens, ...entry }): Entry => ({
    ...entry,
    // Chrome writes the script's stack beside the initiator's type; har-format's Initiator has no field for it.
    _initiator:
      entry._resourceType === 'preflight'
        ? entry._initiator
        : ({ type: 'script', stack: { callFrames: frames(), parent: { description: 'Promise.then', callFrames: frames() } } } as Entry['_initiator']),
    _connectionId: String(rng.int(1000, 99_999)),
    _priority: 'High',
    connection: String(rng.int(1000, 99_999)),
    serverIPAddress: `104.18.${rng.int(0, 255)}.${rng.int(0, 255)}`,
    request: { ...entry.request, headers: withExtras(entry.request.headers, REQUEST_EXTRAS) },
    response: { ...entry.response, headers: withExtras(entry.response.headers, RESPONSE_EXTRAS) },
  }));
  return { log: { ...har.log, creator: { name: 'WebInspector', version: '537.36' }, entries } };
}

// Real exports also carry the bodies: 66% to 82% of the bytes of the
// Chrome and Firefox files in test/fixtures/har/. Each answered request
// here gets a JSON body of 4 to 40 KB (as text, so its quotes are escaped),
// about 70% of the file: what a 100 MB export of an API-heavy page is.
export function withBodies(har: Har, seed: number): Har {
  const rng = mulberry32(seed + 2);
  const body = (): string =>
    JSON.stringify(
      Array.from({ length: rng.int(40, 400) }, (_, index) => ({
        id: index,
        name: `item ${rng.int(1, 1e6)}`,
        tags: ['a', 'b'],
        price: rng.int(1, 99_999) / 100,
        note: 'line one\nline "two"',
      })),
    );
  const entries = har.log.entries.map((entry): Entry => {
    if (entry._resourceType === 'preflight' || entry.response.status < 200) return entry;
    const text = body();
    return { ...entry, response: { ...entry.response, content: { size: text.length, mimeType: 'application/json', text } } };
  });
  return { log: { ...har.log, entries } };
}
