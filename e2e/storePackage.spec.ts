import { expect, test } from '@playwright/test';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { unzipSync } from 'fflate';
import { CORS_LENS_VERSION } from '../src/core/trace/version.ts';
import { packageExtension } from '../scripts/packageExtensions.ts';
import { SCENARIOS } from './lab/scenarios/index.ts';
import { startLab } from './lab/server.ts';
import { corsPanel, labTabWithDevtools, showDevtoolsToPlaywright } from './support/devtoolsPanel.ts';
import { EXTENSION_DIR, launchLabBrowser } from './support/labBrowser.ts';
import { runInLabPage } from './support/labScenario.ts';

showDevtoolsToPlaywright();

// The Chrome Web Store package of the extension as built (dist/), as
// `npm run package` writes it (without building again: the other specs use dist/).
test('the Chrome package holds manifest.json at its root and what the extension loads, no test page and no source map, and works in Chromium: its CORS panel explains a blocked request', async () => {
  const scratch = await mkdtemp(join(tmpdir(), 'cors-lens-store-'));
  const lab = await startLab(SCENARIOS);
  try {
    const zipFile = await packageExtension({ browser: 'chrome', buildDir: EXTENSION_DIR }, CORS_LENS_VERSION, scratch);
    expect(zipFile).toBe(join(scratch, `cors-lens-chrome-${CORS_LENS_VERSION}.zip`));
    const entries = unzipSync(await readFile(zipFile));
    const files = Object.keys(entries).sort();

    // The manifest at the root, exactly as built, and every file it and the pages name.
    expect(new TextDecoder().decode(entries['manifest.json'])).toBe(await readFile(join(EXTENSION_DIR, 'manifest.json'), 'utf8'));
    const manifest = JSON.parse(new TextDecoder().decode(entries['manifest.json'])) as {
      background: { service_worker: string };
      devtools_page: string;
      icons: Record<string, string>;
    };
    expect(files).toEqual(
      expect.arrayContaining([
        manifest.background.service_worker,
        manifest.devtools_page,
        ...Object.values(manifest.icons),
        'src/panel/panel.html',
        'src/panel/learn.html',
      ]),
    );
    expect(files.filter((file) => /^assets\/(importWorker|exportWorker|serviceWorker\.ts)-.*\.js$/.test(file))).toHaveLength(3);
    // No source map, no dotfile, and not the page `cors-lens record` and the tests drive, nor its script.
    expect(files.filter((file) => file.endsWith('.map') || /(^|\/)\./.test(file) || file.startsWith('src/record/') || /^assets\/record-/.test(file))).toEqual(
      [],
    );
    for (const file of files) expect(Buffer.from(entries[file] as Uint8Array).equals(await readFile(join(EXTENSION_DIR, file))), file).toBe(true);

    // Unpacked into a folder, as "Load unpacked" takes it, it is the whole extension.
    const unpacked = join(scratch, 'unpacked');
    for (const file of files) {
      await mkdir(dirname(join(unpacked, file)), { recursive: true });
      await writeFile(join(unpacked, file), entries[file] as Uint8Array);
    }
    const browser = await launchLabBrowser({ extensionDir: unpacked, args: [...lab.chromiumArgs, '--auto-open-devtools-for-tabs'] });
    try {
      const { context, extensionId } = browser;
      const { page, devtools } = await labTabWithDevtools(context, lab.pageOrigin);
      const panel = await corsPanel(devtools, extensionId);
      const scenario = SCENARIOS.find((each) => each.name === 'missing-allow-origin')!;
      await runInLabPage(page, lab, scenario.name, scenario.requests);
      const row = panel
        .getByRole('listbox', { name: 'CORS transactions' })
        .getByRole('option')
        .filter({ hasText: `/s/${scenario.name}/` });
      await expect(row).toContainText('MissingAllowOriginHeader');
      await row.click();
      await expect(panel.getByRole('region', { name: 'Transaction details' })).toContainText('Access-Control-Allow-Origin');
      await devtools.screenshot({ path: 'test-results/store-package-panel.png' });

      // The simulator's own page, which the panel links to.
      const learn = await context.newPage();
      await learn.goto(`chrome-extension://${extensionId}/src/panel/learn.html`);
      await expect(learn.getByRole('status', { name: 'Verdict' })).toBeVisible();
    } finally {
      await browser.close();
    }
  } finally {
    await lab.close();
    await rm(scratch, { recursive: true, force: true });
  }
});

// The addons.mozilla.org package of the Firefox build (dist-firefox/): linted
// and zipped by web-ext, as `npm run package` writes it.
test('the Firefox package is linted and zipped by web-ext: manifest.json at its root with its gecko id and background scripts, what they load, no source map', async () => {
  const scratch = await mkdtemp(join(tmpdir(), 'cors-lens-store-firefox-'));
  try {
    const buildDir = join(EXTENSION_DIR, '..', 'dist-firefox');
    const zipFile = await packageExtension({ browser: 'firefox', buildDir, webExt: true }, CORS_LENS_VERSION, scratch);
    expect(zipFile).toBe(join(scratch, `cors-lens-firefox-${CORS_LENS_VERSION}.zip`));
    const entries = unzipSync(await readFile(zipFile));
    const files = Object.keys(entries)
      .filter((file) => !file.endsWith('/'))
      .sort();
    const manifest = JSON.parse(new TextDecoder().decode(entries['manifest.json'])) as {
      background: { scripts: string[] };
      browser_specific_settings: { gecko: { id: string } };
      devtools_page: string;
    };
    expect(manifest.browser_specific_settings.gecko.id).toBeTruthy();
    expect(files).toEqual(expect.arrayContaining([...manifest.background.scripts, manifest.devtools_page, 'src/panel/panel.html', 'src/panel/learn.html']));
    expect(files.filter((file) => file.endsWith('.map') || /(^|\/)\./.test(file))).toEqual([]);
    for (const file of files) expect(Buffer.from(entries[file] as Uint8Array).equals(await readFile(join(buildDir, file))), file).toBe(true);
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
});
