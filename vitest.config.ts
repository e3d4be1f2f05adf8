import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'src/**/*.test.tsx', 'scripts/**/*.test.ts', 'e2e/lab/**/*.test.ts'],
    environment: 'node',
    // Property tests and generated captures take seconds on a busy 2-core
    // machine, past Vitest's default of 5 s; a limit is no assertion about speed.
    testTimeout: 60_000,
  },
});
