import { describe, expect, it } from 'vitest';
import { importFile } from './importFile.ts';

describe('importFile', () => {
  it('refuses a file over the limit by its size, before reading it or starting a worker', async () => {
    let started = false;
    const huge = { name: 'huge.har', size: 1024 ** 3 } as File;
    await expect(
      importFile(huge, () => {
        started = true;
        throw new Error('no worker expected');
      }),
    ).rejects.toThrow('huge.har: 1024 MB is too large; CORS Lens reads files up to 256 MB (export a shorter capture)');
    expect(started).toBe(false);
  });
});
