// The import benchmark's measurement, run in a process of its own for each
// file (import.bench.ts starts it): a fresh V8 isolate, as `cors-lens explain`
// and the panel's import worker (started anew for every file) have. Reads
// the file, then times importCapture against JSON.parse of the same text.
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { importCapture } from '../src/core/trace/importCapture.ts';
import { fmt, measureAll, medianRatioByRound, table } from './measure.ts';

const GOAL_RATIO = 1.5;
// Each round reads 100 MB twice; five rounds keep one slow moment of the machine from deciding the median.
const ROUNDS = 5;

const [path, name = path, judge = 'goal'] = process.argv.slice(2);
if (!path) throw new Error('usage: importMeasure.ts FILE [NAME] [goal|no-goal]');
const text = readFileSync(path, 'utf8');
const judgeGoal = judge === 'goal';

// The first import runs on code V8 has not optimised yet, as the panel's import worker's only one does.
const start = performance.now();
const checked = importCapture(text);
const firstRun = performance.now() - start;
const entries = (JSON.parse(text) as { log: { entries: unknown[] } }).log.entries.length;
console.log(`\n${name}: ${fmt(text.length / 1024 ** 2)} MB, ${fmt(entries)} entries (${fmt(text.length / entries / 1024)} KB each); ${fmt(checked.transactions.length)} transactions judged again (first run ${fmt(firstRun)} ms)`);
const [imported, parsed] = measureAll(
  [
    { name: 'importCapture (read, validate, pair, judge)', items: entries, unit: 'entries', run: () => importCapture(text).transactions.length },
    { name: 'baseline: JSON.parse', items: entries, unit: 'entries', run: () => (JSON.parse(text) as { log: { entries: unknown[] } }).log.entries.length },
  ],
  1,
  ROUNDS,
);
if (!imported || !parsed) throw new Error('nothing measured');
console.log(table(['measured', 'median ms', 'min ms'], [imported, parsed].map((timing) => [timing.name, fmt(timing.median), fmt(timing.min)])));
const ratio = imported.median / parsed.median;
console.log(
  `importCapture / JSON.parse (medians): ${fmt(ratio)}x; median of the ratios round by round: ${fmt(medianRatioByRound(imported, parsed))}x; min over min: ${fmt(imported.min / parsed.min)}x` +
    (judgeGoal ? `; goal <= ${GOAL_RATIO}x (medians): ${ratio <= GOAL_RATIO ? 'met' : 'NOT met'}` : ''),
);
