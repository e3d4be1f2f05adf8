// `npm run package`: the store packages of the built extension, one zip per
// browser in release/ (cors-lens-chrome-<version>.zip: the Chrome Web Store
// upload; cors-lens-firefox-<version>.zip: addons.mozilla.org's, linted and
// zipped by web-ext). A package holds manifest.json at its root and every file the
// extension loads, found by name from the manifest on: its service worker,
// DevTools page, panel and simulator pages, their scripts, workers, styles
// and icons. What nothing there names stays out: the page that
// `cors-lens record` and the tests drive (src/record/), and whatever else the
// build leaves beside the extension. Source maps never go in.
// A browser is one line of TARGETS: its build folder and the zip's name.
import { spawnSync } from 'node:child_process';
import { copyFile, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, dirname, join, relative, resolve, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import { zipSync, type Zippable } from 'fflate';

const ROOT = join(import.meta.dirname, '..');
export const RELEASE_DIR = join(ROOT, 'release');

export interface PackageTarget {
  /** The zip is cors-lens-<browser>-<version>.zip. */
  readonly browser: string;
  /** The built extension (`npm run build`), relative to the repository (or absolute). */
  readonly buildDir: string;
  /** Zipped and linted by Mozilla's web-ext (what addons.mozilla.org checks), rather than zipped here. */
  readonly webExt?: boolean;
}

export const TARGETS: readonly PackageTarget[] = [
  { browser: 'chrome', buildDir: 'dist' },
  { browser: 'firefox', buildDir: 'dist-firefox', webExt: true },
];

/** Files a store package never holds, whatever names them. */
const NEVER = /\.map$|(^|\/)\./;
/** Files whose text can name others (the rest are read as bytes only). */
const TEXT = /\.(json|html|js|mjs|css)$/;
/** Every file in a zip gets this time, so the same build always zips to the same bytes. */
const ZIP_TIME = new Date('2000-01-01T00:00:00Z');

/** Every file under `dir`, as paths relative to it with forward slashes, sorted. */
async function listFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((entry) => entry.isFile())
    .map((entry) => relative(dir, join(entry.parentPath, entry.name)).split(sep).join('/'))
    .sort();
}

/**
 * The files of a built extension its store package holds: manifest.json,
 * then every file whose name appears in a file already held, until none is
 * added. Names, not parsed references: what a page, a script or the manifest
 * names is what the browser may load (a worker's script, a page a link
 * opens), and a name that is only mentioned costs a file at most.
 */
export async function storeFiles(buildDir: string): Promise<string[]> {
  const files = (await listFiles(buildDir)).filter((file) => !NEVER.test(file));
  if (!files.includes('manifest.json')) throw new Error(`${buildDir} holds no manifest.json: build the extension first (npm run build)`);
  const held = new Set(['manifest.json']);
  const toRead = ['manifest.json'];
  for (let file = toRead.pop(); file !== undefined; file = toRead.pop()) {
    if (!TEXT.test(file)) continue;
    const text = await readFile(join(buildDir, file), 'utf8');
    for (const candidate of files) {
      if (held.has(candidate) || !text.includes(basename(candidate))) continue;
      held.add(candidate);
      toRead.push(candidate);
    }
  }
  return files.filter((file) => held.has(file));
}

/** Writes the target's zip into `outDir`; resolves to its path. */
export async function packageExtension(target: PackageTarget, version: string, outDir: string = RELEASE_DIR): Promise<string> {
  const buildDir = resolve(ROOT, target.buildDir);
  const files = await storeFiles(buildDir);
  await mkdir(outDir, { recursive: true });
  const name = `cors-lens-${target.browser}-${version}.zip`;
  if (target.webExt) return webExtBuild(buildDir, files, outDir, name);
  const zippable: Zippable = {};
  for (const file of files) zippable[file] = [await readFile(join(buildDir, file)), { mtime: ZIP_TIME }];
  const zipFile = join(outDir, name);
  await writeFile(zipFile, zipSync(zippable, { level: 9 }));
  return zipFile;
}

const WEB_EXT = join(ROOT, 'node_modules', '.bin', 'web-ext');

/** The files staged apart, linted (an error fails the package), then zipped by web-ext. */
async function webExtBuild(buildDir: string, files: readonly string[], outDir: string, name: string): Promise<string> {
  const stage = await mkdtemp(join(tmpdir(), 'cors-lens-package-'));
  try {
    for (const file of files) {
      await mkdir(dirname(join(stage, file)), { recursive: true });
      await copyFile(join(buildDir, file), join(stage, file));
    }
    const lint = spawnSync(WEB_EXT, ['lint', '--source-dir', stage, '--no-config-discovery', '--output', 'json'], { encoding: 'utf8' });
    const report = JSON.parse(lint.stdout || '{}') as { errors?: { code: string; message: string; file?: string }[] };
    if (lint.status !== 0 || (report.errors ?? []).length > 0) {
      throw new Error(
        `web-ext lint refused the package: ${(report.errors ?? []).map((error) => `${error.code} ${error.file ?? ''} ${error.message}`).join('; ') || lint.stderr}`,
      );
    }
    const built = spawnSync(
      WEB_EXT,
      ['build', '--source-dir', stage, '--artifacts-dir', outDir, '--filename', name, '--overwrite-dest', '--no-config-discovery'],
      { encoding: 'utf8' },
    );
    if (built.status !== 0) throw new Error(`web-ext build failed: ${built.stderr || built.stdout}`);
    return join(outDir, name);
  } finally {
    await rm(stage, { recursive: true, force: true });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const { version } = JSON.parse(await readFile(join(ROOT, 'package.json'), 'utf8')) as { version: string };
  for (const target of TARGETS) {
    const zipFile = await packageExtension(target, version);
    console.log(`${relative(ROOT, zipFile)}: ${(await storeFiles(resolve(ROOT, target.buildDir))).length} files from ${target.buildDir}/`);
  }
}
