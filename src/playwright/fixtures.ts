import type { BrowserContext, ExpectMatcherState, MatcherReturnType, Page, TestInfo } from '@playwright/test';
import { writeFile } from 'node:fs/promises';
import type { Transaction } from '../core/pairing/transaction.ts';
import { printable } from '../core/printable.ts';
import { redactSecrets } from '../core/trace/redact.ts';
import { recordContext, type ContextRecording } from './contextRecording.ts';
import { failureReport, isCorsFailure } from './corsFailures.ts';
import type { CorsLensOptions } from './index.ts';
import { resolveOptions, type ResolvedOptions } from './options.ts';
import { testReportFiles } from './reportFiles.ts';

type ContextState = { readonly recording: ContextRecording; readonly options: ResolvedOptions } | { readonly notRecorded: string };

/** Each test context's recording (or why it has none), for the matcher to find from a page. */
const contexts = new WeakMap<BrowserContext, ContextState>();

let saidCannotRecord = false;

/** Once per test process: which browsers cannot be recorded, and what that means for the tests. */
function sayCannotRecord(browserName: string): void {
  if (saidCannotRecord) return;
  saidCannotRecord = true;
  process.stderr.write(
    `cors-lens/playwright: CORS Lens records through Chromium's DevTools protocol and cannot record in ${browserName}: ${browserName} tests run as usual, unrecorded, and toHaveNoCorsErrors() passes there without checking. Chromium projects are checked.\n`,
  );
}

/** What the options let through: ignored URLs left out, secrets redacted unless kept. */
function shown(transactions: readonly Transaction[], options: ResolvedOptions): Transaction[] {
  const kept = transactions.filter((transaction) => !options.ignored(transaction));
  return options.includeSecrets ? kept : redactSecrets(kept).value;
}

type ReportTestInfo = Pick<TestInfo, 'status' | 'outputPath' | 'attach'>;

async function attachReport(context: BrowserContext, recording: ContextRecording, options: ResolvedOptions, testInfo: ReportTestInfo): Promise<void> {
  const judged = recording.judge();
  const files = testReportFiles({
    transactions: judged.transactions.filter((transaction) => !options.ignored(transaction)),
    stats: judged.stats,
    cache: judged.cache,
    pageUrl: context.pages()[0]?.url() ?? null,
    includeSecrets: options.includeSecrets,
    now: Date.now(),
  });
  if (!files) return;
  // Written into the test's output folder, so they are files beside its other results as well as attachments of its report.
  const attach = async (name: string, text: string, contentType: string): Promise<void> => {
    const path = testInfo.outputPath(name);
    await writeFile(path, text);
    await testInfo.attach(name, { path, contentType });
  };
  await attach('cors-lens.md', files.markdown, 'text/markdown');
  await attach('cors-lens.trace.json', `${JSON.stringify(files.trace, null, 2)}\n`, 'application/json');
}

/**
 * The `context` fixture, over Playwright's: records the context in Chromium
 * (nothing elsewhere, said once), and attaches the report when the test failed.
 */
export async function contextFixture(
  { context, corsLens, browserName }: { context: BrowserContext; corsLens: CorsLensOptions; browserName: string },
  use: (context: BrowserContext) => Promise<void>,
  testInfo: ReportTestInfo,
): Promise<void> {
  const options = resolveOptions(corsLens);
  if (!options.enabled || browserName !== 'chromium') {
    if (options.enabled) sayCannotRecord(browserName);
    contexts.set(context, { notRecorded: options.enabled ? `${browserName} cannot be recorded` : 'corsLens.enabled is false' });
    await use(context);
    return;
  }
  const recording = recordContext(context);
  contexts.set(context, { recording, options });
  await use(context);
  if (testInfo.status === 'failed' || testInfo.status === 'timedOut') await attachReport(context, recording, options, testInfo);
}

/** The `page` fixture, over Playwright's: the test gets its page once the page is recorded, so its first request is seen. */
export async function pageFixture({ page }: { page: Page }, use: (page: Page) => Promise<void>): Promise<void> {
  const state = contexts.get(page.context());
  if (state && 'recording' in state) await state.recording.attached(page);
  await use(page);
}

const ATTACHED =
  'When the test fails, CORS Lens attaches cors-lens.md and cors-lens.trace.json to its report: every cross-origin request of the test, explained.';

/** `expect(page).toHaveNoCorsErrors()`: see CorsLensMatchers in index.ts. */
export async function toHaveNoCorsErrors(this: ExpectMatcherState, page: Page, options: { timeout?: number } = {}): Promise<MatcherReturnType> {
  const hint = this.utils.matcherHint('toHaveNoCorsErrors', 'page', '', { isNot: this.isNot });
  const state = contexts.get(page.context());
  if (!state) {
    throw new Error(
      `${hint}\n\nThis page is not recorded by CORS Lens: take \`test\` and \`expect\` from 'cors-lens/playwright' (import { test, expect } from 'cors-lens/playwright') and use the test's page or context.`,
    );
  }
  if ('notRecorded' in state) return { name: 'toHaveNoCorsErrors', pass: !this.isNot, message: () => `${hint}\n\nNot checked: ${state.notRecorded}.` };
  const timeout = options.timeout ?? this.timeout;
  const settled = await state.recording.settled(page, timeout);
  const transactions = shown(state.recording.judge().of(page), state.options);
  const failures = transactions.filter(isCorsFailure);
  const inFlight = transactions.filter((transaction) => transaction.state === 'in-flight');
  const pending =
    !settled && inFlight.length > 0
      ? [
          '',
          `Still in flight after ${timeout} ms, so not judged: ${inFlight.map((transaction) => `${printable(transaction.request.method, 20)} ${printable(transaction.request.url, 300)}`).join(', ')}`,
        ]
      : [];
  const pass = failures.length === 0;
  const message = pass
    ? () => [hint, '', `Expected a request blocked by CORS, but none of the page's ${transactions.length} cross-origin requests was.`, ...pending].join('\n')
    : () => [hint, '', failureReport(failures, transactions.length), ...pending, '', ATTACHED].join('\n');
  return { name: 'toHaveNoCorsErrors', pass, message };
}
