// `npm start`: builds the extension, starts the CORS lab, and runs every lab
// scenario in Debian's Chromium with the extension loaded. With a display it
// leaves a visible Chromium open on the lab page; headless it closes when
// done. Either way it writes the captured traffic as a HAR file and prints
// what Chromium decided next to what the engine decided.
import { mkdir, writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { build } from 'vite';
import { SCENARIOS } from '../e2e/lab/scenarios/index.ts';
import { startLab } from '../e2e/lab/server.ts';
import { cdpToHar } from '../e2e/support/cdpToHar.ts';
import { launchLabBrowser } from '../e2e/support/labBrowser.ts';
import { openLabPages } from '../e2e/support/labPages.ts';
import { runScenario, type ScenarioResult } from '../e2e/support/scenarioRunner.ts';
import { formatSummary } from '../e2e/support/summaryTable.ts';

const HAR_FILE = resolve('out/lab.har');
const headed = Boolean(process.env.DISPLAY);

console.log('Building the extension…');
await build({ logLevel: 'warn' });

const lab = await startLab(SCENARIOS);
console.log(`Lab page ${lab.pageOrigin}/  API ${lab.apiOrigin}`);
const browser = await launchLabBrowser({ headless: !headed, args: lab.chromiumArgs });
const pages = openLabPages(browser.context, lab);
await pages.get('page');

console.log(`Running ${SCENARIOS.length} scenarios in Chromium ${browser.context.browser()?.version() ?? ''}${headed ? ' (visible window)' : ' (headless)'}…`);
const results: ScenarioResult[] = [];
for (const [index, scenario] of SCENARIOS.entries()) {
  if (process.stdout.isTTY) process.stdout.write(`\r  ${index + 1}/${SCENARIOS.length} ${scenario.name}`.padEnd(78).slice(0, 78));
  results.push(await runScenario(pages, lab, scenario));
}
if (process.stdout.isTTY) process.stdout.write(`\r${' '.repeat(78)}\r`);

await mkdir('out', { recursive: true });
const sources = pages.opened().map(({ url, recorder }) => ({ pageUrl: url, records: recorder.records }));
await writeFile(HAR_FILE, JSON.stringify(cdpToHar(sources, browser.context.browser()?.version() ?? 'unknown'), null, 2));

const summary = formatSummary(results);
console.log(`\n${summary.text}\n`);
console.log(`${summary.agreeing} of ${summary.total} requests: the engine agrees with Chromium.`);
console.log(`Captured traffic: ${HAR_FILE}  (try: npx cors-lens explain out/lab.har)`);

if (headed) {
  console.log('The lab stays open in Chromium: open DevTools, run scenarios again from the page. Close the browser to stop.');
  await new Promise<void>((done) => browser.context.on('close', () => done()));
} else {
  await browser.close();
}
await lab.close();
process.exitCode = summary.agreeing === summary.total ? 0 : 1;
