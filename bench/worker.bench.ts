// CORS Lens worker benchmark (part of `npm run bench`): the service worker's
// time per webRequest event, i.e. exactly what it does with each event of a
// page's traffic (recordWebRequest: convert, pair, judge, bound, keep), over
// 30,000 generated requests (about 150,000 events) into a fresh TabSessions.
// Baseline timed in the same run: a structured clone of each event's details
// (what delivering the event to the extension costs the browser anyway).
// Then exporting that full tab (10,000 transactions) as a HAR: what the
// panel's thread spends on it when the worker writes the file and hands its
// text over in parts (the longest part to receive), against receiving the
// trace and writing the file on the panel's thread (as before). Messages
// on a runtime port travel as JSON, so receiving one is a JSON.parse.
// A benchmark, not a test: it exits 0 whatever the figures.
import { performance } from 'node:perf_hooks';
import { TabSessions } from '../src/core/session/tabSessions.ts';
import { recordWebRequest } from '../src/background/webRequestEvents.ts';
import { exportedFile } from '../src/core/trace/exportFile.ts';
import { createTrace } from '../src/core/trace/trace.ts';
import { fmt, measureAll, table, type Timing } from './measure.ts';
import { generateWebRequests } from './webRequests.ts';

const REQUESTS = 30_000;
const WARMUPS = 2;
const ROUNDS = 7;

const start = performance.now();
const events = generateWebRequests(REQUESTS);
console.log(
  `\nCORS Lens worker benchmark: ${fmt(events.length)} webRequest events of ${fmt(REQUESTS)} requests, generated in ${fmt(performance.now() - start)} ms`,
);

// Checked before timing: every request judged as generated.
const check = new TabSessions();
for (const { phase, details } of events) recordWebRequest(check, phase, details);
const judged = check.since(7);
const outcomes = new Map<string, number>();
for (const { transaction } of judged) outcomes.set(transaction.verdict.outcome, (outcomes.get(transaction.verdict.outcome) ?? 0) + 1);
console.log(
  `Checked: ${fmt(check.summary(7).seq)} transactions judged; the ${fmt(judged.length)} kept (${fmt(check.summary(7).evicted)} older ones evicted by the 10,000-transaction bound): ` +
    `${[...outcomes].map(([outcome, count]) => `${fmt(count)} ${outcome}`).join(', ')} (generated: 80% allowed, 20% blocked)`,
);

const [worker, clone] = measureAll(
  [
    {
      name: 'recordWebRequest (the worker, per event)',
      items: events.length,
      unit: 'events/s',
      run: () => {
        const sessions = new TabSessions();
        for (const { phase, details } of events) recordWebRequest(sessions, phase, details);
        return sessions.summary(7).seq;
      },
    },
    {
      name: 'baseline: structuredClone(details)',
      items: events.length,
      unit: 'events/s',
      run: () => {
        let size = 0;
        for (const { details } of events) size += structuredClone(details).url.length;
        return size;
      },
    },
  ],
  WARMUPS,
  ROUNDS,
) as [Timing, Timing];

const perEvent = (timing: Timing, ms: number) => `${fmt((ms * 1000) / timing.items)} µs`;
console.log(
  table(
    ['measured', 'events', 'median ms', 'min ms', 'median per event', 'best per event'],
    [worker, clone].map((t) => [t.name, fmt(t.items), fmt(t.median), fmt(t.min), perEvent(t, t.median), perEvent(t, t.min)]),
  ),
);
console.log(`worker time per event / structured clone per event: ${fmt(worker.median / clone.median)}x (${fmt(worker.min / clone.min)}x)`);

// The full tab of the check above, exported as the worker exports it.
const { session, transactions } = check.snapshot(7);
const trace = createTrace({ session, transactions, preflightCache: check.cache.entries(0), createdAt: 0 });
const overPort = (message: unknown): unknown => JSON.parse(JSON.stringify(message));
const parts = exportedFile(trace, 'har').parts.map((text) => JSON.stringify({ text }));
const [written, whole] = measureAll(
  [
    {
      name: "the worker writes the HAR (off the panel's thread)",
      items: transactions.length,
      unit: 'transactions',
      run: () => exportedFile(trace, 'har').parts.length,
    },
    {
      name: 'before: the panel receives the trace and writes the HAR',
      items: transactions.length,
      unit: 'transactions',
      run: () => exportedFile(overPort(trace) as typeof trace, 'har').parts.length,
    },
  ],
  1,
  3,
) as [Timing, Timing];
// Each part received three times; the longest part's median is what the panel's thread is held for at most.
const partTimes = parts.map((message) => {
  const times = [0, 1, 2].map(() => {
    const start = performance.now();
    JSON.parse(message);
    return performance.now() - start;
  });
  return times.sort((x, y) => x - y)[1] as number;
});
console.log(`\nExporting the full tab (${fmt(transactions.length)} transactions) as a HAR, in ${parts.length} parts`);
console.log(
  table(
    ['measured', 'median ms', 'min ms'],
    [written, whole].map((t) => [t.name, fmt(t.median), fmt(t.min)]),
  ),
);
console.log(
  `the panel's thread now: at most ${fmt(Math.max(...partTimes))} ms for one part (median of three), where it spent ${fmt(whole.median)} ms in one piece`,
);
