// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { entry, harText, PAGE } from '../core/har/testHar.ts';
import type { CapturedHop } from '../core/pairing/transaction.ts';
import { PROTOCOL_VERSION } from '../core/protocol.ts';
import { fakeWorkers, type FakeWorkerOptions } from '../platform/testWorkerPorts.ts';
import { connectToWorker, type WorkerClient } from '../platform/workerClient.ts';
import { allowedGet, API, blockedGet, PREFLIGHT_ALLOWS, preflightedPut, sequenced } from './model/testItems.ts';
import { loopbackExportWorker, loopbackImportWorker } from './model/testWorkers.ts';
import { Panel } from './Panel.tsx';
import { giveListsAViewport } from './testViewport.ts';

// The panel against a worker on a loopback port (the real protocol client
// and bridge), its import and export workers run in process.
vi.mock('webextension-polyfill', () => ({ default: {} }));

const WORKERS = { startImportWorker: () => loopbackImportWorker() as unknown as Worker, startExportWorker: () => loopbackExportWorker() as unknown as Worker };
const ITEMS = sequenced([
  ...allowedGet('get', 0),
  ...blockedGet('blocked', 10, `${API}/blocked`),
  ...preflightedPut('put', 20, PREFLIGHT_ALLOWS),
  ...allowedGet('other', 30, 'http://elsewhere.test/x'),
]);

giveListsAViewport();

let client: WorkerClient | undefined;
afterEach(() => {
  cleanup();
  client?.close();
});

function openPanel(options: FakeWorkerOptions = { items: ITEMS }) {
  const worker = fakeWorkers(options);
  client = connectToWorker('panel', worker.connect);
  render(<Panel client={client} tabId={1} workers={WORKERS} />);
  return worker;
}

const list = () => screen.getByRole('listbox', { name: 'CORS transactions' });
const rowNames = () =>
  within(list())
    .queryAllByRole('option')
    .map((option) => option.getAttribute('aria-label'));
const counter = () => screen.getByRole('toolbar', { name: 'Transactions' }).querySelector('.count')?.textContent;

describe('the transaction list', () => {
  it("lists the tab's transactions with their verdicts, and selecting one reads it from the worker and opens its details", async () => {
    const worker = openPanel();
    await screen.findByRole('option', { name: /blocked: MissingAllowOriginHeader/ });
    expect(rowNames()).toEqual([
      'GET http://api.test/items, allowed, preflight not-needed',
      'GET http://api.test/items/blocked, blocked: MissingAllowOriginHeader, preflight not-needed',
      'PUT http://api.test/items, allowed, preflight sent',
      'GET http://elsewhere.test/x, allowed, preflight not-needed',
    ]);
    expect(counter()).toBe('4 requests');

    // The list holds rows: a transaction in full is read when it is selected.
    expect(worker.requests.filter((request) => request.method === 'getTransaction')).toEqual([]);
    fireEvent.click(screen.getByRole('option', { name: /items\/blocked/ }));
    expect(screen.getByRole('option', { name: /items\/blocked/ }).getAttribute('aria-selected')).toBe('true');
    expect(screen.getByText('Reading the transaction…')).toBeTruthy();
    const details = await screen.findByRole('region', { name: 'Transaction details' });
    expect(within(details).getByRole('heading', { level: 2 }).textContent).toBe('GET http://api.test/items/blocked');

    // The keyboard moves the selection, and the details follow.
    fireEvent.keyDown(list(), { key: 'ArrowDown' });
    expect(await screen.findByRole('heading', { level: 2, name: 'PUT http://api.test/items' })).toBeTruthy();
    expect(worker.requests.filter((request) => request.method === 'getTransaction').map((request) => request.params)).toEqual([
      { tabId: 1, seq: 2 },
      { tabId: 1, seq: 3 },
    ]);
  });

  it('filters by URL text, blocked only, preflighted only and target origin, and counts what it shows', async () => {
    openPanel();
    await screen.findAllByRole('option');
    fireEvent.change(screen.getByRole('searchbox', { name: 'Filter by URL' }), { target: { value: 'BLOCKED' } });
    expect(rowNames()).toEqual(['GET http://api.test/items/blocked, blocked: MissingAllowOriginHeader, preflight not-needed']);
    expect(counter()).toBe('1 of 4 requests');
    fireEvent.change(screen.getByRole('searchbox', { name: 'Filter by URL' }), { target: { value: '' } });

    fireEvent.click(screen.getByRole('checkbox', { name: 'Preflighted only' }));
    expect(rowNames()).toEqual(['PUT http://api.test/items, allowed, preflight sent']);
    fireEvent.click(screen.getByRole('checkbox', { name: 'Preflighted only' }));

    fireEvent.click(screen.getByRole('checkbox', { name: 'Blocked only' }));
    expect(rowNames()).toHaveLength(1);
    fireEvent.click(screen.getByRole('checkbox', { name: 'Blocked only' }));

    const origins = screen.getByRole('combobox', { name: 'Target origin' });
    expect(
      within(origins)
        .getAllByRole('option')
        .map((option) => option.textContent),
    ).toEqual(['All origins', 'http://api.test', 'http://elsewhere.test']);
    fireEvent.change(origins, { target: { value: 'http://elsewhere.test' } });
    expect(rowNames()).toEqual(['GET http://elsewhere.test/x, allowed, preflight not-needed']);
  });
});

describe('the details of a live transaction', () => {
  it("show Chromium's report that arrives after they were read", async () => {
    const worker = openPanel();
    fireEvent.click(await screen.findByRole('option', { name: /items\/blocked/ }));
    const details = await screen.findByRole('region', { name: 'Transaction details' });
    expect(within(details).queryByText(/Confirmed by Chromium/)).toBeNull();
    worker
      .newest()
      .bridge.emit('transactionsConfirmed', { tabId: 1, items: [{ seq: 2, confirmation: { status: 'confirmed', chromium: null, differences: [] } }] });
    expect(await within(details).findByText(/Confirmed by Chromium/)).toBeTruthy();
  });

  it('say so when the worker no longer holds the one selected, or cannot give it', async () => {
    openPanel({ items: ITEMS, failing: ['getTransaction'] });
    fireEvent.click(await screen.findByRole('option', { name: /items\/blocked/ }));
    expect(await screen.findByText('The worker could not give this transaction: getTransaction failed')).toBeTruthy();
    expect(screen.queryByRole('region', { name: 'Transaction details' })).toBeNull();
  });

  it('say so when the transaction the worker gives cannot be read back', async () => {
    // A second hop without its URL: the DTO has nothing to give back for it.
    const items = ITEMS.map((item) =>
      item.seq === 2
        ? { ...item, transaction: { ...item.transaction, hops: [...item.transaction.hops, { method: 'GET', startTime: 0 } as CapturedHop] } }
        : item,
    );
    openPanel({ items });
    fireEvent.click(await screen.findByRole('option', { name: /items\/blocked/ }));
    expect(await screen.findByText(/^The worker could not give this transaction: A stored transaction refers to hop 1's URL/)).toBeTruthy();
    expect(screen.queryByRole('region', { name: 'Transaction details' })).toBeNull();
  });
});

describe('the worker', () => {
  it('of another protocol version: the panel says so and how to recover, instead of staying empty', async () => {
    const worker = openPanel({ speaks: PROTOCOL_VERSION + 1, items: ITEMS });
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toBe(
      "This panel and the extension's background speak different versions of CORS Lens, so the panel cannot show this tab's requests. Reload the extension on the browser's extensions page, then close and reopen DevTools.",
    );
    // It does not retry a mismatch.
    expect(worker.workers).toHaveLength(1);
  });

  it("failing to read the tab's transactions: the panel says what the background answered", async () => {
    openPanel({ items: ITEMS, failing: ['getRows'] });
    expect((await screen.findByRole('alert')).textContent).toBe("The extension's background did not answer: getRows failed");
  });

  it('failing to change preserve log: the switch goes back, and the panel says why', async () => {
    openPanel({ items: ITEMS, failing: ['setPreserveLog'] });
    await screen.findAllByRole('option');
    const preserve = screen.getByRole<HTMLInputElement>('checkbox', { name: 'Preserve log' });
    fireEvent.click(preserve);
    expect(preserve.checked).toBe(true);
    expect((await screen.findByRole('alert')).textContent).toBe("The extension's background did not answer: setPreserveLog failed");
    expect(preserve.checked).toBe(false);
  });

  it('updated to another protocol version while the panel is open: the rows stay, and the banner says to reload', async () => {
    const worker = openPanel();
    await screen.findAllByRole('option');
    worker.update(PROTOCOL_VERSION + 1);
    expect((await screen.findByRole('alert')).textContent).toMatch(/^This panel and the extension's background speak different versions of CORS Lens/);
    expect(rowNames()).toHaveLength(4);
  });
});

describe('the recording', () => {
  const at = (hours: number, minutes: number, seconds: number, ms: number) => new Date(2026, 0, 12, hours, minutes, seconds, ms).getTime();
  const lines = () =>
    within(list())
      .queryAllByRole('option')
      .map((option) => option.getAttribute('aria-label') ?? option.textContent);
  const GAP = { from: at(10, 2, 3, 120), to: at(10, 2, 4, 870), afterSeq: 2 };

  it('says since when the tab is recorded, and shows a gap where it happened, which a filter never hides', async () => {
    openPanel({ items: ITEMS, session: { recordingSince: at(10, 1, 0, 0), gaps: [GAP] } });
    await screen.findAllByRole('option', { name: /items\/blocked/ });
    expect(lines()).toEqual([
      'GET http://api.test/items, allowed, preflight not-needed',
      'GET http://api.test/items/blocked, blocked: MissingAllowOriginHeader, preflight not-needed',
      'not recorded from 10:02:03.120 to 10:02:04.870',
      'PUT http://api.test/items, allowed, preflight sent',
      'GET http://elsewhere.test/x, allowed, preflight not-needed',
    ]);
    expect(counter()).toBe('4 requests');
    expect(await screen.findByText(/^Recording this tab since 10:01:00\.000, while this panel is open\./)).toBeTruthy();

    fireEvent.change(screen.getByRole('searchbox', { name: 'Filter by URL' }), { target: { value: 'elsewhere' } });
    expect(lines()).toEqual(['not recorded from 10:02:03.120 to 10:02:04.870', 'GET http://elsewhere.test/x, allowed, preflight not-needed']);
    // The keyboard moves between requests, over the gap.
    fireEvent.change(screen.getByRole('searchbox', { name: 'Filter by URL' }), { target: { value: '' } });
    fireEvent.click(screen.getByRole('option', { name: /items\/blocked/ }));
    fireEvent.keyDown(list(), { key: 'ArrowDown' });
    expect(await screen.findByRole('heading', { level: 2, name: 'PUT http://api.test/items' })).toBeTruthy();
  });

  it('a tab whose recording has only a gap yet shows the gap, not the empty state', async () => {
    openPanel({ items: [], session: { recordingSince: at(10, 1, 0, 0), gaps: [{ ...GAP, afterSeq: 0 }] } });
    const shown = await screen.findByRole('listbox', { name: 'CORS transactions' });
    expect(within(shown).getByRole('option').textContent).toBe('not recorded from 10:02:03.120 to 10:02:04.870');
  });

  it('"Record from browser start" asks the worker, and the note then says every tab is recorded', async () => {
    const worker = openPanel({ items: ITEMS, session: { recordingSince: at(10, 1, 0, 0) } });
    const setting = screen.getByRole<HTMLInputElement>('checkbox', { name: 'Record from browser start' });
    await vi.waitFor(() => expect(setting.disabled).toBe(false));
    expect(setting.checked).toBe(false);
    fireEvent.click(setting);
    expect(
      await screen.findByText(/^Recording every tab since .+ \(Record from browser start is on\): preflights other tabs made are seen too\.$/),
    ).toBeTruthy();
    expect(setting.checked).toBe(true);
    expect(worker.requests.filter((request) => request.method === 'setRecordFromBrowserStart').map((request) => request.params)).toEqual([{ on: true }]);
  });

  it('failing to change "Record from browser start": the switch goes back, and the panel says why until it is asked again', async () => {
    openPanel({ items: ITEMS, failing: ['setRecordFromBrowserStart'] });
    const setting = screen.getByRole<HTMLInputElement>('checkbox', { name: 'Record from browser start' });
    await vi.waitFor(() => expect(setting.disabled).toBe(false));
    expect(screen.queryByRole('alert')).toBeNull();
    fireEvent.click(setting);
    expect(setting.checked).toBe(true);
    // The worker's own reason, carried over the port.
    expect((await screen.findByRole('alert')).textContent).toBe('"Record from browser start" was not turned on: setRecordFromBrowserStart failed');
    expect(setting.checked).toBe(false);

    fireEvent.click(setting);
    expect(screen.queryByRole('alert')).toBeNull();
    expect((await screen.findByRole('alert')).textContent).toBe('"Record from browser start" was not turned on: setRecordFromBrowserStart failed');
    expect(setting.checked).toBe(false);
  });
});

/** A HAR as Chrome DevTools writes it: one allowed cross-origin GET and one blocked. */
function okAndRefusedHar(): string {
  const wire = [
    { name: 'Host', value: 'api.example.com' },
    { name: 'Origin', value: PAGE },
    { name: 'Sec-Fetch-Mode', value: 'cors' },
  ];
  const get = (url: string, allow: boolean, start: number) =>
    entry(
      { method: 'GET', url, headers: wire },
      { status: 200, headers: allow ? [{ name: 'Access-Control-Allow-Origin', value: PAGE }] : [], _error: allow ? null : 'net::ERR_FAILED' },
      start,
      { _resourceType: 'fetch' },
    );
  return harText([get('https://api.example.com/ok', true, 0), get('https://api.example.com/refused', false, 100)]);
}

describe('importing a file', () => {
  const choose = (file: File) => fireEvent.change(screen.getByLabelText('Import a HAR file or CORS Lens trace'), { target: { files: [file] } });

  it('a bad file: a clear error naming the file, and the live list stays as it was', async () => {
    openPanel();
    await screen.findAllByRole('option');
    choose(new File(['{"log": '], 'broken.har'));
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toMatch(/^Could not import broken\.har: .+/);
    expect(rowNames()).toHaveLength(4);
    expect(screen.queryByRole('tab', { name: /^Imported:/ })).toBeNull();
  });

  it('a good file: read, then shown in a tab of its own with its rows, judged again; closing it goes back to the tab', async () => {
    openPanel();
    await screen.findAllByRole('option');
    choose(new File([okAndRefusedHar()], 'capture.har'));
    expect(screen.getByRole('status').textContent).toBe('Reading capture.har…');
    const tab = await screen.findByRole('tab', { name: 'Imported: capture.har (WebInspector 537.36)' });
    expect(tab.getAttribute('aria-selected')).toBe('true');
    const region = screen.getByRole('region', { name: 'Imported file capture.har, read-only' });
    expect(
      within(region)
        .getAllByRole('option')
        .map((option) => option.getAttribute('aria-label')),
    ).toEqual([
      'GET https://api.example.com/ok, allowed, preflight not-needed',
      // Chrome's HAR shows the failure, not its reason: the engine says so rather than guess.
      'GET https://api.example.com/refused, blocked, for a reason the capture does not show, preflight not-needed',
    ]);
    expect(screen.queryByRole('status')).toBeNull();
    fireEvent.click(within(region).getByRole('option', { name: /refused/ }));
    expect(within(screen.getByRole('region', { name: 'Transaction details' })).getByRole('heading', { level: 2 }).textContent).toBe(
      'GET https://api.example.com/refused',
    );

    fireEvent.click(screen.getByRole('button', { name: 'Close capture.har' }));
    expect(screen.getByRole('tab', { name: 'Requests' }).getAttribute('aria-selected')).toBe('true');
    expect(rowNames()).toHaveLength(4);
  });
});
