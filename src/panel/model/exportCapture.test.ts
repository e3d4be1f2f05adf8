import { describe, expect, it } from 'vitest';
import { pairEvents } from '../../core/pairing/pairEvents.ts';
import type { RequestEvent } from '../../core/pairing/requestEvent.ts';
import { importCapture } from '../../core/trace/importCapture.ts';
import { exportCapture, type ExportSource } from './exportCapture.ts';
import { packedTransactionTexts, type ImportedFile } from './importFile.ts';
import { loopbackExportWorker } from './testWorkers.ts';

const PAGE = 'https://app.example';
const API = 'https://api.example/items';

// A PUT whose preflight passed, sent with a cookie: what an imported HAR might hold.
const events: RequestEvent[] = [
  { type: 'started', id: 'put', time: 0, url: API, method: 'PUT', initiatorOrigin: PAGE, resourceType: 'fetch' },
  { type: 'started', id: 'options', time: 1, url: API, method: 'OPTIONS', initiatorOrigin: PAGE, preflightFor: 'put' },
  {
    type: 'sent',
    id: 'options',
    time: 1,
    headers: [
      { name: 'Access-Control-Request-Method', value: 'PUT' },
      { name: 'Origin', value: PAGE },
    ],
  },
  {
    type: 'response',
    id: 'options',
    time: 2,
    status: 204,
    headers: [
      { name: 'Access-Control-Allow-Origin', value: PAGE },
      { name: 'Access-Control-Allow-Methods', value: 'PUT' },
      { name: 'Access-Control-Allow-Credentials', value: 'true' },
    ],
  },
  { type: 'completed', id: 'options', time: 2 },
  {
    type: 'sent',
    id: 'put',
    time: 3,
    headers: [
      { name: 'Origin', value: PAGE },
      { name: 'Cookie', value: 'session=secret' },
    ],
  },
  {
    type: 'response',
    id: 'put',
    time: 4,
    status: 200,
    headers: [
      { name: 'Access-Control-Allow-Origin', value: PAGE },
      { name: 'Access-Control-Allow-Credentials', value: 'true' },
    ],
  },
  { type: 'completed', id: 'put', time: 5 },
];

const capture: ImportedFile = {
  name: 'colleague.har',
  kind: 'har',
  browser: 'Chromium 156',
  rows: [],
  targetOrigins: [],
  texts: packedTransactionTexts(pairEvents(events).transactions),
};

describe('exportCapture of an imported file', () => {
  it('writes, in a worker, a trace without its secrets that imports back with the same verdicts', async () => {
    const file = await exportCapture(
      { kind: 'imported', capture, startWorker: () => loopbackExportWorker() as unknown as Worker },
      'trace',
      false,
      Date.UTC(2026, 10, 23),
    );
    const text = file.parts.join('');
    expect(file.fileName).toBe('cors-lens-app.example-2026-11-23T00-00-00-000Z.trace.json');
    expect(text).not.toContain('session=secret');
    expect(file.redacted).toMatch(/cookie/i);
    const back = importCapture(text);
    expect(back.browser).toBe('Chromium 156');
    expect(back.transactions.map((transaction) => [transaction.verdict.outcome, transaction.verdict.preflight])).toEqual([['allowed', 'sent']]);
  });

  it('writes a HAR with the preflight as its own entry (in start order), secrets included when asked', async () => {
    const file = await exportCapture({ kind: 'imported', capture, startWorker: () => loopbackExportWorker() as unknown as Worker }, 'har', true, 0);
    const text = file.parts.join('');
    const har = JSON.parse(text) as { log: { entries: { _resourceType: string }[] } };
    expect(har.log.entries.map((entry) => entry._resourceType)).toEqual(['fetch', 'preflight']);
    expect(text).toContain('session=secret');
  });
});

describe('exportCapture of the tab', () => {
  it('asks the worker to write the file, then fetches its parts in order', async () => {
    const asked: string[] = [];
    const request = (async (name: string, params: Record<string, unknown>) => {
      asked.push(`${name} ${JSON.stringify(params)}`);
      if (name === 'exportFile') return { id: 7, fileName: 'cors-lens-app.har', mimeType: 'application/json', redacted: null, parts: 3 };
      return { text: ['{"log":', '{"entries"', ':[]}}'][params.index as number] };
    }) as Extract<ExportSource, { kind: 'tab' }>['client']['request'];
    const file = await exportCapture({ kind: 'tab', client: { request }, tabId: 4 }, 'har', false, 0);
    expect(file).toEqual({ fileName: 'cors-lens-app.har', mimeType: 'application/json', redacted: null, parts: ['{"log":', '{"entries"', ':[]}}'] });
    expect(asked).toEqual([
      'exportFile {"tabId":4,"includeSecrets":false,"format":"har"}',
      'exportPart {"id":7,"index":0}',
      'exportPart {"id":7,"index":1}',
      'exportPart {"id":7,"index":2}',
    ]);
  });
});
