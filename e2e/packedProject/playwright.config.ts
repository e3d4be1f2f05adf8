import { defineConfig } from '@playwright/test';

// A project that installed cors-lens and @playwright/test, as the README
// shows: e2e/packedInstall.spec.ts copies this folder into an empty one,
// installs the packed cors-lens there, and runs it against the CORS lab.
export default defineConfig({
  testMatch: '*.pw.ts',
  outputDir: 'test-results',
  reporter: [['list'], ['json', { outputFile: 'report.json' }]],
  workers: 1,
  retries: 0,
  use: { browserName: 'chromium', launchOptions: { executablePath: '/usr/bin/chromium' } },
});
