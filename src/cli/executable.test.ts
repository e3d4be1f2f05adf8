import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildCli } from '../../scripts/buildCli.ts';
import { CORS_LENS_VERSION } from '../core/trace/version.ts';
import { expectOneErrorLine, PREFLIGHTS_OK, REPO_ROOT, runCli, scratchFolder } from './testCli.ts';

const scratch = scratchFolder();

// Recording itself runs Chromium: e2e/recordCli.spec.ts. Here, what is
// refused before any browser starts.
describe('cors-lens record, before a browser starts', () => {
  it.each([
    ['not a URL', ['record', 'example.com'], 'not a URL: "example.com"'],
    ['an ftp: URL', ['record', 'ftp://example.com/'], 'only http:, https: and file: pages can be recorded'],
  ])('%s: exit 1, one line', async (_, args, message) => {
    const { code, stdout, stderr } = await runCli(args);
    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(expectOneErrorLine(stderr)).toContain(message);
  });

  it.each([['0'], ['-5'], ['1.5'], ['soon']])('--timeout-ms %s: refused with a usage error', async (value) => {
    const { code, stdout, stderr } = await runCli(['record', 'http://example.com/', '--timeout-ms', value]);
    expect(code).not.toBe(0);
    expect(stdout).toBe('');
    expect(stderr).toContain('whole number of milliseconds');
    expect(stderr).not.toContain('    at ');
  });
});

describe('--version', () => {
  it('prints the package version', async () => {
    const { code, stdout } = await runCli(['--version']);
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
    const error = await promisify(execFile)(process.execPath, ['bin/cors-lens.js', 'explain', join(scratch(), 'absent.har')], { cwd: REPO_ROOT }).then(
      () => null,
      (failure: unknown) => failure as { code?: number; stdout?: string; stderr?: string },
    );
    expect(error?.code).toBe(1);
    expect(error?.stdout).toBe('');
    expect(expectOneErrorLine(error?.stderr ?? '')).toContain('no such file');
  }, 30_000);
});
