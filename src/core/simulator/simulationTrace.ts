import type { Header } from '../fetch/headers.ts';
import { resolveLocation } from '../fetch/origin.ts';
import { redirectTarget } from '../cors/redirect.ts';
import { pairEvents } from '../pairing/pairEvents.ts';
import type { RequestEvent } from '../pairing/requestEvent.ts';
import type { Transaction } from '../pairing/transaction.ts';
import { createTrace, detachedSession, type Trace } from '../trace/trace.ts';
import type { SimulatedSend, SimulationRun } from './playSimulation.ts';

/** The page URL a simulated trace names: the simulator, not a real page. */
export const SIMULATOR_PAGE = 'cors-lens:simulator';

/**
 * A simulation's sends as the request events a browser capture would give:
 * each preflight and request with the wire headers Chromium sends (Origin,
 * Sec-Fetch-Mode, and a cookie when credentials go along, which is how a
 * capture tells), so pairing them gives the simulator's transactions.
 */
export function simulationEvents(run: SimulationRun): RequestEvent[] {
  return run.sends.flatMap((send, index) => sendEvents(send, `simulated-${index + 1}`));
}

function sendEvents(send: SimulatedSend, id: string): RequestEvent[] {
  const { request } = send.exchange;
  const events: RequestEvent[] = [
    {
      type: 'started',
      id,
      time: send.at,
      url: request.url,
      method: request.method,
      headers: request.headers,
      initiatorOrigin: request.initiatorOrigin,
      resourceType: 'fetch',
    },
  ];
  send.exchange.hops.forEach((hop, index) => {
    const hopVerdict = send.verdict.hops[index];
    const at = send.at + index * 2;
    if (hop.preflight) {
      const preflightId = `${id}-preflight-${index + 1}`;
      events.push({
        type: 'started',
        id: preflightId,
        time: at,
        url: hop.url,
        method: 'OPTIONS',
        initiatorOrigin: request.initiatorOrigin,
        resourceType: 'preflight',
        preflightFor: id,
      });
      events.push({ type: 'sent', id: preflightId, time: at, headers: hop.preflight.requestHeaders ?? [] });
      if (hop.preflight.response) {
        events.push({ type: 'response', id: preflightId, time: at, ...hop.preflight.response });
        events.push({ type: 'completed', id: preflightId, time: at });
      }
    }
    if (hop.sent === false || !hopVerdict) return;
    events.push({ type: 'sent', id, time: at + 1, headers: wireHeaders(send, hopVerdict.origin, hopVerdict.corsFlag, hopVerdict.headers) });
    if (!hop.response) return;
    const location = redirectTarget(hop.response.status, hop.response.headers, hop.url);
    const next = send.exchange.hops[index + 1];
    const followed = location !== null && next !== undefined && resolveLocation(location, hop.url) === next.url;
    events.push(
      followed ? { type: 'redirect', id, time: at + 1, ...hop.response, location: next.url } : { type: 'response', id, time: at + 1, ...hop.response },
    );
  });
  const end = send.at + send.exchange.hops.length * 2;
  events.push(
    send.verdict.outcome === 'allowed' || send.verdict.outcome === 'not-cors'
      ? { type: 'completed', id, time: end }
      : { type: 'failed', id, time: end, error: send.verdict.networkError ?? 'net::ERR_FAILED' },
  );
  return events;
}

function wireHeaders(send: SimulatedSend, origin: string, corsFlag: boolean, headers: readonly Header[]): Header[] {
  const { request } = send.exchange;
  const credentials = request.credentials === 'include' || (request.credentials === 'same-origin' && !corsFlag);
  return [
    ...headers,
    ...(corsFlag || request.method !== 'GET' ? [{ name: 'Origin', value: origin }] : []),
    { name: 'Sec-Fetch-Mode', value: request.mode },
    ...(credentials ? [{ name: 'Cookie', value: 'session=simulated' }] : []),
  ];
}

/**
 * The simulation's transactions, paired and judged from its events as any
 * capture's would be. Where those events cannot show whether credentials
 * went (a request the browser never sent), the credentials mode is the one
 * the simulation composed, and so is the verdict: the simulator knows.
 */
export function simulationTransactions(run: SimulationRun): Transaction[] {
  return pairEvents(simulationEvents(run), { includeNonCors: true }).transactions.map((transaction, index) => {
    const send = run.sends[index];
    if (!send || !transaction.request.credentialsAssumed) return transaction;
    const request = { ...transaction.request, credentials: send.exchange.request.credentials, credentialsAssumed: undefined };
    return { ...transaction, request, evidence: { ...transaction.evidence, credentials: 'composed' }, verdict: send.verdict };
  });
}

/** The simulation as a CORS Lens trace: import it in the panel or give it to `cors-lens explain`. */
export function simulationTrace(run: SimulationRun, createdAt: number): Trace {
  return createTrace({
    session: detachedSession(SIMULATOR_PAGE, run.sends.length),
    transactions: simulationTransactions(run),
    preflightCache: run.cache,
    createdAt,
    includeSecrets: true,
  });
}
