// CORS Lens import benchmark (part of `npm run bench`): reading a 100 MB HAR
// file as the panel's import worker and `cors-lens explain` do (importCapture:
// parse, validate, pair every preflight, judge every request), against
// JSON.parse of the same text, timed in the same run. The goal: at
// most 1.5x JSON.parse. A benchmark, not a test: it exits 0 whatever the figures.
import { performance } from 'node:perf_hooks';
import { pairEvents } from '../src/core/pairing/pairEvents.ts';
import { importCapture } from '../src/core/trace/importCapture.ts';
import { traceToHar } from '../src/core/trace/traceToHar.ts';
import { generateEvents } from './events.ts';
import { fmt, measureAll, table } from './measure.ts';

const TARGET_BYTES = 100 * 1024 * 1024;
const GOAL_RATIO = 1.5;

// Generated captures written as CORS Lens writes HAR, pages appended until the file reaches 100 MB.
let start = performance.now();
const pages: { url: string; transactions: ReturnType<typeof pairEvents>['transactions'] }[] = [];
let bytes = 0;
for (let seed = 1; bytes < TARGET_BYTES; seed++) {
  const transactions = pairEvents(generateEvents(20_000, seed).events).transactions;
  pages.push({ url: `https://app${seed}.example.com/`, transactions });
  bytes += JSON.stringify(traceToHar({ pages: [{ url: `https://app${seed}.example.com/`, transactions }] })).length;
}
const text = JSON.stringify(traceToHar({ pages, browser: { name: 'Chromium', version: '156.0.0.0' } }));
const entries = (JSON.parse(text) as { log: { entries: unknown[] } }).log.entries.length;
console.log(`\nCORS Lens import benchmark: a HAR of ${fmt(text.length / 1024 ** 2)} MB, ${fmt(entries)} entries (${pages.length} pages), generated in ${fmt(performance.now() - start)} ms`);

start = performance.now();
const checked = importCapture(text);
console.log(`Checked: ${fmt(checked.transactions.length)} transactions judged again (${fmt(performance.now() - start)} ms, first run)`);

const [imported, parsed] = measureAll(
  [
    { name: 'importCapture (read, validate, pair, judge)', items: entries, unit: 'entries', run: () => importCapture(text).transactions.length },
    { name: 'baseline: JSON.parse', items: entries, unit: 'entries', run: () => (JSON.parse(text) as { log: { entries: unknown[] } }).log.entries.length },
  ],
  1,
  3,
);
if (!imported || !parsed) throw new Error('nothing measured');
console.log(table(['measured', 'median ms', 'min ms'], [imported, parsed].map((timing) => [timing.name, fmt(timing.median), fmt(timing.min)])));
const ratio = imported.median / parsed.median;
console.log(`importCapture / JSON.parse (medians): ${fmt(ratio)}x; min over min: ${fmt(imported.min / parsed.min)}x`);
console.log(`goal <= ${GOAL_RATIO}x: ${ratio <= GOAL_RATIO ? 'met' : 'NOT met'}`);
