import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CORS_LENS_VERSION } from './version.ts';

const read = (file: string): { version: string } => JSON.parse(readFileSync(new URL(`../../../${file}`, import.meta.url), 'utf8')) as { version: string };

// One version everywhere: traces and HAR files, `cors-lens --version`, the
// extension's manifest and the store package's name (release/cors-lens-chrome-<version>.zip).
describe('CORS_LENS_VERSION', () => {
  it("is package.json's version and manifest.json's", () => {
    expect(read('package.json').version).toBe(CORS_LENS_VERSION);
    expect(read('manifest.json').version).toBe(CORS_LENS_VERSION);
  });
});
