import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { generateEvents } from '../../bench/events.ts';
import { corsErrorOf } from '../core/cors/verdictFacts.ts';
import { pairEvents } from '../core/pairing/pairEvents.ts';
import type { RequestEvent } from '../core/pairing/requestEvent.ts';
import { createTrace } from '../core/trace/trace.ts';
import { expectOneErrorLine, JSON_KEYS, runCli, scratchFolder, TRACE_SESSION } from './testCli.ts';

const scratch = scratchFolder();

describe('cors-lens explain on a CORS Lens trace', () => {
  const traceOf = async (transactions: Awaited<ReturnType<typeof captured>>) => {
    const file = join(scratch(), 'capture.trace.json');
    await writeFile(file, JSON.stringify(createTrace({ session: TRACE_SESSION, transactions, preflightCache: [], createdAt: 0 })));
    return file;
  };
  const captured = async () => pairEvents(generateEvents(600, 99).events).transactions;

  it('re-explains every transaction with the engine, as it was judged when captured', async () => {
    const transactions = await captured();
    const { code, stdout } = await runCli(['explain', await traceOf(transactions), '--json']);
    expect(code).toBe(0);
    const printed = JSON.parse(stdout) as { url: string; corsError: string | null; preflight: string }[];
    expect(printed.map(({ url, corsError, preflight }) => ({ url, corsError, preflight }))).toEqual(
      [...transactions]
        .sort((a, b) => a.startTime - b.startTime)
        .map(({ request, verdict }) => ({ url: request.url, corsError: corsErrorOf(verdict), preflight: verdict.preflight })),
    );
  });

  it('names the field at fault in a bad trace, and refuses a version it does not know, in one line', async () => {
    const file = await traceOf(await captured());
    const trace = JSON.parse(await readFile(file, 'utf8')) as { version: number; transactions: { hops: unknown }[] };
    const write = async (name: string, text: string) => {
      const target = join(scratch(), name);
      await writeFile(target, text);
      return target;
    };
    delete (trace.transactions[3] as { hops?: unknown }).hops;
    const missing = await runCli(['explain', await write('missing.json', JSON.stringify(trace))]);
    expect(missing.code).toBe(1);
    expect(expectOneErrorLine(missing.stderr)).toContain('not a valid CORS Lens trace: transactions[3].hops');
    const future = await runCli(['explain', await write('future.json', JSON.stringify({ ...trace, version: 2 }))]);
    expect(expectOneErrorLine(future.stderr)).toContain('trace version 2 is not supported');
    const cut = await runCli(['explain', await write('cut.json', (await readFile(file, 'utf8')).slice(0, 5_000))]);
    expect(expectOneErrorLine(cut.stderr)).toContain('ends before the JSON does');
  });
});

describe('cors-lens explain --browser firefox', () => {
  const PAGE = 'http://127.0.0.1:4780';
  const API = 'http://localhost:4781';
  // A GET answered without Access-Control-Allow-Origin, one answered with a
  // list in one line, and one allowed.
  const answers: [path: string, headers: { name: string; value: string }[]][] = [
    ['/missing', []],
    ['/list', [{ name: 'Access-Control-Allow-Origin', value: `${PAGE}, https://app.example` }]],
    ['/ok', [{ name: 'Access-Control-Allow-Origin', value: PAGE }]],
  ];
  const events = (): RequestEvent[] =>
    answers.flatMap(([path, headers], index): RequestEvent[] => [
      { type: 'started', id: String(index), time: index * 10, url: `${API}${path}`, method: 'GET', initiatorOrigin: PAGE, resourceType: 'fetch' },
      {
        type: 'sent',
        id: String(index),
        time: index * 10 + 1,
        headers: [
          { name: 'Origin', value: PAGE },
          { name: 'Sec-Fetch-Mode', value: 'cors' },
        ],
      },
      { type: 'response', id: String(index), time: index * 10 + 2, status: 200, headers },
      { type: 'completed', id: String(index), time: index * 10 + 3 },
    ]);

  it("gives each request Firefox's reason (null when allowed), beside Chromium's CorsError", async () => {
    const file = join(scratch(), 'firefox.trace.json');
    await writeFile(
      file,
      JSON.stringify(createTrace({ session: TRACE_SESSION, transactions: pairEvents(events()).transactions, preflightCache: [], createdAt: 0 })),
    );
    const { code, stdout } = await runCli(['explain', file, '--browser', 'firefox', '--json']);
    expect(code).toBe(0);
    const printed = JSON.parse(stdout) as { corsError: string | null; firefoxReason: string | null }[];
    expect(printed.map(({ corsError, firefoxReason }) => ({ corsError, firefoxReason }))).toEqual([
      { corsError: 'MissingAllowOriginHeader', firefoxReason: 'CORSMissingAllowOrigin' },
      { corsError: 'MultipleAllowOriginValues', firefoxReason: 'CORSAllowOriginNotMatchingOrigin' },
      { corsError: null, firefoxReason: null },
    ]);
    const table = await runCli(['explain', file, '--browser', 'firefox']);
    expect(table.stdout).toContain('Firefox: CORSMissingAllowOrigin (https://developer.mozilla.org/docs/Web/HTTP/Guides/CORS/Errors/CORSMissingAllowOrigin)');
  });

  it('leaves firefoxReason out for Chromium, and refuses a browser it does not know', async () => {
    const file = join(scratch(), 'chromium.trace.json');
    await writeFile(
      file,
      JSON.stringify(createTrace({ session: TRACE_SESSION, transactions: pairEvents(events()).transactions, preflightCache: [], createdAt: 0 })),
    );
    const { stdout } = await runCli(['explain', file, '--json']);
    expect(Object.keys((JSON.parse(stdout) as object[])[0] ?? {}).sort()).toEqual(JSON_KEYS);
    const refused = await runCli(['explain', file, '--browser', 'safari']);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('one of chromium, firefox');
  });
});
