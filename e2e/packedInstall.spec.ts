import { expect, test } from '@playwright/test';
import { cp, mkdir, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stripVTControlCharacters } from 'node:util';
import { CORS_LENS_VERSION } from '../src/core/trace/version.ts';
import { SCENARIOS } from './lab/scenarios/index.ts';
import { startLab } from './lab/server.ts';
import { npmInstall, packProject, REPO_ROOT, shell, userEnv } from './support/packedProject.ts';

// cors-lens as its users get it: `npm pack` (which builds it), then the
// tarball installed into empty folders from the npm cache, with nothing of
// this repository around it.
test.describe.configure({ mode: 'serial' });

let scratch = '';
let tarball = '';

test.beforeAll(async () => {
  test.setTimeout(300_000);
  scratch = await mkdtemp(join(tmpdir(), 'cors-lens-packed-'));
  tarball = await packProject(scratch);
});

test.afterAll(async () => {
  if (scratch) await rm(scratch, { recursive: true, force: true });
});

/** An empty project folder. */
async function emptyProject(name: string): Promise<string> {
  const dir = join(scratch, name);
  await mkdir(dir);
  await writeFile(join(dir, 'package.json'), `${JSON.stringify({ name, private: true, type: 'module' }, null, 2)}\n`);
  return dir;
}

/** The version of a package this repository installed: the one the npm cache holds. */
async function installedVersion(name: string): Promise<string> {
  return (JSON.parse(await readFile(join(REPO_ROOT, 'node_modules', name, 'package.json'), 'utf8')) as { version: string }).version;
}

test('the packed CLI installs in an empty folder with its production dependencies alone, and `npx cors-lens explain FILE.har` (and record) works there', async () => {
  test.setTimeout(300_000);
  const listing = await shell('tar', ['-tzf', tarball], scratch);
  const files = listing.stdout.trim().split('\n');
  // Lean: the command, its compiled code, the built extension, the schema; no sources, tests or fixtures.
  expect(files).toEqual(
    expect.arrayContaining([
      'package/bin/cors-lens.js',
      'package/dist-cli/cli.js',
      'package/dist-cli/playwright.js',
      'package/dist-cli/playwright.d.ts',
      'package/dist/manifest.json',
      'package/package.json',
      'package/README.md',
    ]),
  );
  expect(
    files.filter((file) => /^package\/(src|e2e|test|bench|scripts|node_modules)\/|\.test\.|\.spec\.|\.har$|\.tsx?$/.test(file) && !file.endsWith('.d.ts')),
  ).toEqual([]);

  const project = await emptyProject('uses-the-cli');
  await npmInstall(project, [tarball], ['--omit=dev']);
  const installed = await readdir(join(project, 'node_modules'));
  expect(installed).toEqual(expect.arrayContaining(['cors-lens', 'commander', 'zod', 'jsonc-parser', 'playwright-core']));
  // Nothing the build or the tests need, and no Playwright test runner (an optional peer).
  for (const absent of ['tsx', 'esbuild', 'typescript', 'vite', 'react', 'vitest', '@playwright']) expect(installed).not.toContain(absent);

  const version = await shell('npx', ['--no', '--', 'cors-lens', '--version'], project);
  expect(version).toMatchObject({ code: 0, stdout: `${CORS_LENS_VERSION}\n` });
  const har = join(REPO_ROOT, 'test', 'fixtures', 'har', 'chrome-devtools-2025-preflights-ok-custom-headers-mobile-emulation.har');
  const explained = await shell('npx', ['--no', '--', 'cors-lens', 'explain', har, '--fail-on-blocked'], project);
  expect(explained.stderr).toBe('');
  expect(explained.code).toBe(0);
  expect(explained.stdout).toContain('3 cross-origin requests, 0 blocked by CORS');
  expect(explained.stdout).toMatch(/^1 {2}POST {4}sent {7}allowed {2}http:\/\/localhost:8000\/api\/classes$/m);

  // `record` finds the extension the package ships (dist/) from the installed command.
  const lab = await startLab(SCENARIOS.filter((scenario) => scenario.name === 'missing-allow-origin'));
  try {
    const recorded = await shell(
      'npx',
      ['--no', '--', 'cors-lens', 'record', `${lab.pageOrigin}/?run=missing-allow-origin`, '--json', '--wait-for', 'body[data-lab-done]', '--headless'],
      project,
      userEnv({ DISPLAY: '' }),
    );
    expect(recorded.stderr).toBe('');
    expect(JSON.parse(recorded.stdout)).toEqual([
      expect.objectContaining({ url: lab.scenarioUrl('missing-allow-origin'), corsError: 'MissingAllowOriginHeader', preflight: 'not-needed' }),
    ]);
  } finally {
    await lab.close();
  }
});

test('cors-lens/playwright in a project of its own: an allowed request passes toHaveNoCorsErrors, blocked ones fail it saying why and what to send, and failed tests get the report', async () => {
  test.setTimeout(300_000);
  const names = ['simple-get-allowed', 'missing-allow-origin', 'seed-messaging-post-json'];
  const lab = await startLab(SCENARIOS.filter((scenario) => names.includes(scenario.name)));
  try {
    const project = await emptyProject('uses-cors-lens-playwright');
    await cp(join(REPO_ROOT, 'e2e', 'packedProject'), project, { recursive: true });
    // TypeScript as this repository type-checks with it: TypeScript 7, installed here as @typescript/native (package.json's `typescript` is TypeScript 6's API, for ESLint).
    const installedAs = { '@playwright/test': '@playwright/test', typescript: '@typescript/native', '@types/node': '@types/node' };
    const versions = await Promise.all(Object.entries(installedAs).map(async ([name, installed]) => `${name}@${await installedVersion(installed)}`));
    await npmInstall(project, [tarball, ...versions]);

    // The package's types: the suite type-checks against dist-cli/playwright.d.ts, found through the package's exports.
    const typecheck = await shell('npx', ['--no', '--', 'tsc', '-p', '.'], project);
    expect(typecheck.stdout + typecheck.stderr).toBe('');

    const env = userEnv({
      LAB_PAGE: `${lab.pageOrigin}/`,
      LAB_ALLOWED_URL: lab.scenarioUrl('simple-get-allowed'),
      LAB_BLOCKED_URL: lab.scenarioUrl('missing-allow-origin'),
      LAB_BLOCKED_AT_PREFLIGHT_URL: lab.scenarioUrl('seed-messaging-post-json'),
      LAB_TOKEN: 's3cr3t',
    });
    const suite = await shell('npx', ['--no', '--', 'playwright', 'test'], project, env);
    const report = JSON.parse(await readFile(join(project, 'report.json'), 'utf8')) as Report;
    const results = resultsByTitle(report);
    const summary = Object.fromEntries([...results].map(([title, result]) => [title, result.status]));
    expect(summary).toEqual({
      'the README example: the page calls its API, and CORS lets it': 'passed',
      'a simple GET whose response lacks Access-Control-Allow-Origin fails the assertion': 'failed',
      'a JSON POST whose preflight does not allow Content-Type fails the assertion': 'failed',
      'a test that fails without any CORS traffic gets no CORS Lens attachment': 'failed',
      'its blocked request does not count': 'passed',
      'nothing is checked': 'passed',
    });
    expect(suite.code).toBe(1);

    const simple = results.get('a simple GET whose response lacks Access-Control-Allow-Origin fails the assertion')!;
    const simpleMessage = stripVTControlCharacters(simple.errors[0]?.message ?? '');
    expect(simpleMessage).toContain('expect(page).toHaveNoCorsErrors()');
    expect(simpleMessage).toContain(`1) GET ${lab.scenarioUrl('missing-allow-origin')}?access_token=redacted-by-cors-lens`);
    expect(simpleMessage).toContain("Chromium's CORS error: MissingAllowOriginHeader");
    expect(simpleMessage).toContain(`Access-Control-Allow-Origin: the server sent nothing; the browser needed ${lab.pageOrigin}`);
    expect(simpleMessage).toContain('Preflight: not needed (a simple request)');
    expect(simpleMessage).toMatch(/The server must send, in its response to GET [^\n]+:\n {5}Access-Control-Allow-Origin: http:\/\/127\.0\.0\.1:\d+\n/);
    expect(simpleMessage).not.toContain('s3cr3t');

    const preflighted = results.get('a JSON POST whose preflight does not allow Content-Type fails the assertion')!;
    const preflightMessage = stripVTControlCharacters(preflighted.errors[0]?.message ?? '');
    expect(preflightMessage).toContain(`1) POST ${lab.scenarioUrl('seed-messaging-post-json')}`);
    expect(preflightMessage).toContain('Chromium\'s CORS error: HeaderDisallowedByPreflightResponse (failed parameter: "content-type")');
    expect(preflightMessage).toContain(
      'Preflight: sent (OPTIONS asking for method POST, headers content-type), answered 204; needed because Content-Type is application/json',
    );
    // Only what the evidence calls for first; what credentials would need, labelled, after.
    expect(preflightMessage).toMatch(/The server must send, in its preflight response to OPTIONS [^\n]+:\n {5}Access-Control-Allow-Headers: content-type\n/);
    expect(preflightMessage).toContain(
      "If the page sends cookies or HTTP authentication (credentials: 'include'), the server must send instead, in its preflight response to OPTIONS",
    );
    await test.info().attach('toHaveNoCorsErrors failure message.txt', { body: preflightMessage, contentType: 'text/plain' });

    // A failed test with CORS traffic gets both files; the trace holds its requests, secrets left out.
    const corsLensFiles = (result: Result) =>
      result.attachments
        .map((attachment) => attachment.name)
        .filter((name) => name.startsWith('cors-lens'))
        .sort();
    for (const result of [simple, preflighted]) expect(corsLensFiles(result)).toEqual(['cors-lens.md', 'cors-lens.trace.json']);
    const attachment = (name: string) => simple.attachments.find((each) => each.name === name)!.path;
    const markdown = await readFile(attachment('cors-lens.md'), 'utf8');
    expect(markdown).toContain('## CORS Lens: 1 cross-origin request in this test, 1 blocked by CORS');
    expect(markdown).toContain('blocked (MissingAllowOriginHeader)');
    const traceFile = attachment('cors-lens.trace.json');
    const trace = await readFile(traceFile, 'utf8');
    expect(JSON.parse(trace)).toMatchObject({ format: 'cors-lens-trace', secrets: 'redacted', redactions: { queryParameters: ['access_token'] } });
    for (const text of [markdown, trace]) expect(text).not.toContain('s3cr3t');
    // Passing tests, and a failed one without CORS traffic, get nothing.
    for (const [title, result] of results)
      if (result.status === 'passed' || title.startsWith('a test that fails without')) expect(corsLensFiles(result), title).toEqual([]);

    // The trace is a CORS Lens trace: the packed CLI, installed beside, explains it, and --fail-on-blocked fails on it.
    const explained = await shell('npx', ['--no', '--', 'cors-lens', 'explain', traceFile, '--fail-on-blocked'], project);
    expect(explained.code).toBe(1);
    expect(explained.stdout).toContain('Chromium: MissingAllowOriginHeader');
    expect(explained.stdout).toContain('Fix (response):');
    expect(explained.stderr).toBe('cors-lens: 1 of 1 cross-origin requests was blocked by CORS (--fail-on-blocked)\n');
  } finally {
    await lab.close();
  }
});

interface Result {
  readonly status: string;
  readonly errors: readonly { readonly message?: string }[];
  readonly attachments: readonly { readonly name: string; readonly path: string }[];
}

interface Suite {
  readonly specs?: readonly { readonly title: string; readonly tests: readonly { readonly results: readonly Result[] }[] }[];
  readonly suites?: readonly Suite[];
}

interface Report {
  readonly suites: readonly Suite[];
}

/** Each test's only result (the suite runs without retries), by title. */
function resultsByTitle(report: Report): Map<string, Result> {
  const results = new Map<string, Result>();
  const walk = (suite: Suite): void => {
    for (const spec of suite.specs ?? []) results.set(spec.title, spec.tests[0]?.results[0] as Result);
    for (const child of suite.suites ?? []) walk(child);
  };
  for (const suite of report.suites) walk(suite);
  return results;
}
