import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { unzipSync } from 'fflate';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { packageExtension, storeFiles } from './packageExtensions.ts';

let build = '';

beforeEach(async () => {
  build = await mkdtemp(join(tmpdir(), 'cors-lens-package-'));
});

afterEach(async () => {
  await rm(build, { recursive: true, force: true });
});

/** A built extension shaped as Vite and crxjs write one, with what a store package must leave out. */
async function writeBuild(files: Record<string, string>): Promise<void> {
  for (const [file, text] of Object.entries(files)) {
    await mkdir(dirname(join(build, file)), { recursive: true });
    await writeFile(join(build, file), text);
  }
}

const EXTENSION = {
  'manifest.json': JSON.stringify({
    manifest_version: 3,
    background: { service_worker: 'service-worker-loader.js' },
    devtools_page: 'src/devtools/devtools.html',
    icons: { 16: 'icons/icon-16.png' },
  }),
  'service-worker-loader.js': "import './assets/serviceWorker.ts-A1.js';",
  'assets/serviceWorker.ts-A1.js': 'import "./shared-B2.js";',
  'assets/shared-B2.js': 'export const shared = 1;\n//# sourceMappingURL=shared-B2.js.map',
  'assets/shared-B2.js.map': '{}',
  'src/devtools/devtools.html': '<script type="module" src="/assets/devtools-C3.js"></script>',
  'assets/devtools-C3.js': 'chrome.devtools.panels.create("CORS", "icons/icon-16.png", "src/panel/panel.html");',
  'src/panel/panel.html': '<script type="module" src="/assets/panel-D4.js"></script>',
  'assets/panel-D4.js': 'new Worker(new URL("/assets/importWorker-E5.js", import.meta.url), { type: "module" });',
  'assets/importWorker-E5.js': 'import "./shared-B2.js";',
  'icons/icon-16.png': 'png',
  // The page `cors-lens record` drives, and the chunk only it loads.
  'src/record/record.html': '<script type="module" src="/assets/record-F6.js"></script>',
  'assets/record-F6.js': 'import "./shared-B2.js";',
  '.vite/manifest.json': '{"service-worker-loader.js": {}}',
};

describe('storeFiles', () => {
  it('holds manifest.json and what it names, page by page and script by script, and nothing else: no test page, source map or dotfile', async () => {
    await writeBuild(EXTENSION);
    expect(await storeFiles(build)).toEqual([
      'assets/devtools-C3.js',
      'assets/importWorker-E5.js',
      'assets/panel-D4.js',
      'assets/serviceWorker.ts-A1.js',
      'assets/shared-B2.js',
      'icons/icon-16.png',
      'manifest.json',
      'service-worker-loader.js',
      'src/devtools/devtools.html',
      'src/panel/panel.html',
    ]);
  });

  it('refuses a folder without manifest.json, saying to build first', async () => {
    await writeBuild({ 'index.html': '' });
    await expect(storeFiles(build)).rejects.toThrow('no manifest.json: build the extension first');
  });
});

describe('packageExtension', () => {
  it('writes cors-lens-<browser>-<version>.zip with those files at its root, byte for byte, the same bytes every time', async () => {
    await writeBuild(EXTENSION);
    const out = join(build, 'release');
    const zipFile = await packageExtension({ browser: 'chrome', buildDir: build }, '1.2.3', out);
    expect(zipFile).toBe(join(out, 'cors-lens-chrome-1.2.3.zip'));
    const first = await readFile(zipFile);
    const entries = unzipSync(first);
    expect(Object.keys(entries).sort()).toEqual(await storeFiles(build));
    for (const [file, bytes] of Object.entries(entries)) expect(new TextDecoder().decode(bytes)).toBe(EXTENSION[file as keyof typeof EXTENSION]);
    await packageExtension({ browser: 'chrome', buildDir: build }, '1.2.3', out);
    expect((await readFile(zipFile)).equals(first)).toBe(true);
  });
});
