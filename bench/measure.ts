// Timing and printing helpers: warm-up runs, then timed rounds in which every
// measured function runs once, in turn, each after a full garbage collection,
// so a slow moment of the machine (another process) hits the engine and its
// baseline alike; median and min of performance.now() per function.
import { performance } from 'node:perf_hooks';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

// A full garbage collection before each timed run (untimed): otherwise the
// garbage one run leaves (100 MB files parse into several hundred MB) is
// collected in the middle of whichever run comes next.
setFlagsFromString('--expose-gc');
const collectGarbage = runInNewContext('gc') as () => void;

export interface Measured {
  readonly name: string;
  /** Items one run handles (verdicts, events), for the per-second column. */
  readonly items: number;
  readonly unit: string;
  readonly run: () => number;
  /**
   * Untimed, before every run: fresh copies of the input, so memos keyed by
   * object (the engine classifies each header list once) cannot carry one
   * run's work into the next, as no real capture is judged twice.
   */
  readonly prepare?: () => void;
}

export interface Timing {
  readonly name: string;
  readonly items: number;
  readonly unit: string;
  /** Sorted. */
  readonly runs: readonly number[];
  /** The same times in round order, to pair each with another subject's time in the same round. */
  readonly byRound: readonly number[];
  readonly median: number;
  readonly min: number;
}

/** Results flow here so no run can be optimised away. */
let sink = 0;
export const checksum = (): number => sink;

export function measureAll(subjects: readonly Measured[], warmups: number, rounds: number): Timing[] {
  for (let i = 0; i < warmups; i++) {
    for (const subject of subjects) {
      subject.prepare?.();
      sink += subject.run();
    }
  }
  const runs = subjects.map(() => [] as number[]);
  for (let round = 0; round < rounds; round++) {
    subjects.forEach((subject, index) => {
      subject.prepare?.();
      collectGarbage();
      const start = performance.now();
      sink += subject.run();
      runs[index]?.push(performance.now() - start);
    });
  }
  return subjects.map((subject, index) => {
    const times = [...(runs[index] ?? [])].sort((a, b) => a - b);
    return {
      name: subject.name,
      items: subject.items,
      unit: subject.unit,
      runs: times,
      byRound: runs[index] ?? [],
      median: median(times),
      min: times[0] ?? NaN,
    };
  });
}

/** The median of each round's ratio a/b: a paired figure, which a slow moment of the machine moves less than either median. */
export function medianRatioByRound(a: Timing, b: Timing): number {
  return median(a.byRound.map((time, round) => time / (b.byRound[round] ?? NaN)).sort((x, y) => x - y));
}

/** The median of any list of figures. */
export function medianOf(values: readonly number[]): number {
  return median([...values].sort((a, b) => a - b));
}

function median(sorted: readonly number[]): number {
  const middle = Math.floor(sorted.length / 2);
  if (sorted.length % 2 === 1) return sorted[middle] ?? NaN;
  return ((sorted[middle - 1] ?? NaN) + (sorted[middle] ?? NaN)) / 2;
}

export const perSecond = (timing: Timing, ms = timing.median): number => timing.items / (ms / 1000);

/** 1234567 -> "1,234,567"; 12.345 -> "12.3"; 0.01234 -> "0.0123" (three significant figures below 100). */
export function fmt(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  if (Math.abs(value) >= 100) return Math.round(value).toLocaleString('en-US');
  return value.toPrecision(3);
}

/** A plain-text table: first column left-aligned, the others right-aligned. */
export function table(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const all = [header, ...rows];
  const widths = header.map((_, column) => Math.max(...all.map((row) => (row[column] ?? '').length)));
  const line = (row: readonly string[]): string =>
    row
      .map((cell, column) => (column === 0 ? cell.padEnd(widths[column] ?? 0) : cell.padStart(widths[column] ?? 0)))
      .join('   ')
      .trimEnd();
  return [line(header), widths.map((width) => '-'.repeat(width)).join('   '), ...rows.map(line)].join('\n');
}
