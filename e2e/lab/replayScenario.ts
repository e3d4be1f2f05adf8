import { CHROMIUM_RULES, type BrowserRules } from '../../src/core/browsers/browserRules.ts';
import { PreflightCache } from '../../src/core/cache/preflightCache.ts';
import { getHeader } from '../../src/core/fetch/headers.ts';
import { normalizeMethod } from '../../src/core/fetch/method.ts';
import { pairEvents } from '../../src/core/pairing/pairEvents.ts';
import type { RequestEvent } from '../../src/core/pairing/requestEvent.ts';
import type { Transaction } from '../../src/core/pairing/transaction.ts';
import { corsRequestOf, playExchange, type SimulatedSend, type WireQuestion } from '../../src/core/simulator/playSimulation.ts';
import type { BodyKind, ServerAnswer } from '../../src/core/simulator/simulation.ts';
import { simulationEvents } from '../../src/core/simulator/simulationTrace.ts';
import type { LabRequest, ResponsePlan, Scenario } from './scenario.ts';

/** The lab's origins as the replay names them (the ports are any; no server runs). */
export const REPLAY_ORIGINS = { page: 'http://127.0.0.1:4780', api: 'http://localhost:4781', frame: 'http://[::1]:4780' } as const;

/** How far apart the replay sends a scenario's requests: well within Chromium's 5-second default lifetime. */
const REQUEST_SPACING_MS = 1000;

// A Blob's Content-Type is its own type, set below as a header.
const BODY_KINDS: Readonly<Record<NonNullable<LabRequest['bodyKind']>, BodyKind>> = {
  text: 'text',
  urlencoded: 'url-search-params',
  formdata: 'form-data',
  blob: 'none',
};
const BYPASSING_CACHE_MODES: readonly LabRequest['cache'][] = ['no-store', 'reload', 'no-cache'];
/** Frames whose origin is opaque: their requests say Origin: null. */
const OPAQUE_CONTEXTS: readonly LabRequest['context'][] = ['sandboxed-iframe', 'data-iframe'];

/**
 * A lab scenario's requests without a browser, for unit tests: each request,
 * one after the other with one preflight cache, played through the engine
 * (playExchange: the engine decides what goes out) against the scenario's
 * declared routes answered as the lab server answers them, then turned into
 * the request events a capture gives and paired (as simulationTransactions does).
 * The transactions are what the panel would show. Only fetch() and XHR
 * requests from the lab page's own origin, worker or frames are replayed, one
 * after the other: Local Network Access and parallel scenarios need the
 * browser (see e2e/oracle.spec.ts), and a fetch()'s `cache` option reaches
 * no capture's events. As Chromium by default, or as another browser (`rules`).
 */
export function replayScenario(scenario: Scenario, rules: BrowserRules = CHROMIUM_RULES): Transaction[] {
  const cache = new PreflightCache({ engine: rules.cache });
  const sends = scenario.requests.map((labRequest, index): SimulatedSend => {
    const blobType = labRequest.bodyKind === 'blob' && labRequest.blobType ? [{ name: 'Content-Type', value: labRequest.blobType }] : [];
    const request = corsRequestOf({
      pageOrigin:
        labRequest.context === 'cross-origin-iframe' ? REPLAY_ORIGINS.frame : OPAQUE_CONTEXTS.includes(labRequest.context) ? 'null' : REPLAY_ORIGINS.page,
      url: labRequest.url ?? `${labRequest.target === 'page' ? REPLAY_ORIGINS.page : REPLAY_ORIGINS.api}/s/${scenario.name}${labRequest.path ?? '/'}`,
      method: normalizeMethod(labRequest.method),
      headers: [...(labRequest.headers ?? []).map(([name, value]) => ({ name, value })), ...blobType],
      body: labRequest.body === undefined ? 'none' : BODY_KINDS[labRequest.bodyKind ?? 'text'],
      mode: labRequest.mode ?? 'cors',
      credentials: labRequest.credentials ?? 'same-origin',
      redirect: labRequest.redirect ?? 'follow',
    });
    // An XHR upload listener sets the use-CORS-preflight flag (Chromium's cors-with-forced-preflight mode), when there is a body to upload: GET and HEAD send none.
    const uploads = labRequest.uploadListener === true && !['GET', 'HEAD'].includes(request.method);
    const mode = uploads ? { mode: 'cors-with-forced-preflight' as const } : {};
    const simulated = { ...request, ...mode, ...(BYPASSING_CACHE_MODES.includes(labRequest.cache) ? { bypassPreflightCache: true } : {}) };
    const at = index * REQUEST_SPACING_MS;
    return { at, dropped: [], ...playExchange(simulated, (question) => labAnswer(scenario, question), cache, at, rules) };
  });
  const [first] = sends;
  if (!first) return [];
  const events = simulationEvents({ request: first.exchange.request, sends, cache: [] });
  const { transactions } = pairEvents(withoutStandInCookies(events, sends), { includeNonCors: true, rules });
  // No capture holds what the renderer refused: the oracle judges those requests as declared, and so does the replay.
  if (!scenario.rejectedInRenderer) return transactions;
  return transactions.map((transaction, index) => {
    const send = sends[index];
    return send ? { ...transaction, request: send.exchange.request, verdict: send.verdict } : transaction;
  });
}

/** What the lab server answers at a URL of the scenario (server.ts: the route for the path, placeholders filled in). */
function labAnswer(scenario: Scenario, question: WireQuestion): ServerAnswer {
  const url = new URL(question.url);
  const path = /^\/s\/[^/]+(\/.*)?$/.exec(url.pathname)?.[1] ?? '/';
  const route = scenario.routes[path + url.search] ?? scenario.routes[path];
  const plan: ResponsePlan = (question.preflight ? route?.preflight : route?.actual) ?? { status: 404 };
  const values: Record<string, string> = {
    origin: question.origin,
    acrm: getHeader(question.headers, 'Access-Control-Request-Method') ?? '',
    acrh: getHeader(question.headers, 'Access-Control-Request-Headers') ?? '',
    page: REPLAY_ORIGINS.page,
    api: REPLAY_ORIGINS.api,
    base: `${REPLAY_ORIGINS.api}/s/${scenario.name}`,
    apiHost: new URL(REPLAY_ORIGINS.api).host,
    pageBase: `${REPLAY_ORIGINS.page}/s/${scenario.name}`,
    frameBase: `${REPLAY_ORIGINS.frame}/s/${scenario.name}`,
  };
  const headers = (plan.headers ?? []).map(([name, value]) => ({ name, value: value.replace(/\{(\w+)\}/g, (whole, key: string) => values[key] ?? whole) }));
  return { status: plan.status, headers: [...headers, { name: 'Content-Type', value: 'text/plain' }, { name: 'Cache-Control', value: 'no-store' }] };
}

/**
 * The simulator's events carry a stand-in Cookie wherever credentials go
 * along, to a same-origin URL too; a capture reads a Cookie as credentials
 * "include". The lab sets no cookie: only a request that includes
 * credentials keeps the stand-in, as the evidence a real app's capture holds.
 */
function withoutStandInCookies(events: readonly RequestEvent[], sends: readonly SimulatedSend[]): RequestEvent[] {
  return events.map((event) => {
    if (event.type !== 'sent') return event;
    const send = sends[Number(/^simulated-(\d+)/.exec(event.id)?.[1] ?? 0) - 1];
    if (send?.exchange.request.credentials === 'include') return event;
    return { ...event, headers: event.headers.filter((header) => header.name.toLowerCase() !== 'cookie') };
  });
}
