import { expect, test } from '@playwright/test';
import { spawn } from 'node:child_process';
import { watch } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CORS_ERRORS } from '../src/core/cors/corsError.ts';
import { CHROMIUM_PATH } from './support/labBrowser.ts';

interface ProtocolType {
  id: string;
  enum?: string[];
}

/** The port Chromium writes into DevToolsActivePort once it listens: waits for the file to appear. */
function debuggingPort(profile: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const watcher = watch(profile);
    const timer = setTimeout(() => {
      watcher.close();
      reject(new Error('Chromium did not open a debugging port'));
    }, 15_000);
    const read = (): void => {
      readFile(join(profile, 'DevToolsActivePort'), 'utf8').then(
        (text) => {
          const port = text.split('\n')[0] ?? '';
          if (!port) return;
          clearTimeout(timer);
          watcher.close();
          resolve(port);
        },
        () => undefined,
      );
    };
    watcher.on('change', read);
    read();
  });
}

// The engine spells every reason exactly as Network.CorsError does; the
// browser under test publishes its own protocol, so compare with that.
test("CORS_ERRORS is exactly the running Chromium's Network.CorsError enum", async () => {
  const profile = await mkdtemp(join(tmpdir(), 'cors-lens-protocol-'));
  // Its own process group, so one signal reaches the browser and every process it forked; stderr
  // piped, so 'close' comes only once all of them have exited (each holds the pipe): the forked
  // ones may still write to the profile after the browser itself is gone.
  const chromium = spawn(
    CHROMIUM_PATH,
    [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--no-first-run',
      '--disable-background-networking',
      '--remote-debugging-port=0',
      `--user-data-dir=${profile}`,
      'about:blank',
    ],
    {
      stdio: ['ignore', 'ignore', 'pipe'],
      detached: true,
    },
  );
  chromium.stderr.resume();
  const allExited = new Promise((resolve) => chromium.once('close', resolve));
  try {
    const port = await debuggingPort(profile);
    const protocol = (await (await fetch(`http://127.0.0.1:${port}/json/protocol`)).json()) as { domains: { domain: string; types?: ProtocolType[] }[] };
    const network = protocol.domains.find((domain) => domain.domain === 'Network');
    const corsError = network?.types?.find((type) => type.id === 'CorsError');
    expect(corsError?.enum).toEqual([...CORS_ERRORS]);
  } finally {
    try {
      if (chromium.pid !== undefined) process.kill(-chromium.pid, 'SIGTERM');
    } catch {
      // The group is gone already.
    }
    await allExited;
    await rm(profile, { recursive: true, force: true });
  }
});
