import { stat, truncate, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CONN_REFUSED, expectOneErrorLine, harWithOneBlocked, JSON_KEYS, PREFLIGHTS_OK, runCli, scratchFolder } from './testCli.ts';

const scratch = scratchFolder();

describe('cors-lens explain', () => {
  it('--json prints one object per cross-origin request with exactly the documented keys', async () => {
    const { code, stdout, stderr } = await runCli(['explain', PREFLIGHTS_OK, '--json']);
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
    const { code, stdout } = await runCli(['explain', CONN_REFUSED, '--json']);
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
    const { code, stdout, stderr } = await runCli(['explain', PREFLIGHTS_OK]);
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
    const missing = join(scratch(), 'nope.har');
    const { code, stdout, stderr } = await runCli(['explain', missing]);
    expect(code).toBe(1);
    expect(stdout).toBe('');
    const line = expectOneErrorLine(stderr);
    expect(line).toContain('no such file');
    expect(line).toContain('nope.har');
  });

  it('a directory: exit 1, one line', async () => {
    const { code, stdout, stderr } = await runCli(['explain', scratch()]);
    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(expectOneErrorLine(stderr)).toContain('directory');
  });

  it('a file that is not JSON: exit 1, one line, no stack trace', async () => {
    const file = join(scratch(), 'notes.har');
    await writeFile(file, 'GET /api HTTP/1.1\nHost: example.com\n\n}\n');
    const { code, stdout, stderr } = await runCli(['explain', file]);
    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(expectOneErrorLine(stderr)).toContain('not JSON');
  });

  it('JSON that is not a HAR: exit 1, one line naming the field', async () => {
    const file = join(scratch(), 'wrong.har');
    await writeFile(
      file,
      JSON.stringify({
        log: { version: '1.2', entries: [{ startedDateTime: 'x', request: { method: 'GET', url: 7, headers: [] }, response: { status: 0, headers: [] } }] },
      }),
    );
    const { code, stderr } = await runCli(['explain', file, '--json']);
    expect(code).toBe(1);
    expect(expectOneErrorLine(stderr)).toContain('log.entries[0].request.url');
  });

  it('a 1 GB file: exit 1, says it is too large, without reading it', async () => {
    const file = join(scratch(), 'huge.har');
    await writeFile(file, '');
    await truncate(file, 1024 ** 3); // sparse: no disk space used
    expect((await stat(file)).size).toBe(1024 ** 3);
    const { code, stdout, stderr } = await runCli(['explain', file]);
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
    const file = join(scratch(), 'hostile.har');
    await writeFile(file, JSON.stringify(har));
    const table = await runCli(['explain', file]);
    expect(table.code).toBe(0);
    expect(table.stdout).toContain('https://api.example.com/a');
    expect(table.stdout).toContain('\\u001b');
    expect(table.stdout).not.toContain('\u001b');
    // No control character (Unicode's Cc) but the newline reaches the terminal.
    expect(table.stdout).not.toMatch(/(?!\n)\p{Cc}/u);
    const markdown = await runCli(['explain', file, '--markdown']);
    expect(markdown.code).toBe(0);
    expect(markdown.stdout).not.toMatch(/(?!\n)\p{Cc}/u);
    expect(markdown.stdout.match(/^### CORS: /gm)).toHaveLength(2);
    const json = await runCli(['explain', file, '--json']);
    expect(json.stdout).not.toContain('\u001b');
    expect((JSON.parse(json.stdout) as unknown[]).length).toBe(2);
  });

  it('--markdown prints a bug-report block per cross-origin request, and refuses to mix with --json', async () => {
    const { code, stdout } = await runCli(['explain', PREFLIGHTS_OK, '--markdown']);
    expect(code).toBe(0);
    const blocks = stdout.split(/^(?=### CORS: )/m);
    expect(blocks.length).toBeGreaterThan(0);
    for (const block of blocks) expect(block).toMatch(/^### CORS: `[A-Z]+ https?:\/\/[^`]+` /);
    expect((await runCli(['explain', PREFLIGHTS_OK, '--markdown', '--json'])).code).toBe(1);
  });

  it('deeply nested JSON (200,000 levels): one line saying what is wrong, no crash', async () => {
    for (const [name, text] of [
      ['arrays.har', `${'['.repeat(200_000)}${']'.repeat(200_000)}`],
      ['entries.har', `{"log":{"version":"1.2","entries":${'['.repeat(200_000)}${']'.repeat(200_000)}}}`],
    ] as const) {
      const file = join(scratch(), name);
      await writeFile(file, text);
      const { code, stderr } = await runCli(['explain', file]);
      expect(code).toBe(1);
      expect(expectOneErrorLine(stderr)).toMatch(/not a HAR file|log\.entries/);
    }
  });

  it('--fail-on-blocked: exit 1 after the report, which names each blocked request and the fix; one stderr line says why', async () => {
    const file = join(scratch(), 'blocked.har');
    await writeFile(file, harWithOneBlocked());
    const { code, stdout, stderr } = await runCli(['explain', file, '--fail-on-blocked']);
    expect(code).toBe(1);
    expect(stdout).toContain('2 cross-origin requests, 1 blocked by CORS');
    expect(stdout).toMatch(/^#2 GET https:\/\/api\.example\.com\/orders$/m);
    expect(stdout).toContain('Chromium: MissingAllowOriginHeader');
    expect(stdout).toMatch(/Fix \(response\):\n {4}Access-Control-Allow-Origin: https:\/\/app\.example/);
    expect(expectOneErrorLine(stderr)).toBe('cors-lens: 1 of 2 cross-origin requests was blocked by CORS (--fail-on-blocked)');
    // The same exit code and line with --json and --markdown, whose output stays whole.
    const json = await runCli(['explain', file, '--json', '--fail-on-blocked']);
    expect(json.code).toBe(1);
    expect((JSON.parse(json.stdout) as { blocked: boolean; fix: string[] }[]).map(({ blocked, fix }) => ({ blocked, fix }))).toEqual([
      { blocked: false, fix: [] },
      { blocked: true, fix: ['Access-Control-Allow-Origin: https://app.example', 'Vary: Origin'] },
    ]);
    expect(expectOneErrorLine(json.stderr)).toContain('blocked by CORS');
    const markdown = await runCli(['explain', file, '--markdown', '--fail-on-blocked']);
    expect(markdown.code).toBe(1);
    expect(markdown.stdout).toContain('blocked (MissingAllowOriginHeader)');
  });

  it('--fail-on-blocked with nothing blocked: exit 0, and without the flag a blocked request exits 0', async () => {
    const clean = await runCli(['explain', PREFLIGHTS_OK, '--fail-on-blocked']);
    expect(clean.code).toBe(0);
    expect(clean.stderr).toBe('');
    const file = join(scratch(), 'blocked.har');
    await writeFile(file, harWithOneBlocked());
    expect((await runCli(['explain', file])).code).toBe(0);
  });

  it('an unknown option: non-zero exit, no stack trace', async () => {
    const { code, stdout, stderr } = await runCli(['explain', PREFLIGHTS_OK, '--bogus']);
    expect(code).not.toBe(0);
    expect(stdout).toBe('');
    expect(stderr).toContain('--bogus');
    expect(stderr).not.toContain('    at ');
  });
});
