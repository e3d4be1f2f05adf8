// Compiles the `cors-lens` command (src/cli/, and what it imports from
// src/core/) into JavaScript in dist-cli/, which bin/cors-lens.js runs: an
// installed cors-lens starts without compiling TypeScript. Dependencies stay
// imports (package.json lists them); Playwright, which only `record` needs,
// sits in a chunk of its own that `explain` never loads.
import { build } from 'esbuild';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const ROOT = join(import.meta.dirname, '..');
export const CLI_OUT_DIR = join(ROOT, 'dist-cli');

/** The package's compiled entry points: file name in dist-cli/ → source. */
const ENTRY_POINTS = {
  cli: 'src/cli/run.ts',
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
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await buildCli();
