// Correctness checks run before any timing (plain if/throw): a fast engine
// that gives wrong verdicts or loses preflights is not worth measuring.
import { PreflightCache } from '../src/core/cache/preflightCache.ts';
import { decideVerdict } from '../src/core/cors/decideVerdict.ts';
import { corsErrorOf, failedParameterOf } from '../src/core/cors/verdictFacts.ts';
import { getHeader } from '../src/core/fetch/headers.ts';
import { pairEvents } from '../src/core/pairing/pairEvents.ts';
import { KIND_NAMES, type GeneratedExchange, type Kind } from './exchanges.ts';
import type { GeneratedStream } from './events.ts';

const SAMPLES_PER_KIND = 25;

/**
 * For the first exchanges of each kind: the verdict (outcome, corsError,
 * failedParameter, preflight status) is the one the exchange was built to
 * get. Then, over the whole set in time order, a PreflightCache changes no
 * outcome. Returns how many hops the cache model served.
 */
export function verifyVerdicts(generated: readonly GeneratedExchange[]): { checked: number; cacheHits: number } {
  const seen = new Map<Kind, number>();
  let checked = 0;
  for (const { kind, exchange, expected } of generated) {
    const count = seen.get(kind) ?? 0;
    seen.set(kind, count + 1);
    if (count >= SAMPLES_PER_KIND) continue;
    const verdict = decideVerdict(exchange);
    const wrong: string[] = [];
    if (verdict.outcome !== expected.outcome) wrong.push(`outcome ${verdict.outcome}, expected ${expected.outcome}`);
    if (corsErrorOf(verdict) !== expected.corsError) wrong.push(`corsError ${corsErrorOf(verdict)}, expected ${expected.corsError}`);
    if (expected.failedParameter !== undefined && failedParameterOf(verdict) !== expected.failedParameter) {
      wrong.push(`failedParameter ${JSON.stringify(failedParameterOf(verdict))}, expected ${JSON.stringify(expected.failedParameter)}`);
    }
    if (verdict.preflight !== expected.preflight) wrong.push(`preflight ${verdict.preflight}, expected ${expected.preflight}`);
    if (wrong.length > 0) throw new Error(`verdict check failed for kind ${kind}: ${wrong.join('; ')}\n${JSON.stringify(exchange, null, 1)}`);
    checked++;
  }
  for (const kind of KIND_NAMES) {
    if ((seen.get(kind) ?? 0) < 3) throw new Error(`kind ${kind} generated ${seen.get(kind) ?? 0} times: too few to check`);
  }
  const cache = new PreflightCache();
  let cacheHits = 0;
  generated.forEach(({ kind, exchange }, index) => {
    const plain = decideVerdict(exchange);
    const cached = decideVerdict(exchange, { cache });
    if (plain.outcome !== cached.outcome || corsErrorOf(plain) !== corsErrorOf(cached)) {
      throw new Error(
        `exchange ${index} (${kind}): ${plain.outcome}/${corsErrorOf(plain)} without the cache, ${cached.outcome}/${corsErrorOf(cached)} with it`,
      );
    }
    cacheHits += cached.hops.filter((hop) => hop.preflight === 'cache-hit').length;
  });
  return { checked, cacheHits };
}

/**
 * pairEvents makes one transaction per generated request, pairs every
 * generated preflight with the hop (same URL, same method) of the request it
 * was generated for (or a request of the same burst), leaves none unpaired,
 * and reaches the outcome each request was built for; the requests built
 * to be served by the preflight cache are (or their entry was evicted).
 */
export function verifyPairing(stream: GeneratedStream): { transactions: number; withPreflight: number; cacheHits: number; evicted: number } {
  const { transactions, stats } = pairEvents(stream.events);
  if (stats.unpairedPreflights !== 0) throw new Error(`${stats.unpairedPreflights} preflights left unpaired`);
  if (transactions.length !== stream.expected.size) throw new Error(`${transactions.length} transactions for ${stream.expected.size} generated requests`);
  let paired = 0;
  let withPreflight = 0;
  let expectedWithPreflight = 0;
  let cacheHits = 0;
  let evicted = 0;
  for (const expected of stream.expected.values()) if (expected.preflights > 0) expectedWithPreflight++;
  for (const transaction of transactions) {
    const expected = stream.expected.get(transaction.id);
    if (!expected) throw new Error(`transaction ${transaction.id} was never generated`);
    const where = `request ${transaction.id}`;
    const preflights = transaction.hops.filter((hop) => hop.preflight !== undefined);
    if (preflights.length !== expected.preflights) throw new Error(`${where}: ${preflights.length} preflights paired, ${expected.preflights} generated`);
    if (preflights.length > 0) withPreflight++;
    for (const hop of preflights) {
      const preflight = hop.preflight;
      if (!preflight) continue;
      if (stream.preflightOwner.get(preflight.id) !== expected.owner)
        throw new Error(`${where}: took preflight ${preflight.id} of ${stream.preflightOwner.get(preflight.id)}`);
      if (preflight.url !== hop.url || getHeader(preflight.requestHeaders, 'Access-Control-Request-Method') !== hop.method) {
        throw new Error(`${where}: preflight for ${preflight.url} paired with ${hop.method} ${hop.url}`);
      }
      paired++;
    }
    if (transaction.verdict.outcome !== expected.outcome) {
      throw new Error(`${where}: outcome ${transaction.verdict.outcome} (${corsErrorOf(transaction.verdict)}), expected ${expected.outcome}`);
    }
    if (expected.cacheHit) {
      // Served by the cache model, unless its 1,024-entry limit evicted the entry meanwhile.
      const hop = transaction.verdict.hops[0];
      if (hop?.preflight === 'cache-hit') cacheHits++;
      else if (hop?.preflight === 'not-seen' && hop.cacheMiss?.reason === 'no-entry') evicted++;
      else throw new Error(`${where}: expected the cache model to serve it, got ${hop?.preflight} (${hop?.cacheMiss?.reason})`);
    }
  }
  if (paired !== stream.preflights) throw new Error(`${paired} preflights paired, ${stream.preflights} generated`);
  if (withPreflight !== expectedWithPreflight) throw new Error(`${withPreflight} transactions with a preflight, ${expectedWithPreflight} generated`);
  // Without the size limit, every request built to be served by the cache is.
  const unlimited = pairEvents(stream.events, { cache: new PreflightCache({ maxEntries: Number.MAX_SAFE_INTEGER }) });
  for (const transaction of unlimited.transactions) {
    if (stream.expected.get(transaction.id)?.cacheHit && transaction.verdict.hops[0]?.preflight !== 'cache-hit') {
      throw new Error(`request ${transaction.id}: not served by an unlimited cache model (${transaction.verdict.hops[0]?.cacheMiss?.reason})`);
    }
  }
  return { transactions: transactions.length, withPreflight, cacheHits, evicted };
}
