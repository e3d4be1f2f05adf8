import { crx } from '@crxjs/vite-plugin';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import manifest from './manifest.json' with { type: 'json' };

export default defineConfig({
  plugins: [react(), crx({ manifest })],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // The panel page is opened by chrome.devtools.panels.create and the
    // simulator page by a link, neither named in the manifest, so crxjs would
    // not build them without these inputs.
    rollupOptions: { input: { panel: 'src/panel/panel.html', learn: 'src/panel/learn.html', record: 'src/record/record.html' } },
  },
});
