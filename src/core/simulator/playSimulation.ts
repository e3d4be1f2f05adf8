import { CHROMIUM_RULES, type BrowserRules } from '../browsers/browserRules.ts';
import { PreflightCache, type PreflightCacheEntry } from '../cache/preflightCache.ts';
import type { CorsRequest } from '../cors/corsRequest.ts';
import { decideVerdict } from '../cors/decideVerdict.ts';
import { preflightRequestHeaders } from '../cors/preflightRequest.ts';
import type { Exchange, ObservedHop, Verdict } from '../cors/verdict.ts';
import { hasHeader, type Header, type HeaderList } from '../fetch/headers.ts';
import { resolveLocation } from '../fetch/origin.ts';
import { redirectTarget } from '../cors/redirect.ts';
import { isForbiddenRequestHeader } from '../fetch/forbiddenRequestHeader.ts';
import { answer, type ServerQuestion } from './serverAnswer.ts';
import { BODY_CONTENT_TYPES, MAX_SIMULATED_HOPS, type ServerAnswer, type Simulation, type SimulatedRequest } from './simulation.ts';

/** What the browser asks a server at one URL, with the URL and the headers it sends there (the preflight's own, or the request's). */
export interface WireQuestion extends ServerQuestion {
  readonly url: string;
  readonly headers: HeaderList;
}

/** One send of the simulated request: what went on the wire, and the engine's verdict on it. */
export interface SimulatedSend {
  /** Headers the page set that fetch() dropped (forbidden request headers). */
  readonly dropped: readonly Header[];
  /** Epoch-free milliseconds on the simulation clock. */
  readonly at: number;
  readonly exchange: Exchange;
  readonly verdict: Verdict;
}

export interface SimulationRun {
  readonly request: CorsRequest;
  readonly sends: readonly SimulatedSend[];
  /** The modelled preflight cache at the simulation's clock, live entries only. */
  readonly cache: readonly PreflightCacheEntry[];
}

/**
 * The request `fetch()` makes: the page's headers but the forbidden ones
 * (fetch drops them silently), plus the Content-Type its body implies when
 * the page set none.
 */
export function corsRequestOf(request: SimulatedRequest): CorsRequest {
  const contentType = BODY_CONTENT_TYPES[request.body];
  const headers: Header[] = request.headers.filter((header) => !isForbiddenRequestHeader(header.name, header.value));
  if (contentType !== null && !hasHeader(headers, 'Content-Type')) headers.push({ name: 'Content-Type', value: contentType });
  return {
    url: request.url,
    method: request.method,
    headers,
    initiatorOrigin: request.pageOrigin,
    mode: request.mode,
    credentials: request.credentials,
    redirect: request.redirect,
  };
}

/**
 * Plays a simulation as Chromium would (or another browser, with its
 * `rules`): each send, in clock order, asks the
 * preflight-cache model first; a preflight goes out only when the engine says
 * one is needed and no entry serves it; the server answers each URL; a
 * passing preflight is stored. Every decision is the verdict engine's
 * (decideVerdict, PreflightCache): the simulator only supplies the server.
 */
export function playSimulation(simulation: Simulation, rules: BrowserRules = CHROMIUM_RULES): SimulationRun {
  const request = corsRequestOf(simulation.request);
  const cache = new PreflightCache({ engine: rules.cache });
  const dropped = simulation.request.headers.filter((header) => isForbiddenRequestHeader(header.name, header.value));
  const server = (question: WireQuestion): ServerAnswer => answer(simulation.server, question);
  const sends = [...simulation.sends]
    .sort((a, b) => a - b)
    .map((seconds): SimulatedSend => ({ at: seconds * 1000, dropped, ...playExchange(request, server, cache, seconds * 1000, rules) }));
  return { request, sends, cache: cache.entries(simulation.clock * 1000) };
}

/**
 * One request played against any server (a function of what the browser
 * asks at each URL), as playSimulation plays each send: the engine decides
 * whether a preflight goes out, the server answers, redirects are followed,
 * and `cache` is consulted and fed.
 */
export function playExchange(
  request: CorsRequest,
  server: (question: WireQuestion) => ServerAnswer,
  cache: PreflightCache,
  at: number,
  rules: BrowserRules = CHROMIUM_RULES,
): Pick<SimulatedSend, 'exchange' | 'verdict'> {
  const copy = (): PreflightCache => PreflightCache.restore(cache.snapshot(), { engine: rules.cache });
  const hops: ObservedHop[] = [];
  let url = request.url;
  for (let index = 0; index < MAX_SIMULATED_HOPS; index++) {
    // Where the engine stands at this URL before anything is answered: the Origin, and whether a preflight must go out.
    // Asked of a copy: a lookup erases a stale entry, and the real lookup below must still see it to say "expired".
    const probe = decideVerdict({ request, hops: [...hops, { url, startTime: at }] }, { cache: copy(), storePreflights: false, rules });
    const ahead = probe.hops[index];
    let hop: ObservedHop = { url, startTime: at };
    // Refused before anything is sent (the renderer, or a redirect it will not follow).
    if (!ahead || (probe.failedHop === index && probe.outcome !== 'incomplete')) {
      hops.push({ ...hop, sent: false });
      break;
    }
    if (ahead.preflight === 'not-seen') {
      const requestHeaders = preflightRequestHeaders(ahead.origin, ahead.method, ahead.headers);
      const response = server({ hop: index, url, headers: requestHeaders, origin: ahead.origin, preflight: true });
      hop = { ...hop, preflight: { requestHeaders, response, startTime: at, responseTime: at } };
      const judged = decideVerdict({ request, hops: [...hops, hop] }, { cache: copy(), storePreflights: false, rules });
      // A refused preflight stops the request before it is sent.
      if (judged.outcome === 'blocked' && judged.failedHop === index) {
        hops.push({ ...hop, sent: false, networkError: 'net::ERR_FAILED' });
        break;
      }
    }
    const response = server({ hop: index, url, headers: ahead.headers, origin: ahead.origin, preflight: false });
    hops.push({ ...hop, sent: true, response });
    const location = redirectTarget(response.status, response.headers, url);
    if (location === null || request.redirect !== 'follow') break;
    const next = resolveLocation(location, url);
    if (next === null) break;
    url = next;
  }
  const exchange: Exchange = { request, hops };
  return { exchange, verdict: decideVerdict(exchange, { cache, rules }) };
}
