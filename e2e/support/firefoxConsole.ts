import type { Page } from 'puppeteer-core';
import { readFirefoxReason, type FirefoxReason } from '../../src/core/browsers/firefoxReason.ts';

/** One "Cross-Origin Request Blocked" line of Firefox's console. */
export interface FirefoxConsoleLine {
  readonly reason: FirefoxReason;
  readonly value: string | null;
  /** The URL the line names (the request's, or where it was redirected). */
  readonly url: string;
  /** The scenario running when the line arrived. */
  readonly during: string | null;
  readonly text: string;
}

export interface FirefoxConsole {
  /** Lines of the scenario: those naming its URLs, and those naming none of the lab's that arrived while it ran. */
  linesOf(scenario: string): FirefoxConsoleLine[];
  /** Marks which scenario is running, for lines that name a URL outside the lab (ftp:). */
  running(scenario: string | null): void;
  /** Resolves once `test` holds, checked on every line; rejects after `timeoutMs`. */
  until(test: () => boolean, what: string, timeoutMs?: number): Promise<void>;
}

/**
 * Firefox logs a CORS failure in the page's console, as an error (WebDriver
 * BiDi log entry of type "javascript", puppeteer's `pageerror`): "Cross-Origin
 * Request Blocked: The Same Origin Policy disallows reading the remote
 * resource at URL. (Reason: ...)". This keeps every such line of the page.
 */
export function watchFirefoxConsole(page: Page, labMarker: string): FirefoxConsole {
  const lines: FirefoxConsoleLine[] = [];
  const waiters = new Set<() => void>();
  let during: string | null = null;
  const take = (text: string): void => {
    const reading = readFirefoxReason(text);
    if (!reading) return;
    const url = /remote resource at ‘?(\S+?)’?\. \(Reason:/.exec(text)?.[1] ?? '';
    lines.push({ ...reading, url, during, text });
    for (const waiter of waiters) waiter();
  };
  page.on('pageerror', (error: unknown) => take(error instanceof Error ? error.message : String(error)));
  page.on('console', (message) => take(message.text()));
  return {
    linesOf: (scenario) => {
      const marker = `${labMarker}${scenario}/`;
      return lines.filter((line) => line.url.includes(marker) || (!line.url.includes(labMarker) && line.during === scenario));
    },
    running: (scenario) => {
      during = scenario;
    },
    until: (test, what, timeoutMs = 5000) =>
      new Promise((resolve, reject) => {
        const check = (): void => {
          if (!test()) return;
          waiters.delete(check);
          clearTimeout(timer);
          resolve();
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`timed out waiting for ${what}`));
        }, timeoutMs);
        waiters.add(check);
        check();
      }),
  };
}

/**
 * Firefox's reason for each failed request of a scenario, in the order
 * logged: after a failed preflight or a refused redirect Firefox logs a
 * second, generic line (CORSDidNotSucceed; CORSPreflightDidNotSucceed right
 * after CORSExternalRedirectNotAllowed), which may come after other
 * requests' lines when they run at once. Each generic line is taken as the
 * trailer of an earlier specific one while any is left without one; the
 * first, specific line is the request's reason. (A request whose only line
 * is CORSDidNotSucceed, after one blocked at its response, which has no
 * trailer, would be taken for a trailer: no scenario makes that sequence.)
 */
export function firefoxReasonGroups(lines: readonly FirefoxConsoleLine[]): FirefoxConsoleLine[] {
  const reasons: FirefoxConsoleLine[] = [];
  let untrailed = 0;
  let previous: FirefoxConsoleLine | undefined;
  for (const line of lines) {
    const afterRedirectRefusal = line.reason === 'CORSPreflightDidNotSucceed' && previous?.reason === 'CORSExternalRedirectNotAllowed';
    previous = line;
    if (afterRedirectRefusal) continue;
    if (line.reason === 'CORSDidNotSucceed' && untrailed > 0) {
      untrailed--;
      continue;
    }
    reasons.push(line);
    untrailed++;
  }
  return reasons;
}
