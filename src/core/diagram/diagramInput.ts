import type { CorsRequest } from '../cors/corsRequest.ts';
import type { ObservedHop, Verdict } from '../cors/verdict.ts';
import type { HeaderList } from '../fetch/headers.ts';
import type { Transaction } from '../pairing/transaction.ts';
import type { SimulatedSend } from '../simulator/playSimulation.ts';

/** What the diagram is drawn from: the request, what was seen of each URL, and the engine's verdict. */
export interface DiagramInput {
  readonly request: CorsRequest;
  /** What was seen of each URL: the hops the engine judged, captured or simulated. */
  readonly hops: readonly ObservedHop[];
  readonly verdict: Verdict;
  /** When the request was made, for a preflight whose capture holds no time (the simulator's). */
  readonly at?: number;
  /** What the script called, when the source says (webRequest calls both "xmlhttprequest"). */
  readonly via: 'fetch' | 'xhr' | 'unknown';
  /** Headers the page set that the browser dropped (forbidden request headers), when the source knows. */
  readonly dropped?: HeaderList;
}

/** A captured (or imported) transaction as the diagram's input. */
export function transactionDiagramInput(transaction: Transaction): DiagramInput {
  const type = transaction.resourceType?.toLowerCase();
  return {
    request: transaction.request,
    verdict: transaction.verdict,
    via: type === 'fetch' ? 'fetch' : type === 'xhr' ? 'xhr' : 'unknown',
    hops: transaction.hops,
  };
}

/** One send of the simulator as the diagram's input (the simulator's request is always a fetch()). */
export function sendDiagramInput(send: SimulatedSend): DiagramInput {
  return { request: send.exchange.request, verdict: send.verdict, via: 'fetch', dropped: send.dropped, hops: send.exchange.hops, at: send.at };
}
