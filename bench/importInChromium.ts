// The import benchmark's measurement in Chromium (import.bench.ts calls it
// for the files held to the goal): the panel's own import worker, as built
// (dist/assets/importWorker-*.js), in Chromium's V8, where the product runs;
// importMeasure.ts measures the same engine in Node, where `cors-lens
// explain` runs. Each round starts a fresh worker, as the panel does for
// every file, so each import runs on cold code, as a user's only one does.
// Timed from posting the File to the last transaction received: reading the
// file, judging it, and the panel's thread receiving the transactions.
// The product's worker says nothing of its own times: the split into
// reading, readCapture and judgeCapture comes from the benchmark's own
// worker (importStagesWorker.ts, the same engine bundled by esbuild), fresh
// in the same rounds. The baseline, in the same rounds: a fresh worker that
// reads the same File and runs JSON.parse on its text, timed twice:
// JSON.parse alone, and from posting the File to its answer.
import { createReadStream, existsSync, readdirSync } from 'node:fs';
import { copyFile, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS, CHROMIUM_PATH, EXTENSION_DIR } from '../src/cli/record/launchWithExtension.ts';
import { fmt, medianOf as median, table } from './measure.ts';

const ROUNDS = 5;

// Reads the File it is sent, then times JSON.parse of its text.
const PARSE_WORKER = `self.onmessage = async (event) => {
  const text = await event.data.file.text();
  const start = performance.now();
  const entries = JSON.parse(text).log.entries.length;
  self.postMessage({ parseMs: performance.now() - start, entries });
};`;

// The page: for each round, the baseline worker, the import worker, then the stages worker, each fresh.
const PAGE = `<!doctype html><meta charset="utf-8"><title>import benchmark</title><script type="module">
const file = new File([await (await fetch('./capture.har')).blob()], 'capture.har', { type: 'application/json' });
const timed = (script, onMessage) => new Promise((resolve, reject) => {
  const worker = new Worker(script);
  const start = performance.now();
  worker.onerror = (event) => reject(new Error(event.message || script + ' failed'));
  worker.onmessage = (event) => {
    try {
      const done = onMessage(event.data);
      if (done) { resolve({ ms: performance.now() - start, ...done }); worker.terminate(); }
    } catch (error) { reject(error); worker.terminate(); }
  };
  worker.postMessage({ file });
});
const rounds = [];
for (let round = 0; round < ${ROUNDS}; round++) {
  const parsed = await timed('./parseWorker.js', (data) => data);
  let judged = null, received = 0;
  const imported = await timed('./importWorker.js', (message) => {
    if (message.type === 'failed') throw new Error(message.message);
    if (message.type === 'judged') judged = message;
    else received += message.rows.length;
    return judged !== null && received >= judged.count ? { transactions: received } : null;
  });
  const stages = await timed('./stagesWorker.js', (data) => data);
  if (stages.transactions !== imported.transactions) throw new Error('the stages worker judged ' + stages.transactions + ' transactions, the import worker ' + imported.transactions);
  rounds.push({ parseMs: parsed.parseMs, parseAllMs: parsed.ms, importMs: imported.ms, readMs: stages.readMs, readCaptureMs: stages.readCaptureMs, judgeCaptureMs: stages.judgeCaptureMs, transactions: imported.transactions });
}
window.importRounds = rounds;
</script>`;

interface Round {
  readonly parseMs: number;
  readonly parseAllMs: number;
  readonly importMs: number;
  /** Reading the file, parsing it (readCapture) and judging it (judgeCapture), as the stages worker times them in the same round (importStagesWorker.ts). */
  readonly readMs: number;
  readonly readCaptureMs: number;
  readonly judgeCaptureMs: number;
  readonly transactions: number;
}

/** The import worker the build wrote (its name carries a content hash). */
function builtImportWorker(): string {
  const assets = join(EXTENSION_DIR, 'assets');
  const name = existsSync(assets) ? readdirSync(assets).find((file) => /^importWorker-.*\.js$/.test(file)) : undefined;
  if (!name) throw new Error(`no built import worker in ${assets}: run "npm run build" first`);
  return join(assets, name);
}

/** The benchmark's stages worker, bundled for a classic worker as the build bundles the import worker. */
async function buildStagesWorker(outfile: string): Promise<void> {
  await build({
    entryPoints: [fileURLToPath(new URL('./importStagesWorker.ts', import.meta.url))],
    outfile,
    bundle: true,
    format: 'iife',
    platform: 'browser',
    target: 'chrome120',
    minify: true,
    logLevel: 'warning',
  });
}

/** Measures the import of the HAR at `harPath` in Chromium and prints the figures. */
export async function measureImportInChromium(harPath: string, name: string, goalRatio: number): Promise<void> {
  const folder = await mkdtemp(join(tmpdir(), 'cors-lens-import-chromium-'));
  const server = createServer((request, response) => {
    const file = {
      '/': 'index.html',
      '/capture.har': 'capture.har',
      '/parseWorker.js': 'parseWorker.js',
      '/importWorker.js': 'importWorker.js',
      '/stagesWorker.js': 'stagesWorker.js',
    }[request.url ?? ''];
    if (!file) {
      response.writeHead(404).end();
      return;
    }
    response.writeHead(200, { 'content-type': file.endsWith('.html') ? 'text/html' : file.endsWith('.js') ? 'text/javascript' : 'application/json' });
    createReadStream(join(folder, file)).pipe(response);
  });
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
  try {
    await Promise.all([
      writeFile(join(folder, 'index.html'), PAGE),
      writeFile(join(folder, 'parseWorker.js'), PARSE_WORKER),
      copyFile(builtImportWorker(), join(folder, 'importWorker.js')),
      buildStagesWorker(join(folder, 'stagesWorker.js')),
      symlink(harPath, join(folder, 'capture.har')),
    ]);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const page = await browser.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`);
    const result = await page
      .waitForFunction(() => (globalThis as { importRounds?: unknown }).importRounds, undefined, { timeout: 600_000, polling: 500 })
      .catch((error: unknown) => {
        throw new Error(errors[0] ?? String(error));
      });
    const rounds = (await result.jsonValue()) as Round[];
    const parse = median(rounds.map((round) => round.parseMs));
    const row = (label: string, times: readonly number[]): string[] => [label, fmt(median(times)), fmt(Math.min(...times)), `${fmt(median(times) / parse)}x`];
    const importCapture = rounds.map((round) => round.readCaptureMs + round.judgeCaptureMs);
    const judgeRatio = median(rounds.map((round) => (round.readCaptureMs + round.judgeCaptureMs) / round.parseMs));
    console.log(`\nIn Chromium (${fmt(rounds[0]?.transactions ?? 0)} transactions; ${ROUNDS} rounds, a fresh worker each): ${name}`);
    console.log(
      table(
        ['measured in a worker of the page', 'median ms', 'min ms', '/ JSON.parse'],
        [
          row(
            "the panel's import worker, as built: from the File to the last transaction received",
            rounds.map((round) => round.importMs),
          ),
          row(
            '  of which reading the file (File.text; the stages worker times the three)',
            rounds.map((round) => round.readMs),
          ),
          row('  of which importCapture', importCapture),
          row(
            '    of which parsing and validating, no CORS rule yet (readCapture)',
            rounds.map((round) => round.readCaptureMs),
          ),
          row(
            '    of which pairing and judging (judgeCapture)',
            rounds.map((round) => round.judgeCaptureMs),
          ),
          row(
            '  the rest: starting the worker and handing the transactions over',
            rounds.map((round) => round.importMs - round.readMs - round.readCaptureMs - round.judgeCaptureMs),
          ),
          row(
            'baseline: from the File to JSON.parse done, in a worker',
            rounds.map((round) => round.parseAllMs),
          ),
          row(
            'baseline: JSON.parse, in a worker',
            rounds.map((round) => round.parseMs),
          ),
        ],
      ),
    );
    console.log(
      `in Chromium, importCapture / JSON.parse, each in a fresh worker, median of the ratios round by round: ${fmt(judgeRatio)}x; goal <= ${goalRatio}x: ${judgeRatio <= goalRatio ? 'met' : 'NOT met'}`,
    );
    // What the goal leaves for the CORS work: readCapture is what any importer built on JSON.parse pays before its first rule.
    const readRatio = median(rounds.map((round) => round.readCaptureMs / round.parseMs));
    console.log(
      `in Chromium, readCapture alone (parse and validate) / JSON.parse: ${fmt(readRatio)}x, which leaves ${fmt(Math.max(0, goalRatio - readRatio))}x of JSON.parse's time for pairing and judging; judgeCapture takes ${fmt(median(rounds.map((round) => round.judgeCaptureMs / round.parseMs)))}x`,
    );
  } finally {
    await browser.close();
    server.close();
    await rm(folder, { recursive: true, force: true });
  }
}
