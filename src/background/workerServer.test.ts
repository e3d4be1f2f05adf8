import { describe, expect, it } from 'vitest';
import { createBridge, type Schedule } from '../core/messaging/bridge.ts';
import { createLoopbackWalls } from '../core/messaging/wall.ts';
import { readRows, readTransactions } from '../core/messaging/readTransactions.ts';
import { PROTOCOL_VERSION, ROWS_PAGE_SIZE, TRANSACTIONS_PAGE_SIZE, type WorkerEvents, type WorkerRequests } from '../core/protocol.ts';
import { TabSessions } from '../core/session/tabSessions.ts';
import { API, PAGE, simpleGet } from '../core/session/testEvents.ts';
import { exportedFile } from '../core/trace/exportFile.ts';
import { readTrace } from '../core/trace/readTrace.ts';
import { createWorkerServer } from './workerServer.ts';
import { recordingEverything } from './testRecording.ts';

/** Timers run when the test says so. */
const NOW = Date.UTC(2026, 10, 23, 12);

function manualSchedule() {
  const waiting = new Set<() => void>();
  const schedule: Schedule = (run) => {
    waiting.add(run);
    return () => waiting.delete(run);
  };
  const runAll = (): void => {
    for (const run of [...waiting]) {
      waiting.delete(run);
      run();
    }
  };
  return { schedule, runAll };
}

function setup(recording = recordingEverything()) {
  const timers = manualSchedule();
  const server = createWorkerServer({
    sessions: () => sessions,
    schedule: timers.schedule,
    startedAt: 1,
    restored: () => false,
    ready: Promise.resolve(),
    now: () => NOW,
    recording,
    saveNow: async () => NOW,
  });
  const sessions = new TabSessions({
    onTransactions: (tabId, items, session) => server.transactionsAdded(tabId, items, session),
    onCleared: (tabId, reason, session) => server.tabCleared(tabId, reason, session),
  });
  const connect = () => {
    const [workerWall, clientWall] = createLoopbackWalls();
    const disconnect = server.connect(workerWall);
    return { client: createBridge<WorkerRequests, WorkerEvents>(clientWall), disconnect };
  };
  return { server, sessions: () => sessions, timers, connect };
}

const settle = () => new Promise((done) => setTimeout(done, 0));

describe('the worker protocol, over a loopback', () => {
  it('shakes hands, and refuses another protocol version with a clear message', async () => {
    const { connect } = setup();
    const { client } = connect();
    await expect(client.request('hello', { protocolVersion: PROTOCOL_VERSION, client: 'test' })).resolves.toMatchObject({ protocolVersion: PROTOCOL_VERSION });
    await expect(client.request('hello', { protocolVersion: PROTOCOL_VERSION + 1, client: 'test' })).rejects.toThrow(/reload the extension/);
  });

  it('turns a flood of a thousand transactions into a handful of messages, of rows', async () => {
    const { connect, sessions, timers } = setup();
    const { client } = connect();
    await client.request('subscribe', { tabId: 1 });
    const batches: number[] = [];
    const urls: string[] = [];
    client.on('transactionsAdded', ({ rows }) => {
      batches.push(rows.length);
      urls.push(...rows.map((row) => row.url));
    });
    for (let index = 0; index < 1000; index++) for (const event of simpleGet(`r${index}`, index * 10)) sessions().push(1, event);
    timers.runAll();
    await settle();
    expect(batches.reduce((sum, size) => sum + size, 0)).toBe(1000);
    expect(batches.length).toBeLessThanOrEqual(3);
    // A row, not the transaction: no headers, no verdict.
    expect(urls).toHaveLength(1000);
    const [row] = (await client.request('getRows', { tabId: 1 })).rows;
    expect(Object.keys(row!)).not.toContain('transaction');
    expect(Object.keys(row!)).not.toContain('verdict');
  });

  it('sends no rows for a tab nobody watches, and gives a transaction in full when asked for its seq', async () => {
    const { connect, sessions, timers } = setup();
    const { client } = connect();
    const added: number[] = [];
    client.on('transactionsAdded', ({ tabId }) => added.push(tabId));
    await client.request('subscribe', { tabId: 1 });
    for (const event of simpleGet('watched', 0)) sessions().push(1, event);
    for (const event of simpleGet('unwatched', 0)) sessions().push(2, event);
    timers.runAll();
    await settle();
    expect(added).toEqual([1]);
    const { item } = await client.request('getTransaction', { tabId: 2, seq: 1 });
    expect(item?.transaction.id).toBe('unwatched');
    expect(item?.transaction.verdict.outcome).toBe('allowed');
    await expect(client.request('getTransaction', { tabId: 2, seq: 2 })).resolves.toEqual({ item: null });
    await client.request('clearTab', { tabId: 2 });
    await expect(client.request('getTransaction', { tabId: 2, seq: 1 })).resolves.toEqual({ item: null });
  });

  it('reads rows in pages of ROWS_PAGE_SIZE, in order, nothing twice', async () => {
    const { connect, sessions } = setup();
    const { client } = connect();
    const count = ROWS_PAGE_SIZE + 7;
    for (let index = 0; index < count; index++) for (const event of simpleGet(`r${index}`, index * 10)) sessions().push(1, event);
    const first = await client.request('getRows', { tabId: 1 });
    expect(first.rows).toHaveLength(ROWS_PAGE_SIZE);
    expect(first.more).toBe(true);
    const all = await readRows(client, 1);
    expect(all.rows.map((row) => row.seq)).toEqual(Array.from({ length: count }, (_, index) => index + 1));
    expect(all.session.seq).toBe(count);
  });

  it('lets a client that reconnects catch up from the last seq it had', async () => {
    const { connect, sessions } = setup();
    const first = connect();
    for (const event of simpleGet('a', 0)) sessions().push(1, event);
    const page = await first.client.request('getTransactions', { tabId: 1 });
    first.disconnect();
    for (const event of simpleGet('b', 10)) sessions().push(1, event);
    const second = connect();
    const rest = await second.client.request('getTransactions', { tabId: 1, sinceSeq: page.session.seq });
    expect(rest.items.map((item) => item.transaction.id)).toEqual(['b']);
  });

  it('answers in pages: a client reads a full ring page by page, in order, nothing twice', async () => {
    const { connect, sessions } = setup();
    const { client } = connect();
    for (let index = 0; index < 1_234; index++) for (const event of simpleGet(`r${index}`, index * 10)) sessions().push(1, event);
    const first = await client.request('getTransactions', { tabId: 1 });
    expect(first.items).toHaveLength(TRANSACTIONS_PAGE_SIZE);
    expect(first.more).toBe(true);
    expect((await client.request('getTransactions', { tabId: 1, limit: 10 })).items).toHaveLength(10);
    const all = await readTransactions(client, 1);
    expect(all.items.map((item) => item.seq)).toEqual(
      sessions()
        .since(1)
        .map((item) => item.seq),
    );
    expect(all.items).toHaveLength(1_234);
    expect((await client.request('getTransactions', { tabId: 1, sinceSeq: 1_234 })).more).toBe(false);
  });

  it('clears a tab and sets preserve log on request, and tells subscribers', async () => {
    const { connect, sessions } = setup();
    const { client } = connect();
    await client.request('subscribe', { tabId: 1 });
    const cleared: string[] = [];
    client.on('tabCleared', ({ reason }) => cleared.push(reason));
    for (const event of simpleGet('a', 0)) sessions().push(1, event);
    await expect(client.request('setPreserveLog', { tabId: 1, preserveLog: true })).resolves.toMatchObject({ preserveLog: true });
    await client.request('clearTab', { tabId: 1 });
    await settle();
    expect(cleared).toEqual(['user']);
    expect((await client.request('getTransactions', { tabId: 1 })).items).toEqual([]);
  });

  it('exports the tab as a trace: judged and in-flight transactions, dated by its clock, secrets redacted unless asked for', async () => {
    const { connect, sessions } = setup();
    const { client } = connect();
    for (const event of simpleGet('done', 0)) sessions().push(1, event);
    sessions().push(1, {
      type: 'started',
      id: 'open',
      time: 50,
      url: API,
      method: 'GET',
      initiatorOrigin: PAGE,
      resourceType: 'xmlhttprequest',
      context: { tabId: 1, frameId: 0 },
    });
    sessions().push(1, {
      type: 'sent',
      id: 'open',
      time: 51,
      headers: [
        { name: 'Origin', value: PAGE },
        { name: 'Sec-Fetch-Mode', value: 'cors' },
        { name: 'Cookie', value: 'id=42' },
      ],
    });
    const trace = await client.request('exportTrace', { tabId: 1 });
    const withSecrets = await client.request('exportTrace', { tabId: 1, includeSecrets: true });
    const copies = JSON.stringify(withSecrets).split('id=42').length - 1;
    expect(copies).toBeGreaterThan(0);
    expect(trace).toMatchObject({ format: 'cors-lens-trace', createdAt: new Date(NOW).toISOString(), secrets: 'redacted', redactedValues: copies });
    expect(trace.transactions.map((transaction) => [transaction.id, transaction.state])).toEqual([
      ['done', 'completed'],
      ['open', 'in-flight'],
    ]);
    expect(JSON.stringify(trace)).not.toContain('id=42');
    expect((await client.request('getInFlight', { tabId: 1 })).items.map((transaction) => transaction.id)).toEqual(['open']);
    // Exporting judged nothing: the open request is still open.
    expect((await client.request('getTransactions', { tabId: 1 })).items.map((item) => item.transaction.id)).toEqual(['done']);
  });

  it('writes the tab as a file and hands its text over part by part, then forgets it', async () => {
    const { connect, sessions } = setup();
    const { client } = connect();
    for (const event of simpleGet('done', 0)) sessions().push(1, event);
    const { id, parts, ...file } = await client.request('exportFile', { tabId: 1, format: 'har' });
    const expected = exportedFile(await client.request('exportTrace', { tabId: 1 }), 'har');
    expect(file).toEqual({ fileName: expected.fileName, mimeType: 'application/json', redacted: expected.redacted });
    expect(parts).toBe(expected.parts.length);
    const texts: string[] = [];
    for (let index = 0; index < parts; index++) texts.push((await client.request('exportPart', { id, index })).text);
    expect(texts.join('')).toBe(expected.parts.join(''));
    await expect(client.request('exportPart', { id, index: 0 })).rejects.toThrow('the worker no longer holds this export');
  });

  it('holds two exported files at most: a third replaces the oldest', async () => {
    const { connect, sessions } = setup();
    const { client } = connect();
    for (const event of simpleGet('done', 0)) sessions().push(1, event);
    const [first, second, third] = [
      await client.request('exportFile', { tabId: 1, format: 'trace' }),
      await client.request('exportFile', { tabId: 1, format: 'trace' }),
      await client.request('exportFile', { tabId: 1, format: 'trace' }),
    ];
    await expect(client.request('exportPart', { id: first.id, index: 0 })).rejects.toThrow('export again');
    for (const kept of [second, third]) expect(readTrace((await client.request('exportPart', { id: kept.id, index: 0 })).text).transactions).toHaveLength(1);
  });

  it('records what a client watches while it is connected: its tab when it subscribes, every tab when it asks; it says when it lost the worker before', async () => {
    const watched: string[] = [];
    const lost: number[] = [];
    const recording = { ...recordingEverything(), reportLost: (at: number) => void lost.push(at) };
    recording.watch = (target) => {
      const name = target.kind === 'tab' ? `tab ${target.tabId}` : 'all';
      watched.push(`+${name}`);
      return { live: Promise.resolve(), end: async () => void watched.push(`-${name}`) };
    };
    const { connect } = setup(recording);
    const { client, disconnect } = connect();
    await client.request('hello', { protocolVersion: PROTOCOL_VERSION, client: 'panel', lostAt: NOW - 500 });
    await client.request('subscribe', { tabId: 3 });
    await client.request('subscribe', { tabId: 3 });
    await client.request('watchAllTabs', {});
    expect(await client.request('heartbeat', {})).toEqual({ at: NOW });
    disconnect();
    expect(watched).toEqual(['+tab 3', '+all', '-tab 3', '-all']);
    expect(lost).toEqual([NOW - 500]);
  });
});
