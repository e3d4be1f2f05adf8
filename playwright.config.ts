import { defineConfig } from '@playwright/test';

// Every e2e test drives Debian's Chromium (/usr/bin/chromium) with the built
// extension loaded; see e2e/support/labBrowser.ts. No browser is ever
// downloaded.
export default defineConfig({
  testDir: 'e2e',
  testMatch: '**/*.spec.ts',
  outputDir: 'test-results/artifacts',
  timeout: 120_000,
  expect: { timeout: 10_000 },
  workers: 2,
  fullyParallel: false,
  forbidOnly: true,
  retries: 0,
  reporter: [['list'], ['html', { open: 'never', outputFolder: 'test-results/report' }]],
});
