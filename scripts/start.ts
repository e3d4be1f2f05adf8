// `npm start`: builds the extension, starts the CORS lab, and runs every lab
// scenario in Debian's Chromium with the CORS Lens extension loaded. With a
// display it leaves a visible Chromium open on the lab page, DevTools open
// (its CORS panel is there); headless it closes when done. Either way it
// writes the extension's capture as a trace and a HAR file, and prints what
// Chromium decided next to what the extension concluded from its capture.
import { mkdir, writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { build } from 'vite';
import { traceToHar } from '../src/core/trace/traceToHar.ts';
import { SCENARIOS } from '../e2e/lab/scenarios/index.ts';
import { startLab } from '../e2e/lab/server.ts';
import { openExtensionProbe } from '../e2e/support/extensionProbe.ts';
import { launchLabBrowser } from '../e2e/support/labBrowser.ts';
import { openLabPages } from '../e2e/support/labPages.ts';
import { runScenario, type ScenarioResult } from '../e2e/support/scenarioRunner.ts';
import { formatSummary } from '../e2e/support/summaryTable.ts';

const HAR_FILE = resolve('out/lab.har');
const TRACE_FILE = resolve('out/lab.trace.json');
const headed = Boolean(process.env.DISPLAY);

console.log('Building the extension…');
await build({ logLevel: 'warn' });

const lab = await startLab(SCENARIOS);
console.log(`Lab page ${lab.pageOrigin}/  API ${lab.apiOrigin}`);
const browser = await launchLabBrowser({ headless: !headed, args: [...lab.chromiumArgs, ...(headed ? ['--auto-open-devtools-for-tabs'] : [])] });
const pages = openLabPages(browser.context, lab);
const probe = await openExtensionProbe(browser.context, browser.extensionId);
await pages.get('page');
const version = browser.context.browser()?.version() ?? 'unknown';

console.log(`Running ${SCENARIOS.length} scenarios in Chromium ${version}${headed ? ' (visible window)' : ' (headless)'}…`);
const results: ScenarioResult[] = [];
for (const [index, scenario] of SCENARIOS.entries()) {
  if (process.stdout.isTTY) process.stdout.write(`\r  ${index + 1}/${SCENARIOS.length} ${scenario.name}`.padEnd(78).slice(0, 78));
  results.push(await runScenario(pages, lab, scenario, scenario.rejectedInRenderer ? undefined : probe));
}
if (process.stdout.isTTY) process.stdout.write(`\r${' '.repeat(78)}\r`);

// The extension's capture of each lab page, as `cors-lens record` writes it.
await mkdir('out', { recursive: true });
const traces = await Promise.all(pages.opened().map(async ({ url }) => probe.exportTrace(await probe.tabIdOf(url))));
await writeFile(TRACE_FILE, `${JSON.stringify(traces[0], null, 2)}\n`);
const har = traceToHar({ pages: traces.map((trace) => ({ url: trace.page.url, transactions: trace.transactions })), browser: { name: 'Chromium', version } });
await writeFile(HAR_FILE, `${JSON.stringify(har, null, 2)}\n`);

const summary = formatSummary(results);
console.log(`\n${summary.text}\n`);
console.log(`${summary.agreeing} of ${summary.total} requests: CORS Lens agrees with Chromium.`);
console.log(`The extension's capture: ${TRACE_FILE} and ${HAR_FILE}  (try: npx cors-lens explain out/lab.har)`);

if (headed) {
  console.log('The lab stays open in Chromium, DevTools open: pick its CORS panel, run scenarios again from the page. Close the browser to stop.');
  await new Promise<void>((done) => browser.context.on('close', () => done()));
} else {
  await browser.close();
}
await lab.close();
process.exitCode = summary.agreeing === summary.total ? 0 : 1;
