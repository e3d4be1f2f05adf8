import { crx } from '@crxjs/vite-plugin';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import manifest from './manifest.json' with { type: 'json' };
import { firefoxManifest } from './scripts/firefoxManifest.ts';

// One source, two builds: `vite build` writes the Chromium extension to dist/,
// `vite build --mode firefox` the Firefox one to dist-firefox/ (npm run build
// runs both).
export default defineConfig(({ mode }) => {
  const firefox = mode === 'firefox';
  return {
    plugins: [react(), firefox ? crx({ manifest: firefoxManifest(manifest) as never, browser: 'firefox' }) : crx({ manifest })],
    build: {
      outDir: firefox ? 'dist-firefox' : 'dist',
      emptyOutDir: true,
      // The panel page is opened by chrome.devtools.panels.create and the
      // simulator page by a link, neither named in the manifest, so crxjs would
      // not build them without these inputs.
      rolldownOptions: { input: { panel: 'src/panel/panel.html', learn: 'src/panel/learn.html', record: 'src/record/record.html' } },
    },
  };
});
