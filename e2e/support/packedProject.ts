import { execFile } from 'node:child_process';
import { cp, mkdir, readdir, symlink } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const run = promisify(execFile);
export const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** What the copy leaves behind: dependencies (linked instead), git, and everything a build or a run writes. */
const NOT_COPIED = new Set(['node_modules', '.git', 'dist', 'dist-cli', 'dist-firefox', 'release', 'test-results', 'playwright-report', 'blob-report', 'out']);

/**
 * The environment of a command run as a user would run it from a shell:
 * without what this test run's npm and Playwright put in it (npm_config_*
 * would configure the inner npm, and PW_* and NODE_OPTIONS the inner Playwright).
 */
export function userEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => !/^(npm_|PW_|PLAYWRIGHT_|TEST_|NODE_OPTIONS$|FORCE_COLOR$)/i.test(name)));
  return { ...env, PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD: '1', ...extra };
}

/** Runs a command in `cwd`; resolves to its exit code and output (it never rejects on a non-zero exit). */
export async function shell(
  command: string,
  args: readonly string[],
  cwd: string,
  env: NodeJS.ProcessEnv = userEnv(),
): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(command, args, { cwd, env, maxBuffer: 64 * 1024 * 1024 });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failure = error as { code?: number | string; stdout?: string; stderr?: string };
    if (typeof failure.code !== 'number') throw error;
    return { code: failure.code, stdout: failure.stdout ?? '', stderr: failure.stderr ?? '' };
  }
}

/**
 * `npm pack` as the project's users get it: in a copy of the working tree
 * (its dependencies linked), so that prepack's build writes the copy's
 * dist/ and dist-cli/, never the ones the other tests are loading. Resolves
 * to the tarball's path in `scratch`.
 */
export async function packProject(scratch: string): Promise<string> {
  const copy = join(scratch, 'cors-lens');
  await cp(REPO_ROOT, copy, { recursive: true, filter: (source) => !NOT_COPIED.has(source.slice(REPO_ROOT.length).split('/')[0] ?? '') });
  await symlink(join(REPO_ROOT, 'node_modules'), join(copy, 'node_modules'), 'dir');
  const out = join(scratch, 'tarball');
  await mkdir(out);
  const packed = await shell('npm', ['pack', '--pack-destination', out], copy);
  if (packed.code !== 0) throw new Error(`npm pack failed (${packed.code}):\n${packed.stderr}`);
  const [tarball, ...more] = await readdir(out);
  if (!tarball || more.length > 0) throw new Error(`npm pack wrote ${JSON.stringify([tarball, ...more])}, not one tarball`);
  return join(out, tarball);
}

/** `npm install` in `dir` from the npm cache, as the README tells a user to install. */
export async function npmInstall(dir: string, specs: readonly string[], flags: readonly string[] = []): Promise<void> {
  const installed = await shell('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund', ...flags, ...specs], dir);
  if (installed.code !== 0) throw new Error(`npm install ${specs.join(' ')} failed (${installed.code}):\n${installed.stderr}`);
}
