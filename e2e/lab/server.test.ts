import { request } from 'node:http';
import { networkInterfaces } from 'node:os';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLab, type Lab } from './server.ts';

/** The status of a GET to host:port, or the error's code when nothing answers there. */
function get(host: string, port: number): Promise<number | string> {
  return new Promise((resolve) => {
    const sent = request({ host, port, path: '/', timeout: 2000 }, (response) => {
      response.resume();
      resolve(response.statusCode ?? 0);
    });
    sent.on('timeout', () => sent.destroy(Object.assign(new Error('timeout'), { code: 'ETIMEDOUT' })));
    sent.on('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? 'error'));
    sent.end();
  });
}

describe('the lab server', () => {
  let lab: Lab;
  let port: number;

  beforeAll(async () => {
    lab = await startLab([]);
    port = Number(new URL(lab.pageOrigin).port);
  });

  afterAll(() => lab.close());

  it('answers on both loopback addresses, so http://localhost works whichever Chromium tries first', async () => {
    expect(await get('127.0.0.1', port)).toBe(200);
    expect(await get('::1', port)).toBe(200);
    expect(await get('localhost', Number(new URL(lab.apiOrigin).port))).toBeTypeOf('number');
  });

  it('is not reachable on any other address of this machine', async () => {
    const others = Object.values(networkInterfaces())
      .flat()
      // Link-local IPv6 addresses need a scope to be reached at all: left out.
      .filter((address) => address !== undefined && !address.internal && !address.address.startsWith('fe80:'))
      .map((address) => address?.address ?? '');
    // Refused (or dropped by a firewall): anything but an answer.
    for (const address of others) expect(await get(address, port)).toBeTypeOf('string');
  });
});
