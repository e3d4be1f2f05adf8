import type { ExtensionProbe } from './extensionProbe.ts';
import type { LabPages } from './labPages.ts';
import { cdpToEvents } from '../../src/core/cdp/cdpToEvents.ts';
import { decideVerdict } from '../../src/core/cors/decideVerdict.ts';
import { corsErrorOf, failedParameterOf } from '../../src/core/cors/verdictFacts.ts';
import { possibleCorsErrors } from '../../src/core/explain/hiddenCauses.ts';
import type { PreflightStatus } from '../../src/core/cors/verdict.ts';
import { pairEvents } from '../../src/core/pairing/pairEvents.ts';
import type { RequestEvent } from '../../src/core/pairing/requestEvent.ts';
import type { Transaction } from '../../src/core/pairing/transaction.ts';
import type { Lab } from '../lab/server.ts';
import type { Expectation, LabRequest, Scenario } from '../lab/scenario.ts';
import type { CdpRecord, CdpRecorder } from '../../src/playwright/cdpRecorder.ts';
import { runInLabPage } from './labScenario.ts';

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
  /** When undetermined: the CorsErrors the failure may have been. */
  readonly possibleCorsErrors?: readonly string[];
  readonly preflightIds: readonly string[];
}

export interface RequestResult {
  readonly index: number;
  readonly requestId: string;
  readonly url: string;
  readonly expected: Expectation;
  readonly chromium: ChromiumVerdict;
  /** The engine's verdict from the capture alone. */
  readonly engine: EngineVerdict;
  /** With Scenario.judgedAsDeclared: the engine's verdict once told what no capture shows. */
  readonly declared?: EngineVerdict;
}

/** What the extension's own capture (webRequest, in the service worker) concluded for a scenario's requests. */
export interface ExtensionVerdict {
  readonly corsError: string | null;
  readonly failedParameter: string | null;
  /** Every value failedParameter could be, when the capture cannot tell which. */
  readonly candidates?: readonly string[];
  readonly preflight: string;
  readonly outcome: string;
  /** When undetermined: the CorsErrors the failure may have been. */
  readonly possibleCorsErrors?: readonly string[];
}

export interface ScenarioResult {
  readonly scenario: Scenario;
  readonly requests: readonly RequestResult[];
  readonly optionsSeen: number;
  readonly optionsExpected: number;
  /** The RequestEvents the engine judged (from CDP). */
  readonly events: readonly RequestEvent[];
  /** The extension's transactions for the scenario, in the order it judged them (absent when not asked). */
  readonly extension?: readonly ExtensionVerdict[];
}

/**
 * Runs one scenario in the lab page and gathers three views of each request:
 * what the scenario declares, what Chromium reported over CDP, and what the
 * engine decides from the CDP capture alone.
 */
export async function runScenario(pages: LabPages, lab: Lab, scenario: Scenario, probe?: ExtensionProbe): Promise<ScenarioResult> {
  const { page, recorder, url: pageUrl } = await pages.get(scenario.from ?? 'page');
  const start = recorder.records.length;
  const marker = `/s/${scenario.name}/`;
  await runInLabPage(page, lab, scenario.name, scenario.requests, {
    parallel: scenario.parallel ?? false,
    origins: { page: lab.pageOrigins[scenario.from ?? 'page'] },
  });
  const mine = () => recorder.records.slice(start).filter((record) => belongsTo(record, marker, recorder.records, start));
  const expectedOptions = scenario.expectedOptions ?? scenario.expect.filter((expectation) => expectation.preflight === 'sent').length;

  if (scenario.rejectedInRenderer) {
    await recorder.until(() => corsIssues(mine()).length >= scenario.requests.length, `the Audits CORS issues of ${scenario.name}`);
    return rendererResult(scenario, lab, corsIssues(mine()), expectedOptions);
  }

  // Settled: every request ended, and every response the server sent is in
  // (CDP's ExtraInfo events, which hold the raw headers, may come after the
  // request's end).
  const answered = () => lab.counts(scenario.name).options + lab.counts(scenario.name).other;
  await recorder.until(() => settled(mine(), scenario.requests.length) && rawResponses(mine()) >= answered(), `the CDP events of ${scenario.name} to settle`);
  const records = mine();
  const actualIds = firstHops(records).map((record) => record.params.requestId as string);
  const events = scenarioEvents(recorder, records);
  const { transactions } = pairEvents(events, { includeNonCors: true });
  const byId = new Map(transactions.map((transaction) => [transaction.id, transaction]));
  const declared = scenario.judgedAsDeclared
    ? new Map(transactions.map((transaction, index) => [transaction.id, withDeclaration(transaction, scenario.requests[index])]))
    : undefined;
  const requests = actualIds.map((requestId, index): RequestResult => {
    const url = (firstHops(records).find((record) => record.params.requestId === requestId)?.params.request as { url: string }).url;
    return {
      index,
      requestId,
      url,
      expected: resolveExpectation(scenario.expect[index] as Expectation, lab),
      chromium: chromiumVerdict(records, requestId),
      engine: engineVerdict(byId.get(requestId)),
      ...(declared ? { declared: engineVerdict(declared.get(requestId)) } : {}),
    };
  });
  const extension = probe ? await extensionVerdicts(probe, pageUrl, scenario, marker) : undefined;
  return { scenario, requests, optionsSeen: lab.counts(scenario.name).options, optionsExpected: expectedOptions, events, ...(extension ? { extension } : {}) };
}

/** The CORS requests of a scenario the extension must report: all but no-cors ones (the pairing only counts those). */
export function corsRequestCount(scenario: Scenario): number {
  return scenario.requests.filter((request) => request.mode !== 'no-cors').length;
}

async function extensionVerdicts(probe: ExtensionProbe, pageUrl: string, scenario: Scenario, marker: string): Promise<ExtensionVerdict[]> {
  const tabId = await probe.tabIdOf(pageUrl);
  const items = await probe.waitFor(tabId, marker, corsRequestCount(scenario));
  return items.map(({ transaction: { verdict } }) => ({
    corsError: corsErrorOf(verdict),
    failedParameter: failedParameterOf(verdict),
    ...(verdict.failure?.candidates ? { candidates: verdict.failure.candidates } : {}),
    preflight: verdict.preflight,
    outcome: verdict.outcome,
    ...(verdict.hiddenCauses ? { possibleCorsErrors: possibleCorsErrors(verdict.hiddenCauses) } : {}),
  }));
}

/**
 * The engine's input for a scenario: its own requests' events, plus what the
 * page's other traffic revealed about the page itself (its security context),
 * converted in one pass over the page's whole CDP stream.
 */
function scenarioEvents(recorder: CdpRecorder, mine: readonly CdpRecord[]): RequestEvent[] {
  const ids = new Set(mine.map((record) => record.params.requestId));
  return cdpToEvents(recorder.records).filter((event) => event.type === 'security-context' || ids.has(event.id));
}

// The one input no capture shows (fetch's targetAddressSpace) comes from the
// scenario; everything else from the capture.
function withDeclaration(transaction: Transaction, request: LabRequest | undefined): Transaction {
  if (!request?.targetAddressSpace) return transaction;
  const context = transaction.request.localNetworkAccess ?? { initiatorAddressSpace: 'unknown', initiatorIsSecureContext: true };
  const declared = { ...transaction.request, localNetworkAccess: { ...context, declaredTargetAddressSpace: request.targetAddressSpace } };
  // A transaction is the capture it was judged from: judged again with the declaration.
  return { ...transaction, request: declared, verdict: decideVerdict({ ...transaction, request: declared }) };
}

/** The scheme-less-fetch scenario's URL: the lab cannot serve it, so its issue is matched by URL. */
export const RENDERER_ONLY_URL = 'ftp://localhost/cors-lens-lab';

function requestUrl(record: CdpRecord): string | undefined {
  return (record.params.request as { url?: string } | undefined)?.url;
}

// A record belongs to the scenario when its request's first URL does (a
// redirect keeps the request id; ExtraInfo events carry no URL).
function belongsTo(record: CdpRecord, marker: string, all: readonly CdpRecord[], start: number): boolean {
  if (record.method === 'Audits.issueAdded')
    return JSON.stringify(record.params).includes(marker) || JSON.stringify(record.params).includes(`"url":"${RENDERER_ONLY_URL}`);
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

function rawResponses(records: readonly CdpRecord[]): number {
  return records.filter((record) => record.method === 'Network.responseReceivedExtraInfo').length;
}

function chromiumVerdict(records: readonly CdpRecord[], requestId: string): ChromiumVerdict {
  const failed = records.find((record) => record.method === 'Network.loadingFailed' && record.params.requestId === requestId);
  const status = failed?.params.corsErrorStatus as { corsError: string; failedParameter: string } | undefined;
  const preflightIds = records
    .filter(
      (record) =>
        record.method === 'Network.requestWillBeSent' && isPreflight(record) && (record.params.initiator as { requestId?: string }).requestId === requestId,
    )
    .map((record) => record.params.requestId as string);
  return {
    corsError: status?.corsError ?? null,
    failedParameter: status ? status.failedParameter : null,
    preflightSent: preflightIds.length > 0,
    preflightIds,
  };
}

function engineVerdict(transaction: Transaction | undefined): EngineVerdict {
  if (!transaction) return { corsError: null, failedParameter: null, preflight: 'no-transaction', outcome: 'no-transaction', preflightIds: [] };
  const { verdict } = transaction;
  return {
    corsError: corsErrorOf(verdict),
    failedParameter: failedParameterOf(verdict),
    preflight: verdict.preflight,
    outcome: verdict.outcome,
    ...(verdict.hiddenCauses ? { possibleCorsErrors: possibleCorsErrors(verdict.hiddenCauses) } : {}),
    preflightIds: transaction.hops.flatMap((hop) => (hop.preflight ? [hop.preflight.id] : [])),
  };
}

function corsIssues(records: readonly CdpRecord[]) {
  return records
    .filter((record) => record.method === 'Audits.issueAdded')
    .map(
      (record) =>
        record.params.issue as {
          code: string;
          details: { corsIssueDetails?: { corsErrorStatus: { corsError: string; failedParameter: string }; request: { url?: string } } };
        },
    )
    .flatMap((issue) => (issue.code === 'CorsIssue' && issue.details.corsIssueDetails ? [issue.details.corsIssueDetails] : []));
}

// A request refused inside the renderer never reaches the network: the engine
// judges the request as the scenario declares it.
function rendererResult(scenario: Scenario, lab: Lab, issues: ReturnType<typeof corsIssues>, optionsExpected: number): ScenarioResult {
  const origin = lab.pageOrigins[scenario.from ?? 'page'];
  const requests = scenario.requests.map((request, index): RequestResult => {
    const url = request.url ?? lab.scenarioUrl(scenario.name, request.path, request.target);
    const issue = issues[index];
    const verdict = decideVerdict({
      request: {
        url,
        method: request.method,
        headers: (request.headers ?? []).map(([name, value]) => ({ name, value })),
        initiatorOrigin: origin,
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
      chromium: {
        corsError: issue?.corsErrorStatus.corsError ?? null,
        failedParameter: issue?.corsErrorStatus.failedParameter ?? null,
        preflightSent: false,
        preflightIds: [],
      },
      engine: {
        corsError: corsErrorOf(verdict),
        failedParameter: failedParameterOf(verdict),
        preflight: verdict.preflight,
        outcome: verdict.outcome,
        preflightIds: [],
      },
    };
  });
  return { scenario, requests, optionsSeen: lab.counts(scenario.name).options, optionsExpected, events: [] };
}

/** Fills the scenario's templates ({origin}, {page}) with the lab's real origins. */
export function resolveExpectation(expectation: Expectation, lab: Lab): Expectation {
  if (expectation.failedParameter === undefined) return expectation;
  return { ...expectation, failedParameter: expectation.failedParameter.replaceAll('{origin}', lab.pageOrigin).replaceAll('{page}', lab.pageOrigin) };
}
