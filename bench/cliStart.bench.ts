// CORS Lens command-line start benchmark (part of `npm run bench`): how long
// `cors-lens` takes to start, as a user runs it (a new Node process running
// bin/cors-lens.js, which loads the compiled dist-cli/), against a bare
// `node -e 0` timed in the same rounds. The goal: within six times that bare
// start plus 150 ms. Measured for `--version` (starting, nothing else) and
// for `explain` on a small HAR file (starting, then reading and judging it).
// Needs `npm run build` (the bench script runs it first).
// A benchmark, not a test: it exits 0 whatever the figures.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fmt, medianOf as median, table } from './measure.ts';

const ROOT = join(import.meta.dirname, '..');
const BIN = join(ROOT, 'bin', 'cors-lens.js');
const HAR = join(ROOT, 'test', 'fixtures', 'har', 'chrome-devtools-2025-preflights-ok-custom-headers-mobile-emulation.har');
const WARMUPS = 2;
const ROUNDS = 15;
const GOAL_FACTOR = 6;
const GOAL_EXTRA_MS = 150;

if (!existsSync(join(ROOT, 'dist-cli', 'cli.js'))) {
  console.error('cliStart.bench: dist-cli/ is missing; run "npm run build" first');
  process.exit(1);
}

const subjects: readonly { readonly name: string; readonly args: readonly string[] }[] = [
  { name: 'node -e 0 (bare Node start)', args: ['-e', '0'] },
  { name: 'cors-lens --version', args: [BIN, '--version'] },
  { name: 'cors-lens explain (3-request HAR)', args: [BIN, 'explain', HAR] },
];

function timeOnce(args: readonly string[]): number {
  const start = performance.now();
  const result = spawnSync(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  const elapsed = performance.now() - start;
  if (result.status !== 0) throw new Error(`node ${args.join(' ')} exited with ${result.status}: ${result.stderr.toString()}`);
  return elapsed;
}

// Every round runs each subject once, in turn: a slow moment of the machine hits them alike.
const times = subjects.map(() => [] as number[]);
for (let round = 0; round < WARMUPS + ROUNDS; round++) {
  subjects.forEach((subject, index) => {
    const elapsed = timeOnce(subject.args);
    if (round >= WARMUPS) times[index]?.push(elapsed);
  });
}

const [bare = [], ...cli] = times;
const bareMedian = median(bare);
const budget = GOAL_FACTOR * bareMedian + GOAL_EXTRA_MS;
console.log(
  `\nCORS Lens command-line start: ${ROUNDS} rounds (after ${WARMUPS} warm-ups), each starting a new Node process for every line in turn (Node ${process.version})`,
);
console.log(
  table(
    ['start', 'median ms', 'min ms', 'max ms', 'x node -e 0'],
    subjects.map((subject, index) => {
      const runs = times[index] ?? [];
      return [subject.name, fmt(median(runs)), fmt(Math.min(...runs)), fmt(Math.max(...runs)), `${fmt(median(runs) / bareMedian)}x`];
    }),
  ),
);
console.log(`goal: at most ${GOAL_FACTOR}x node -e 0 + ${GOAL_EXTRA_MS} ms = ${fmt(budget)} ms in this run`);
cli.forEach((runs, index) => {
  const name = subjects[index + 1]?.name ?? '';
  console.log(`${name}: ${fmt(median(runs))} ms, goal ${median(runs) <= budget ? 'met' : 'NOT met'}`);
});
