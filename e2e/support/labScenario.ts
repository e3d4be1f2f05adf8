import type { Page } from '@playwright/test';
import type { LabRequest } from '../lab/scenario.ts';
import type { Lab } from '../lab/server.ts';

/** What the lab page's script saw of one request: `ok`, or the error it caught. */
export interface LabOutcome {
  readonly outcome: 'ok' | 'error';
  readonly error?: string;
}

/** The lab's origins as its page's script takes them: the page's, the API's and the cross-site frame's. */
export interface LabOrigins {
  readonly page: string;
  readonly api: string;
  readonly frame: string;
}

/** What the lab page (e2e/lab/page/lab.js) puts on the window. */
export interface LabWindow {
  readonly corsLab: {
    runScenario(name: string, requests: readonly LabRequest[], origins: LabOrigins, parallel: boolean): Promise<LabOutcome[]>;
  };
}

export function labOrigins(lab: Lab, origins: Partial<LabOrigins> = {}): LabOrigins {
  return { page: lab.pageOrigin, api: lab.apiOrigin, frame: lab.frameOrigin, ...origins };
}

/**
 * Runs a scenario's requests in a lab page (each from the context it names),
 * one after the other unless `parallel`, and answers what its script saw of
 * each once they have all settled.
 */
export function runInLabPage(
  page: Page,
  lab: Lab,
  name: string,
  requests: readonly LabRequest[],
  options: { readonly parallel?: boolean; readonly origins?: Partial<LabOrigins> } = {},
): Promise<LabOutcome[]> {
  return page.evaluate(([scenario, specs, origins, parallel]) => (globalThis as unknown as LabWindow).corsLab.runScenario(scenario, specs, origins, parallel), [
    name,
    requests,
    labOrigins(lab, options.origins),
    options.parallel ?? false,
  ] as const);
}
