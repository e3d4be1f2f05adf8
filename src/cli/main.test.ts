import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, stat, truncate, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { generateEvents } from '../../bench/events.ts';
import { buildCli } from '../../scripts/buildCli.ts';
import { pairEvents } from '../core/pairing/pairEvents.ts';
import type { RequestEvent } from '../core/pairing/requestEvent.ts';
import type { SessionSummary } from '../core/protocol.ts';
import { createTrace } from '../core/trace/trace.ts';
import { CORS_LENS_VERSION } from '../core/trace/version.ts';
import { main } from './main.ts';
import { corsErrorOf } from '../core/cors/verdictFacts.ts';

const TRACE_SESSION: SessionSummary = {
  tabId: 1,
  pageUrl: 'https://app.example.com/',
  preserveLog: false,
  evicted: 0,
  truncatedValues: 0,
  leftOut: { sameOrigin: 0, navigations: 0, notCorsMode: 0, unknownInitiator: 0 },
  seq: 0,
  recordingSince: null,
  gaps: [],
};

const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));
const FIXTURES = fileURLToPath(new URL('../../test/fixtures/har/', import.meta.url));
const PREFLIGHTS_OK = join(FIXTURES, 'chrome-devtools-2025-preflights-ok-custom-headers-mobile-emulation.har');
const CONN_REFUSED = join(FIXTURES, 'chrome143-devtools-preflights-conn-refused-and-supabase-h3.har');

const JSON_KEYS = ['blocked', 'corsError', 'explanation', 'failedParameter', 'fix', 'method', 'notes', 'outcome', 'preflight', 'url'];

/** A HAR as Chrome DevTools writes it: from https://app.example, one allowed GET and one whose response lacks Access-Control-Allow-Origin. */
function harWithOneBlocked(): string {
  const sent = (url: string) => [
    { name: 'Host', value: new URL(url).host },
    { name: 'Origin', value: 'https://app.example' },
    { name: 'Sec-Fetch-Mode', value: 'cors' },
  ];
  const entry = (url: string, time: string, headers: { name: string; value: string }[]) => ({
    startedDateTime: time,
    time: 20,
    request: { method: 'GET', url, headers: sent(url) },
    response: { status: 200, headers },
  });
  return JSON.stringify({
    log: {
      version: '1.2',
      creator: { name: 'WebInspector', version: '537.36' },
      entries: [
        entry('https://api.example.com/allowed', '2024-05-01T10:00:00.000Z', [{ name: 'Access-Control-Allow-Origin', value: 'https://app.example' }]),
        entry('https://api.example.com/orders', '2024-05-01T10:00:01.000Z', [{ name: 'Content-Type', value: 'application/json' }]),
      ],
    },
  });
}

/** Runs the CLI in-process and captures what it writes. */
async function run(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const stdout = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    out.push(String(chunk));
    return true;
  });
  const stderr = vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
    err.push(String(chunk));
    return true;
  });
  try {
    const code = await main(args);
    return { code, stdout: out.join(''), stderr: err.join('') };
  } finally {
    stdout.mockRestore();
    stderr.mockRestore();
  }
}

/** Asserts `stderr` is exactly one line of the form "cors-lens: ...", without a stack trace. */
function expectOneErrorLine(stderr: string): string {
  expect(stderr.endsWith('\n')).toBe(true);
  const lines = stderr.trimEnd().split('\n');
  expect(lines).toHaveLength(1);
  expect(lines[0]?.startsWith('cors-lens: ')).toBe(true);
  expect(stderr).not.toContain('    at ');
  return lines[0] ?? '';
}

let scratch = '';

beforeEach(async () => {
  scratch = await mkdtemp(join(tmpdir(), 'cors-lens-main-'));
});

afterEach(async () => {
  await rm(scratch, { recursive: true, force: true });
});

describe('cors-lens explain', () => {
  it('--json prints one object per cross-origin request with exactly the documented keys', async () => {
    const { code, stdout, stderr } = await run(['explain', PREFLIGHTS_OK, '--json']);
    expect(code).toBe(0);
    expect(stderr).toBe('');
    const requests: unknown = JSON.parse(stdout);
    expect(Array.isArray(requests)).toBe(true);
    const list = requests as Record<string, unknown>[];
    expect(list).toHaveLength(3);
    for (const request of list) {
      expect(Object.keys(request).sort()).toEqual(JSON_KEYS);
      expect(request).toMatchObject({ url: 'http://localhost:8000/api/classes', method: 'POST', blocked: false, preflight: 'sent' });
      expect(request.corsError).toBeNull();
      expect(request.failedParameter).toBeNull();
      expect(typeof request.explanation).toBe('string');
      expect(Array.isArray(request.fix) && Array.isArray(request.notes)).toBe(true);
    }
  });

  it('--json keeps corsError and failedParameter null for network errors', async () => {
    const { code, stdout } = await run(['explain', CONN_REFUSED, '--json']);
    expect(code).toBe(0);
    const list = JSON.parse(stdout) as Record<string, unknown>[];
    const refused = list.filter((request) => request.outcome === 'network-error');
    expect(refused.length).toBeGreaterThan(0);
    for (const request of refused) {
      expect(request.blocked).toBe(false);
      expect(request.corsError).toBeNull();
      expect(request.failedParameter).toBeNull();
    }
  });

  it('without --json prints a table with a header line', async () => {
    const { code, stdout, stderr } = await run(['explain', PREFLIGHTS_OK]);
    expect(code).toBe(0);
    expect(stderr).toBe('');
    const lines = stdout.split('\n');
    const header = lines.findIndex((line) => line.includes('method') && line.includes('preflight'));
    expect(header).toBeGreaterThanOrEqual(0);
    const rows = lines.slice(header + 1, header + 4);
    expect(rows).toHaveLength(3);
    for (const row of rows) expect(row).toMatch(/^\d+\s+POST\s+sent\s+allowed\s+http:\/\/localhost:8000\/api\/classes$/);
    expect((): unknown => JSON.parse(stdout)).toThrow();
  });

  it('a missing file: exit 1, one line saying there is no such file', async () => {
    const missing = join(scratch, 'nope.har');
    const { code, stdout, stderr } = await run(['explain', missing]);
    expect(code).toBe(1);
    expect(stdout).toBe('');
    const line = expectOneErrorLine(stderr);
    expect(line).toContain('no such file');
    expect(line).toContain('nope.har');
  });

  it('a directory: exit 1, one line', async () => {
    const { code, stdout, stderr } = await run(['explain', scratch]);
    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(expectOneErrorLine(stderr)).toContain('directory');
  });

  it('a file that is not JSON: exit 1, one line, no stack trace', async () => {
    const file = join(scratch, 'notes.har');
    await writeFile(file, 'GET /api HTTP/1.1\nHost: example.com\n\n}\n');
    const { code, stdout, stderr } = await run(['explain', file]);
    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(expectOneErrorLine(stderr)).toContain('not JSON');
  });

  it('JSON that is not a HAR: exit 1, one line naming the field', async () => {
    const file = join(scratch, 'wrong.har');
    await writeFile(
      file,
      JSON.stringify({
        log: { version: '1.2', entries: [{ startedDateTime: 'x', request: { method: 'GET', url: 7, headers: [] }, response: { status: 0, headers: [] } }] },
      }),
    );
    const { code, stderr } = await run(['explain', file, '--json']);
    expect(code).toBe(1);
    expect(expectOneErrorLine(stderr)).toContain('log.entries[0].request.url');
  });

  it('a 1 GB file: exit 1, says it is too large, without reading it', async () => {
    const file = join(scratch, 'huge.har');
    await writeFile(file, '');
    await truncate(file, 1024 ** 3); // sparse: no disk space used
    expect((await stat(file)).size).toBe(1024 ** 3);
    const { code, stdout, stderr } = await run(['explain', file]);
    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(expectOneErrorLine(stderr)).toMatch(/too large/);
  });

  it('never writes raw control characters from header values to the terminal', async () => {
    const hostile = '\u001b[2J\u001b]0;pwned\u0007\r\u0000\u009b31m';
    const wire = [
      { name: 'Host', value: 'api.example.com' },
      { name: 'Origin', value: 'https://app.example' },
      { name: 'Sec-Fetch-Mode', value: 'cors' },
    ];
    const har = {
      log: {
        version: '1.2',
        creator: { name: 'WebInspector', version: '537.36' },
        entries: [
          {
            startedDateTime: '2024-05-01T10:00:00.000Z',
            time: 20,
            request: { method: 'GET', url: 'https://api.example.com/a', headers: wire },
            response: {
              status: 200,
              headers: [
                { name: 'Access-Control-Allow-Origin', value: `${hostile}https://evil.example` },
                { name: 'X-Junk', value: hostile },
              ],
            },
          },
          {
            startedDateTime: '2024-05-01T10:00:01.000Z',
            time: 20,
            request: { method: 'GET', url: 'https://api.example.com/b', headers: wire },
            response: {
              status: 200,
              headers: [
                { name: 'Access-Control-Allow-Origin', value: 'https://app.example' },
                { name: 'Access-Control-Allow-Credentials', value: hostile },
              ],
            },
          },
        ],
      },
    };
    const file = join(scratch, 'hostile.har');
    await writeFile(file, JSON.stringify(har));
    const table = await run(['explain', file]);
    expect(table.code).toBe(0);
    expect(table.stdout).toContain('https://api.example.com/a');
    expect(table.stdout).toContain('\\u001b');
    expect(table.stdout).not.toContain('\u001b');
    // No control character (Unicode's Cc) but the newline reaches the terminal.
    expect(table.stdout).not.toMatch(/(?!\n)\p{Cc}/u);
    const markdown = await run(['explain', file, '--markdown']);
    expect(markdown.code).toBe(0);
    expect(markdown.stdout).not.toMatch(/(?!\n)\p{Cc}/u);
    expect(markdown.stdout.match(/^### CORS: /gm)).toHaveLength(2);
    const json = await run(['explain', file, '--json']);
    expect(json.stdout).not.toContain('\u001b');
    expect((JSON.parse(json.stdout) as unknown[]).length).toBe(2);
  });

  it('--markdown prints a bug-report block per cross-origin request, and refuses to mix with --json', async () => {
    const { code, stdout } = await run(['explain', PREFLIGHTS_OK, '--markdown']);
    expect(code).toBe(0);
    const blocks = stdout.split(/^(?=### CORS: )/m);
    expect(blocks.length).toBeGreaterThan(0);
    for (const block of blocks) expect(block).toMatch(/^### CORS: `[A-Z]+ https?:\/\/[^`]+` /);
    expect((await run(['explain', PREFLIGHTS_OK, '--markdown', '--json'])).code).toBe(1);
  });

  it('deeply nested JSON (200,000 levels): one line saying what is wrong, no crash', async () => {
    for (const [name, text] of [
      ['arrays.har', `${'['.repeat(200_000)}${']'.repeat(200_000)}`],
      ['entries.har', `{"log":{"version":"1.2","entries":${'['.repeat(200_000)}${']'.repeat(200_000)}}}`],
    ] as const) {
      const file = join(scratch, name);
      await writeFile(file, text);
      const { code, stderr } = await run(['explain', file]);
      expect(code).toBe(1);
      expect(expectOneErrorLine(stderr)).toMatch(/not a HAR file|log\.entries/);
    }
  });

  it('--fail-on-blocked: exit 1 after the report, which names each blocked request and the fix; one stderr line says why', async () => {
    const file = join(scratch, 'blocked.har');
    await writeFile(file, harWithOneBlocked());
    const { code, stdout, stderr } = await run(['explain', file, '--fail-on-blocked']);
    expect(code).toBe(1);
    expect(stdout).toContain('2 cross-origin requests, 1 blocked by CORS');
    expect(stdout).toMatch(/^#2 GET https:\/\/api\.example\.com\/orders$/m);
    expect(stdout).toContain('Chromium: MissingAllowOriginHeader');
    expect(stdout).toMatch(/Fix \(response\):\n {4}Access-Control-Allow-Origin: https:\/\/app\.example/);
    expect(expectOneErrorLine(stderr)).toBe('cors-lens: 1 of 2 cross-origin requests was blocked by CORS (--fail-on-blocked)');
    // The same exit code and line with --json and --markdown, whose output stays whole.
    const json = await run(['explain', file, '--json', '--fail-on-blocked']);
    expect(json.code).toBe(1);
    expect((JSON.parse(json.stdout) as { blocked: boolean; fix: string[] }[]).map(({ blocked, fix }) => ({ blocked, fix }))).toEqual([
      { blocked: false, fix: [] },
      { blocked: true, fix: ['Access-Control-Allow-Origin: https://app.example', 'Vary: Origin'] },
    ]);
    expect(expectOneErrorLine(json.stderr)).toContain('blocked by CORS');
    const markdown = await run(['explain', file, '--markdown', '--fail-on-blocked']);
    expect(markdown.code).toBe(1);
    expect(markdown.stdout).toContain('blocked (MissingAllowOriginHeader)');
  });

  it('--fail-on-blocked with nothing blocked: exit 0, and without the flag a blocked request exits 0', async () => {
    const clean = await run(['explain', PREFLIGHTS_OK, '--fail-on-blocked']);
    expect(clean.code).toBe(0);
    expect(clean.stderr).toBe('');
    const file = join(scratch, 'blocked.har');
    await writeFile(file, harWithOneBlocked());
    expect((await run(['explain', file])).code).toBe(0);
  });

  it('an unknown option: non-zero exit, no stack trace', async () => {
    const { code, stdout, stderr } = await run(['explain', PREFLIGHTS_OK, '--bogus']);
    expect(code).not.toBe(0);
    expect(stdout).toBe('');
    expect(stderr).toContain('--bogus');
    expect(stderr).not.toContain('    at ');
  });
});

// Recording itself runs Chromium: e2e/recordCli.spec.ts. Here, what is
// refused before any browser starts.
describe('cors-lens record, before a browser starts', () => {
  it.each([
    ['not a URL', ['record', 'example.com'], 'not a URL: "example.com"'],
    ['an ftp: URL', ['record', 'ftp://example.com/'], 'only http:, https: and file: pages can be recorded'],
  ])('%s: exit 1, one line', async (_, args, message) => {
    const { code, stdout, stderr } = await run(args);
    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(expectOneErrorLine(stderr)).toContain(message);
  });

  it.each([['0'], ['-5'], ['1.5'], ['soon']])('--timeout-ms %s: refused with a usage error', async (value) => {
    const { code, stdout, stderr } = await run(['record', 'http://example.com/', '--timeout-ms', value]);
    expect(code).not.toBe(0);
    expect(stdout).toBe('');
    expect(stderr).toContain('whole number of milliseconds');
    expect(stderr).not.toContain('    at ');
  });
});

describe('--version', () => {
  it('prints the package version', async () => {
    const { code, stdout } = await run(['--version']);
    expect(code).toBe(0);
    expect(stdout).toBe(`${CORS_LENS_VERSION}\n`);
  });
});

// The command as installed: bin/cors-lens.js running the compiled dist-cli/, built here from the sources under test.
describe('the cors-lens executable', () => {
  beforeAll(() => buildCli(), 60_000);

  it("prints its version, which is the package's", async () => {
    const { stdout } = await promisify(execFile)(process.execPath, ['bin/cors-lens.js', '--version'], { cwd: REPO_ROOT });
    const packageJson = JSON.parse(await readFile(join(REPO_ROOT, 'package.json'), 'utf8')) as { version: string };
    expect(stdout).toBe(`${packageJson.version}\n`);
  });

  it('runs `explain FILE --json` and prints JSON on stdout', async () => {
    const { stdout } = await promisify(execFile)(process.execPath, ['bin/cors-lens.js', 'explain', PREFLIGHTS_OK, '--json'], { cwd: REPO_ROOT });
    const list = JSON.parse(stdout) as Record<string, unknown>[];
    expect(list).toHaveLength(3);
    expect(list.map((request) => request.preflight)).toEqual(['sent', 'sent', 'sent']);
  }, 30_000);

  it('exits 1 with one stderr line for a missing file', async () => {
    const error = await promisify(execFile)(process.execPath, ['bin/cors-lens.js', 'explain', join(scratch, 'absent.har')], { cwd: REPO_ROOT }).then(
      () => null,
      (failure: unknown) => failure as { code?: number; stdout?: string; stderr?: string },
    );
    expect(error?.code).toBe(1);
    expect(error?.stdout).toBe('');
    expect(expectOneErrorLine(error?.stderr ?? '')).toContain('no such file');
  }, 30_000);
});

describe('cors-lens explain on a CORS Lens trace', () => {
  const traceOf = async (transactions: Awaited<ReturnType<typeof captured>>) => {
    const file = join(scratch, 'capture.trace.json');
    await writeFile(file, JSON.stringify(createTrace({ session: TRACE_SESSION, transactions, preflightCache: [], createdAt: 0 })));
    return file;
  };
  const captured = async () => pairEvents(generateEvents(600, 99).events).transactions;

  it('re-explains every transaction with the engine, as it was judged when captured', async () => {
    const transactions = await captured();
    const { code, stdout } = await run(['explain', await traceOf(transactions), '--json']);
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
      const target = join(scratch, name);
      await writeFile(target, text);
      return target;
    };
    delete (trace.transactions[3] as { hops?: unknown }).hops;
    const missing = await run(['explain', await write('missing.json', JSON.stringify(trace))]);
    expect(missing.code).toBe(1);
    expect(expectOneErrorLine(missing.stderr)).toContain('not a valid CORS Lens trace: transactions[3].hops');
    const future = await run(['explain', await write('future.json', JSON.stringify({ ...trace, version: 2 }))]);
    expect(expectOneErrorLine(future.stderr)).toContain('trace version 2 is not supported');
    const cut = await run(['explain', await write('cut.json', (await readFile(file, 'utf8')).slice(0, 5_000))]);
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
    const file = join(scratch, 'firefox.trace.json');
    await writeFile(
      file,
      JSON.stringify(createTrace({ session: TRACE_SESSION, transactions: pairEvents(events()).transactions, preflightCache: [], createdAt: 0 })),
    );
    const { code, stdout } = await run(['explain', file, '--browser', 'firefox', '--json']);
    expect(code).toBe(0);
    const printed = JSON.parse(stdout) as { corsError: string | null; firefoxReason: string | null }[];
    expect(printed.map(({ corsError, firefoxReason }) => ({ corsError, firefoxReason }))).toEqual([
      { corsError: 'MissingAllowOriginHeader', firefoxReason: 'CORSMissingAllowOrigin' },
      { corsError: 'MultipleAllowOriginValues', firefoxReason: 'CORSAllowOriginNotMatchingOrigin' },
      { corsError: null, firefoxReason: null },
    ]);
    const table = await run(['explain', file, '--browser', 'firefox']);
    expect(table.stdout).toContain('Firefox: CORSMissingAllowOrigin (https://developer.mozilla.org/docs/Web/HTTP/Guides/CORS/Errors/CORSMissingAllowOrigin)');
  });

  it('leaves firefoxReason out for Chromium, and refuses a browser it does not know', async () => {
    const file = join(scratch, 'chromium.trace.json');
    await writeFile(
      file,
      JSON.stringify(createTrace({ session: TRACE_SESSION, transactions: pairEvents(events()).transactions, preflightCache: [], createdAt: 0 })),
    );
    const { stdout } = await run(['explain', file, '--json']);
    expect(Object.keys((JSON.parse(stdout) as object[])[0] ?? {}).sort()).toEqual(JSON_KEYS);
    const refused = await run(['explain', file, '--browser', 'safari']);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('one of chromium, firefox');
  });
});
