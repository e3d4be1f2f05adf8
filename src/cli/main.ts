import { Command, CommanderError, InvalidArgumentError } from 'commander';
import { readFile, stat, writeFile } from 'node:fs/promises';
import { markdownSummary } from '../core/explain/markdownSummary.ts';
import { HarReadError } from '../core/har/readHar.ts';
import { JsonTextError } from '../core/json/jsonText.ts';
import { MAX_CAPTURE_BYTES } from '../core/trace/importCapture.ts';
import { TraceReadError } from '../core/trace/readTrace.ts';
import { describeRedactions } from '../core/trace/redact.ts';
import { traceToHar } from '../core/trace/traceToHar.ts';
import { CORS_LENS_VERSION } from '../core/trace/version.ts';
import type { BrowserName } from '../core/browsers/browserRules.ts';
import { explainFile, explainTransactions } from './explainReport.ts';
import { printable } from '../core/printable.ts';
import { formatReport } from './formatReport.ts';

/** A problem the user can fix: printed as one line, exit code 1. */
class UsageError extends Error {}

export const DEFAULT_RECORD_TIMEOUT_MS = 30_000;

/** The browsers CORS Lens judges as, and records in. */
const BROWSERS = ['chromium', 'firefox'] as const;

function browserName(text: string): BrowserName {
  if ((BROWSERS as readonly string[]).includes(text)) return text as BrowserName;
  throw new InvalidArgumentError(`one of ${BROWSERS.join(', ')}`);
}

interface RecordCommandOptions {
  browser: BrowserName;
  out?: string;
  har?: string;
  json?: boolean;
  timeoutMs: number;
  waitFor?: string;
  headless?: boolean;
  includeSecrets?: boolean;
}

function pageUrl(text: string): string {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new UsageError(`not a URL: ${JSON.stringify(text)} (give one such as https://example.com/)`);
  }
  // file: too: a page opened from a file calling an API is a classic CORS failure (its origin is "null").
  if (url.protocol !== 'http:' && url.protocol !== 'https:' && url.protocol !== 'file:')
    throw new UsageError(`${text}: only http:, https: and file: pages can be recorded`);
  return url.href;
}

function positiveInteger(text: string): number {
  const value = Number(text);
  if (!Number.isInteger(value) || value <= 0) throw new InvalidArgumentError('a whole number of milliseconds, above 0');
  return value;
}

async function writeOutput(file: string, text: string): Promise<void> {
  try {
    await writeFile(file, text);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new UsageError(
      `${file}: cannot be written (${code === 'EACCES' ? 'permission denied' : code === 'ENOENT' ? 'no such folder' : (code ?? 'write error')})`,
    );
  }
}

async function record(target: string, options: RecordCommandOptions): Promise<void> {
  const url = pageUrl(target);
  // Loaded only here: Playwright takes longer to load than the rest of the command.
  const [{ LaunchError }, { RecordError, recordUrl }] = await Promise.all([import('./record/launchWithExtension.ts'), import('./record/recordUrl.ts')]);
  let recording;
  try {
    recording = await recordUrl({
      url,
      timeoutMs: options.timeoutMs,
      headless: options.headless === true || !process.env.DISPLAY,
      includeSecrets: options.includeSecrets === true,
      browser: options.browser,
      ...(options.waitFor === undefined ? {} : { waitFor: options.waitFor }),
    });
  } catch (error) {
    if (error instanceof RecordError || error instanceof LaunchError) throw new UsageError(error.message);
    throw error;
  }
  const { trace, browserVersion, settled, ready } = recording;
  if (!ready)
    process.stderr.write(
      `cors-lens: nothing matched --wait-for ${printable(options.waitFor ?? '', 200)} within ${options.timeoutMs} ms; recorded what was captured by then\n`,
    );
  else if (!settled) process.stderr.write(`cors-lens: the network was still busy after ${options.timeoutMs} ms; recorded what was captured by then\n`);
  if (options.out) await writeOutput(options.out, `${JSON.stringify(trace, null, 2)}\n`);
  if (options.har) {
    const har = traceToHar({
      pages: [{ url: trace.page.url, transactions: trace.transactions }],
      browser: { name: options.browser === 'firefox' ? 'Firefox' : 'Chromium', version: browserVersion },
    });
    await writeOutput(options.har, `${JSON.stringify(har, null, 2)}\n`);
  }
  if ((options.out || options.har) && trace.secrets === 'redacted' && trace.redactedValues > 0) {
    process.stderr.write(`cors-lens: ${describeRedactions(trace)} of the files (--include-secrets keeps them)\n`);
  }
  const report = explainTransactions(trace.transactions, trace.session.leftOut, { browser: options.browser });
  process.stdout.write(options.json ? `${JSON.stringify(report.requests, null, 2)}\n` : formatReport(report, url));
}

async function readHarText(file: string): Promise<string> {
  let size: number;
  try {
    const info = await stat(file);
    if (info.isDirectory()) throw new UsageError(`${file}: is a directory, not a HAR file`);
    size = info.size;
  } catch (error) {
    if (error instanceof UsageError) throw error;
    throw new UsageError(`${file}: no such file`);
  }
  if (size > MAX_CAPTURE_BYTES) {
    throw new UsageError(
      `${file}: ${formatBytes(size)} is too large; cors-lens reads HAR files up to ${formatBytes(MAX_CAPTURE_BYTES)} (export a shorter capture)`,
    );
  }
  try {
    return await readFile(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new UsageError(`${file}: cannot be read (${code === 'EACCES' ? 'permission denied' : (code ?? 'read error')})`);
  }
}

function formatBytes(bytes: number): string {
  return bytes >= 1024 ** 3 ? `${(bytes / 1024 ** 3).toFixed(1)} GB` : `${Math.round(bytes / 1024 ** 2)} MB`;
}

export function createProgram(): Command {
  const program = new Command('cors-lens')
    .description("Explains CORS: which requests the browser blocked, why, in Chromium's own terms, and the fix on the server.")
    .version(CORS_LENS_VERSION, '-V, --version', 'print the version of cors-lens')
    .exitOverride()
    .configureOutput({ writeErr: (text) => process.stderr.write(text) });
  program
    .command('explain')
    .description('Pair each preflight with its request in a HAR file or CORS Lens trace and explain every cross-origin verdict')
    .argument('<file>', 'a HAR 1.2 file (Chrome DevTools, Firefox, Playwright recordHar, CORS Lens) or a CORS Lens trace (cors-lens record --out)')
    .option('--json', 'print one JSON object per cross-origin request, in file order')
    .option('--markdown', 'print a Markdown summary per cross-origin request, for a bug report')
    .option('--fail-on-blocked', 'exit with code 1 when CORS blocked any request (for CI pipelines)')
    .option(
      '--browser <name>',
      'judge as this browser: chromium, or firefox (its rules where they differ, and its reason for each blocked request)',
      browserName,
      'chromium',
    )
    .action(async (file: string, options: { json?: boolean; markdown?: boolean; failOnBlocked?: boolean; browser: BrowserName }) => {
      if (options.json && options.markdown) throw new UsageError('--json and --markdown cannot be used together');
      const text = await readHarText(file);
      let report;
      try {
        report = explainFile(text, { browser: options.browser });
      } catch (error) {
        if (error instanceof HarReadError || error instanceof TraceReadError || error instanceof JsonTextError)
          throw new UsageError(`${file}: ${error.message}`);
        throw error;
      }
      // Control characters from header values never reach the terminal (markdownSummary keeps line breaks out of values).
      if (options.markdown)
        process.stdout.write(
          report.transactions
            .map((transaction) =>
              markdownSummary(transaction)
                .split('\n')
                .map((line) => printable(line, Infinity))
                .join('\n'),
            )
            .join('\n'),
        );
      else process.stdout.write(options.json ? `${JSON.stringify(report.requests, null, 2)}\n` : formatReport(report, file));
      const blocked = report.requests.filter((request) => request.blocked).length;
      // After the report, which names each blocked request and its fix: one line saying why the exit code is 1.
      if (options.failOnBlocked && blocked > 0)
        throw new UsageError(
          `${blocked} of ${report.requests.length} cross-origin requests ${blocked === 1 ? 'was' : 'were'} blocked by CORS (--fail-on-blocked)`,
        );
    });
  program
    .command('record')
    .description('Open a page in Chromium (or Firefox ESR) with the CORS Lens extension, and explain every cross-origin verdict the extension captured')
    .argument('<url>', 'the page to open (http:, https: or file:)')
    .option('--out <file>', 'write the CORS Lens trace (versioned JSON)')
    .option('--har <file>', 'write the capture as HAR 1.2, preflights as their own entries (as Chrome DevTools exports)')
    .option('--json', 'print one JSON object per cross-origin request, in the order they started')
    .option('--timeout-ms <ms>', 'how long to wait for the page to load and its network to go idle', positiveInteger, DEFAULT_RECORD_TIMEOUT_MS)
    .option('--wait-for <selector>', 'wait until an element matches this CSS selector (the page saying it is done) before waiting for its network to go idle')
    .option(
      '--browser <name>',
      'chromium (/usr/bin/chromium with dist/), or firefox (/usr/bin/firefox-esr with dist-firefox/: verdicts as Firefox judges, with its reason for each)',
      browserName,
      'chromium',
    )
    .option('--headless', 'run the browser headless even when there is a display (it is headless without one)')
    .option(
      '--include-secrets',
      'keep Cookie, Set-Cookie and Authorization values, and secret query values (token, key, secret, password, sig, session), in the written files',
    )
    .action(record);
  return program;
}

/** Runs the CLI; resolves to the exit code. Never lets a stack trace reach the user. */
export async function main(argv: readonly string[]): Promise<number> {
  try {
    await createProgram().parseAsync(argv, { from: 'user' });
    return 0;
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode;
    if (error instanceof UsageError) {
      process.stderr.write(`cors-lens: ${printable(error.message, 400)}\n`);
      return 1;
    }
    const message = error instanceof Error ? error.message : String(error);
    process.stderr.write(`cors-lens: internal error: ${printable(message.split('\n')[0] ?? '', 300)} (please report it)\n`);
    if (process.env.CORS_LENS_DEBUG) console.error(error);
    return 2;
  }
}
