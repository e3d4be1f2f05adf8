// Compiles the package's JavaScript into dist-cli/: the `cors-lens` command
// (src/cli/, which bin/cors-lens.js runs) and cors-lens/playwright
// (src/playwright/), each with what it imports from src/core/, so an
// installed cors-lens runs without compiling TypeScript. Dependencies stay
// imports (package.json lists them); Playwright, which only `record` needs,
// sits in a chunk of its own that `explain` never loads. cors-lens/playwright
// gets its declarations (dist-cli/playwright.d.ts) from tsc.
import { build } from 'esbuild';
import { execFileSync } from 'node:child_process';
import { copyFile, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const ROOT = join(import.meta.dirname, '..');
export const CLI_OUT_DIR = join(ROOT, 'dist-cli');

/** The package's compiled entry points: file name in dist-cli/ → source. */
const ENTRY_POINTS = {
  cli: 'src/cli/run.ts',
  playwright: 'src/playwright/index.ts',
};

export async function buildCli(outdir: string = CLI_OUT_DIR): Promise<void> {
  await rm(outdir, { recursive: true, force: true });
  await build({
    absWorkingDir: ROOT,
    entryPoints: ENTRY_POINTS,
    outdir,
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20.19',
    packages: 'external',
    chunkNames: 'chunks/[name]-[hash]',
    logLevel: 'warning',
  });
  await writePlaywrightTypes(join(outdir, 'playwright.d.ts'));
}

/**
 * tsc writes a declaration file for every module index.ts imports; the
 * package ships index.ts's alone, which must then name nothing but
 * Playwright's types and its own (no relative import).
 */
async function writePlaywrightTypes(target: string): Promise<void> {
  const scratch = await mkdtemp(join(tmpdir(), 'cors-lens-types-'));
  try {
    execFileSync(
      process.execPath,
      [join(ROOT, 'node_modules', '@typescript', 'native', 'bin', 'tsc'), '-p', join(ROOT, 'src', 'playwright', 'tsconfig.types.json'), '--outDir', scratch],
      { stdio: 'inherit' },
    );
    const declarations = join(scratch, 'playwright', 'index.d.ts');
    const relative = /from\s+['"]\.\.?\//.exec(await readFile(declarations, 'utf8'));
    if (relative) throw new Error(`src/playwright/index.ts: its exported types must not name types of other modules (its declarations import ${relative[0]}…)`);
    await copyFile(declarations, target);
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await buildCli();
