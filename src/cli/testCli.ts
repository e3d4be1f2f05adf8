import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, expect, vi } from 'vitest';
import { NOTHING_LEFT_OUT, type SessionSummary } from '../core/protocol.ts';
import { main } from './main.ts';

// What the CLI's tests share: running it in process, its one-line errors, a
// scratch folder per test, and the files it reads.

export const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));
const FIXTURES = fileURLToPath(new URL('../../test/fixtures/har/', import.meta.url));
export const PREFLIGHTS_OK = join(FIXTURES, 'chrome-devtools-2025-preflights-ok-custom-headers-mobile-emulation.har');
export const CONN_REFUSED = join(FIXTURES, 'chrome143-devtools-preflights-conn-refused-and-supabase-h3.har');

/** The keys of each object `explain --json` prints for Chromium. */
export const JSON_KEYS = ['blocked', 'corsError', 'explanation', 'failedParameter', 'fix', 'method', 'notes', 'outcome', 'preflight', 'url'];

/** The session of the traces the tests write. */
export const TRACE_SESSION: SessionSummary = {
  tabId: 1,
  pageUrl: 'https://app.example.com/',
  preserveLog: false,
  evicted: 0,
  truncatedValues: 0,
  leftOut: NOTHING_LEFT_OUT,
  seq: 0,
  recordingSince: null,
  gaps: [],
};

export /** A HAR as Chrome DevTools writes it: from https://app.example, one allowed GET and one whose response lacks Access-Control-Allow-Origin. */
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

export /** Runs the CLI in-process and captures what it writes. */
async function runCli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
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

export /** Asserts `stderr` is exactly one line of the form "cors-lens: ...", without a stack trace. */
function expectOneErrorLine(stderr: string): string {
  expect(stderr.endsWith('\n')).toBe(true);
  const lines = stderr.trimEnd().split('\n');
  expect(lines).toHaveLength(1);
  expect(lines[0]?.startsWith('cors-lens: ')).toBe(true);
  expect(stderr).not.toContain('    at ');
  return lines[0] ?? '';
}

/** A fresh folder for each test of the file that calls this, removed after it; read it inside a test. */
export function scratchFolder(): () => string {
  let folder = '';
  beforeEach(async () => {
    folder = await mkdtemp(join(tmpdir(), 'cors-lens-cli-'));
  });
  afterEach(async () => {
    await rm(folder, { recursive: true, force: true });
  });
  return () => folder;
}
