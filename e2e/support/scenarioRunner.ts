import { expect, type Page } from '@playwright/test';
import { createCdpEventConverter, type CdpNetworkEventParams } from '../../src/core/cdp/cdpNetworkEvents.ts';
import { decideVerdict } from '../../src/core/cors/decideVerdict.ts';
import type { PreflightStatus } from '../../src/core/cors/verdict.ts';
import { pairEvents } from '../../src/core/pairing/pairEvents.ts';
import type { RequestEvent } from '../../src/core/pairing/requestEvent.ts';
import type { Transaction } from '../../src/core/pairing/transaction.ts';
import type { Lab } from '../lab/server.ts';
import type { Expectation, LabRequest, Scenario } from '../lab/scenario.ts';
import type { CdpRecord, CdpRecorder } from './cdpRecorder.ts';

/** What Chromium itself reported for one request. */
export interface ChromiumVerdict {
  readonly corsError: string | null;
  readonly failedParameter: string | null;
  /** Whether CDP showed a preflight whose initiator is this request. */
  readonly preflightSent: boolean;
  readonly preflightIds: readonly string[];
}

/** The engine's verdict for the same request, from the same capture. */
export interface EngineVerdict {
  readonly corsError: string | null;
  readonly failedParameter: string | null;
  readonly preflight: PreflightStatus | 'no-transaction';
  readonly outcome: string;
  readonly preflightIds: readonly string[];
}

export interface RequestResult {
  readonly index: number;
  readonly requestId: string;
  readonly url: string;
  readonly expected: Expectation;
  readonly chromium: ChromiumVerdict;
  readonly engine: EngineVerdict;
}

export interface ScenarioResult {
  readonly scenario: Scenario;
  readonly requests: readonly RequestResult[];
  readonly optionsSeen: number;
  readonly optionsExpected: number;
  /** The RequestEvents the engine judged (from CDP). */
  readonly events: readonly RequestEvent[];
}

/**
 * Runs one scenario in the lab page and gathers three views of each request:
 * what the scenario declares, what Chromium reported over CDP, and what the
 * engine decides from the CDP capture alone.
 */
export async function runScenario(page: Page, recorder: CdpRecorder, lab: Lab, scenario: Scenario): Promise<ScenarioResult> {
  const start = recorder.records.length;
  const marker = `/s/${scenario.name}/`;
  await page.evaluate(
    ([name, requests, origins, parallel]) => (window as unknown as LabWindow).corsLab.runScenario(name, requests, origins, parallel),
    [scenario.name, scenario.requests, { page: lab.pageOrigin, api: lab.apiOrigin }, scenario.parallel ?? false] as const,
  );
  const mine = () => recorder.records.slice(start).filter((record) => belongsTo(record, marker, recorder.records, start));
  const expectedOptions = scenario.expectedOptions ?? scenario.expect.filter((expectation) => expectation.preflight === 'sent').length;

  if (scenario.rejectedInRenderer) {
    await expect.poll(() => corsIssues(mine()).length, { message: `Audits CORS issues for ${scenario.name}` }).toBeGreaterThanOrEqual(scenario.requests.length);
    return rendererResult(scenario, lab, corsIssues(mine()), expectedOptions);
  }

  await expect
    .poll(() => settled(mine(), scenario.requests.length), { message: `CDP events for ${scenario.name} to settle` })
    .toBe(true);
  const records = mine();
  const actualIds = firstHops(records).map((record) => record.params.requestId as string);
  const converter = createCdpEventConverter();
  const events = records.flatMap((record) => converter(record.method, record.params as unknown as CdpNetworkEventParams));
  const { transactions } = pairEvents(events, { includeNonCors: true });
  const byId = new Map(transactions.map((transaction) => [transaction.id, transaction]));
  const requests = actualIds.map((requestId, index): RequestResult => {
    const url = (firstHops(records).find((record) => record.params.requestId === requestId)?.params.request as { url: string }).url;
    return {
      index,
      requestId,
      url,
      expected: resolveExpectation(scenario.expect[index] as Expectation, lab),
      chromium: chromiumVerdict(records, requestId),
      engine: engineVerdict(byId.get(requestId)),
    };
  });
  return { scenario, requests, optionsSeen: lab.counts(scenario.name).options, optionsExpected: expectedOptions, events };
}

interface LabWindow {
  corsLab: { runScenario(name: string, requests: readonly LabRequest[], origins: { page: string; api: string }, parallel: boolean): Promise<unknown> };
}

function requestUrl(record: CdpRecord): string | undefined {
  return (record.params.request as { url?: string } | undefined)?.url;
}

// A record belongs to the scenario when its request's first URL does (a
// redirect keeps the request id; ExtraInfo events carry no URL).
function belongsTo(record: CdpRecord, marker: string, all: readonly CdpRecord[], start: number): boolean {
  if (record.method === 'Audits.issueAdded') return JSON.stringify(record.params).includes(marker);
  const id = record.params.requestId;
  for (let i = start; i < all.length; i++) {
    const candidate = all[i] as CdpRecord;
    if (candidate.method === 'Network.requestWillBeSent' && candidate.params.requestId === id) return requestUrl(candidate)?.includes(marker) ?? false;
  }
  return false;
}

function isPreflight(record: CdpRecord): boolean {
  return (record.params.initiator as { type?: string } | undefined)?.type === 'preflight';
}

/** The first requestWillBeSent of each actual (non-preflight) request, in order. */
function firstHops(records: readonly CdpRecord[]): CdpRecord[] {
  const seen = new Set<string>();
  return records.filter((record) => {
    if (record.method !== 'Network.requestWillBeSent' || isPreflight(record)) return false;
    const id = record.params.requestId as string;
    if (seen.has(id)) return false;
    seen.add(id);
    return true;
  });
}

// Every request has ended, or has its response: Chromium never reports
// loadingFinished for an opaque (no-cors) response whose body nobody reads.
const SETTLING = new Set(['Network.loadingFinished', 'Network.loadingFailed', 'Network.responseReceived']);

function settled(records: readonly CdpRecord[], expectedRequests: number): boolean {
  const started = new Set(records.filter((record) => record.method === 'Network.requestWillBeSent').map((record) => record.params.requestId));
  const ended = new Set(records.filter((record) => SETTLING.has(record.method)).map((record) => record.params.requestId));
  return firstHops(records).length >= expectedRequests && [...started].every((id) => ended.has(id));
}

function chromiumVerdict(records: readonly CdpRecord[], requestId: string): ChromiumVerdict {
  const failed = records.find((record) => record.method === 'Network.loadingFailed' && record.params.requestId === requestId);
  const status = failed?.params.corsErrorStatus as { corsError: string; failedParameter: string } | undefined;
  const preflightIds = records
    .filter((record) => record.method === 'Network.requestWillBeSent' && isPreflight(record) && (record.params.initiator as { requestId?: string }).requestId === requestId)
    .map((record) => record.params.requestId as string);
  return { corsError: status?.corsError ?? null, failedParameter: status ? status.failedParameter : null, preflightSent: preflightIds.length > 0, preflightIds };
}

function engineVerdict(transaction: Transaction | undefined): EngineVerdict {
  if (!transaction) return { corsError: null, failedParameter: null, preflight: 'no-transaction', outcome: 'no-transaction', preflightIds: [] };
  const { verdict } = transaction;
  return {
    corsError: verdict.corsError,
    failedParameter: verdict.failedParameter,
    preflight: verdict.preflight,
    outcome: verdict.outcome,
    preflightIds: transaction.hops.flatMap((hop) => (hop.preflight ? [hop.preflight.id] : [])),
  };
}

function corsIssues(records: readonly CdpRecord[]) {
  return records
    .filter((record) => record.method === 'Audits.issueAdded')
    .map((record) => (record.params.issue as { code: string; details: { corsIssueDetails?: { corsErrorStatus: { corsError: string; failedParameter: string }; request: { url?: string } } } }))
    .filter((issue) => issue.code === 'CorsIssue' && issue.details.corsIssueDetails)
    .map((issue) => issue.details.corsIssueDetails!);
}

// A request refused inside the renderer never reaches the network: the engine
// judges the request as the scenario declares it.
function rendererResult(scenario: Scenario, lab: Lab, issues: ReturnType<typeof corsIssues>, optionsExpected: number): ScenarioResult {
  const requests = scenario.requests.map((request, index): RequestResult => {
    const url = lab.scenarioUrl(scenario.name, request.path, request.target);
    const issue = issues[index];
    const verdict = decideVerdict({
      request: {
        url,
        method: request.method,
        headers: (request.headers ?? []).map(([name, value]) => ({ name, value })),
        initiatorOrigin: lab.pageOrigin,
        mode: request.mode ?? 'cors',
        credentials: request.credentials ?? 'same-origin',
        redirect: request.redirect ?? 'follow',
      },
      hops: [{ url, sent: false }],
    });
    return {
      index,
      requestId: `renderer-${index}`,
      url,
      expected: resolveExpectation(scenario.expect[index] as Expectation, lab),
      chromium: { corsError: issue?.corsErrorStatus.corsError ?? null, failedParameter: issue?.corsErrorStatus.failedParameter ?? null, preflightSent: false, preflightIds: [] },
      engine: { corsError: verdict.corsError, failedParameter: verdict.failedParameter, preflight: verdict.preflight, outcome: verdict.outcome, preflightIds: [] },
    };
  });
  return { scenario, requests, optionsSeen: lab.counts(scenario.name).options, optionsExpected, events: [] };
}

/** Fills the scenario's templates ({origin}, {page}) with the lab's real origins. */
export function resolveExpectation(expectation: Expectation, lab: Lab): Expectation {
  if (expectation.failedParameter === undefined) return expectation;
  return { ...expectation, failedParameter: expectation.failedParameter.replaceAll('{origin}', lab.pageOrigin).replaceAll('{page}', lab.pageOrigin) };
}
