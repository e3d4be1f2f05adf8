// CORS Lens engine benchmark (`npm run bench`). Measures:
//  1. decideVerdict over 100,000 generated exchanges (every shape: simple,
//     credentialed, preflighted passing and failing each way, redirects,
//     cache-served, network errors), without and with a PreflightCache;
//  2. pairEvents over 100,000 generated RequestEvents (preflights, concurrent
//     requests to one URL, redirects, failures).
// Speeds are also given as ratios to baselines timed in the same run, since
// absolute figures depend on the machine: JSON.stringify of each exchange (a
// familiar per-object cost) for verdicts, and sorting the 100,000 events by
// time (work pairEvents must at least do) for pairing.
// Data is deterministic (seeded mulberry32) and checked before timing. Each
// timed run gets fresh copies of it (structuredClone, untimed): the engine
// memoises per header list and per response object, and judging the same
// objects again would time those memos rather than the engine.
// A benchmark, not a test: these are watch figures, held to no goal (a change
// to the engine is compared with the version before it, timed in one run),
// and it exits 0 either way.
import { cpus, platform, arch } from 'node:os';
import { performance } from 'node:perf_hooks';
import { PreflightCache } from '../src/core/cache/preflightCache.ts';
import { decideVerdict } from '../src/core/cors/decideVerdict.ts';
import { pairEvents } from '../src/core/pairing/pairEvents.ts';
import { generateEvents } from './events.ts';
import { generateExchanges, KIND_NAMES } from './exchanges.ts';
import { checksum, fmt, measureAll, perSecond, table, type Measured, type Timing } from './measure.ts';
import { verifyPairing, verifyVerdicts } from './verify.ts';

const EXCHANGES = 100_000;
const EVENTS = 100_000;
const WARMUPS = 2;
const ROUNDS = 7;

const cpuList = cpus();
console.log('CORS Lens engine benchmark');
console.log(`Node ${process.version}, ${platform()} ${arch()}, ${cpuList.length} CPUs: ${cpuList[0]?.model.trim() ?? 'unknown model'}`);

let start = performance.now();
const generated = generateExchanges(EXCHANGES);
const exchanges = generated.map((item) => item.exchange);
const stream = generateEvents(EVENTS);
const { events } = stream;
// What each timed run judges: a fresh copy (see Measured.prepare).
let judging = exchanges;
let paired = events;
const freshExchanges = (): void => {
  judging = structuredClone(exchanges);
};
const freshEvents = (): void => {
  paired = structuredClone(events);
};
const preflighted = exchanges.filter((exchange) => exchange.hops.some((hop) => hop.preflight)).length;
const redirected = exchanges.filter((exchange) => exchange.hops.length > 1).length;
const blocked = generated.filter((item) => item.expected.outcome === 'blocked').length;
console.log(
  `Generated ${fmt(exchanges.length)} exchanges (${KIND_NAMES.length} kinds: ${fmt(blocked)} blocked, ${fmt(preflighted)} with a preflight, ${fmt(redirected)} redirected) and ${fmt(events.length)} events (${fmt(stream.expected.size)} requests, ${fmt(stream.preflights)} preflights) in ${fmt(performance.now() - start)} ms`,
);

start = performance.now();
const verdicts = verifyVerdicts(generated);
const pairing = verifyPairing(stream);
console.log(
  `Checked verdicts: ${fmt(verdicts.checked)} as built (up to 25 per kind); with a PreflightCache no outcome changes (${fmt(verdicts.cacheHits)} hops served by it)`,
);
console.log(
  `Checked pairing: ${fmt(pairing.transactions)} transactions, ${fmt(pairing.withPreflight)} with their generated preflights, none unpaired; ` +
    `${fmt(pairing.cacheHits)} served by the cache model as built, ${fmt(pairing.evicted)} more evicted by its 1,024-entry limit (checks: ${fmt(performance.now() - start)} ms)`,
);

const subjects: Measured[] = [
  { name: 'decideVerdict', items: exchanges.length, unit: 'verdicts/s', prepare: freshExchanges, run: () => countBlocked(() => undefined) },
  {
    name: 'decideVerdict + PreflightCache',
    items: exchanges.length,
    unit: 'verdicts/s',
    prepare: freshExchanges,
    run: () => countBlocked(() => new PreflightCache()),
  },
  { name: 'baseline: JSON.stringify(exchange)', items: exchanges.length, unit: 'exchanges/s', prepare: freshExchanges, run: stringifyAll },
  { name: 'pairEvents', items: events.length, unit: 'events/s', prepare: freshEvents, run: () => pairEvents(paired).transactions.length },
  {
    name: 'baseline: sort events by time',
    items: events.length,
    unit: 'events/s',
    prepare: freshEvents,
    run: () => paired.slice().sort((a, b) => a.time - b.time).length,
  },
];

function countBlocked(makeCache: () => PreflightCache | undefined): number {
  const cache = makeCache();
  const options = cache ? { cache } : {};
  let blocked = 0;
  for (const exchange of judging) if (decideVerdict(exchange, options).outcome === 'blocked') blocked++;
  return blocked;
}

function stringifyAll(): number {
  let length = 0;
  for (const exchange of judging) length += JSON.stringify(exchange).length;
  return length;
}

console.log(`Method: ${WARMUPS} untimed warm-up runs each, then ${ROUNDS} timed rounds (each function once per round, in turn); performance.now()\n`);
const [verdict, verdictCached, stringify, pair, sort] = measureAll(subjects, WARMUPS, ROUNDS) as [Timing, Timing, Timing, Timing, Timing];

console.log(
  table(
    ['measured', 'items', 'median ms', 'min ms', 'median rate', 'best rate'],
    [verdict, verdictCached, stringify, pair, sort].map((t) => [
      t.name,
      fmt(t.items),
      fmt(t.median),
      fmt(t.min),
      `${fmt(perSecond(t))} ${t.unit}`,
      `${fmt(perSecond(t, t.min))} ${t.unit}`,
    ]),
  ),
);

const ratio = (a: Timing, b: Timing): string => `${fmt(a.median / b.median)}x (${fmt(a.min / b.min)}x)`;
console.log('\nRatios to the baselines timed in the same run (medians; in brackets, min over min)');
console.log(
  table(
    ['ratio', 'value'],
    [
      ['verdict cost / JSON.stringify cost', ratio(verdict, stringify)],
      ['verdict+cache cost / JSON.stringify cost', ratio(verdictCached, stringify)],
      ['pairEvents cost / sort-by-time cost', ratio(pair, sort)],
    ],
  ),
);

console.log('');
console.log(`watch figure (no goal): decideVerdict, median: ${fmt(perSecond(verdict))} verdicts/s`);
console.log(`watch figure (no goal): pairEvents of ${fmt(EVENTS)} events, median: ${fmt(pair.median)} ms`);
if (Number.isNaN(checksum())) console.log('(checksum NaN)');
