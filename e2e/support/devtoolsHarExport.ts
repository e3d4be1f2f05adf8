import { expect, type BrowserContext, type Page } from '@playwright/test';

// Evaluated as strings: the test runner's transpiler would add helpers the
// DevTools page lacks. Until DevTools has read its settings, asking for its
// models throws: that counts as "not yet".
const INSPECTED_URL = `import('./core/sdk/sdk.js').then((SDK) => SDK.TargetManager.TargetManager.instance().primaryPageTarget()?.inspectedURL() ?? null)`;

/**
 * The Chrome DevTools window inspecting a tab, found by the URL it inspects.
 * The browser must run with --auto-open-devtools-for-tabs, and
 * PW_CHROMIUM_ATTACH_TO_OTHER must be set before it starts: each DevTools
 * window is then a Page of the context (see e2e/panel.spec.ts). It records
 * the tab's traffic from the moment it attached.
 */
export async function devToolsOf(context: BrowserContext, tab: Page): Promise<Page> {
  const url = tab.url();
  let found: Page | undefined;
  await expect
    .poll(
      async () => {
        for (const candidate of context.pages()) {
          if (!candidate.url().startsWith('devtools://')) continue;
          if ((await candidate.evaluate(INSPECTED_URL).catch(() => null)) === url) found = candidate;
        }
        return found !== undefined;
      },
      { message: `a DevTools window inspecting ${url}`, timeout: 30_000 },
    )
    .toBe(true);
  return found as Page;
}

/**
 * What the Network panel's "Export HAR" writes for everything it logged, as
 * DevTools writes it: its own HAR builder (HAR.Log.Log.build, every entry
 * with its headers, _initiator, _error and timings), serialized as its
 * writer does (two-space JSON). Only the response bodies are left out: the
 * writer waits for every request's body, and a no-cors response nobody
 * reads never finishes loading, so the panel's own export would wait
 * forever on the lab (CORS Lens never reads bodies). `sanitize` is the
 * default export (without Authorization, Cookie and Set-Cookie); false is
 * "Export HAR (with sensitive data)".
 */
export function exportHarFromDevTools(devtools: Page, sanitize: boolean): Promise<string> {
  return devtools.evaluate<string>(`(async () => {
    const Logs = await import('./models/logs/logs.js');
    const HAR = await import('./models/har/har.js');
    const requests = [...Logs.NetworkLog.NetworkLog.instance().requests()].sort((a, b) => a.issueTime() - b.issueTime());
    const log = await HAR.Log.Log.build(requests, { sanitize: ${sanitize ? 'true' : 'false'} });
    return JSON.stringify({ log }, null, 2);
  })()`);
}
