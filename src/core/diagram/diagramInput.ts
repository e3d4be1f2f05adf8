import type { CorsRequest } from '../cors/corsRequest.ts';
import type { ObservedResponse, Verdict } from '../cors/verdict.ts';
import type { HeaderList } from '../fetch/headers.ts';
import type { Transaction } from '../pairing/transaction.ts';
import type { SimulatedSend } from '../simulator/playSimulation.ts';

/** One URL of the request as the diagram needs it, whether captured or simulated. */
export interface DiagramHop {
  readonly url: string;
  readonly preflight?: {
    readonly requestHeaders?: HeaderList;
    readonly response?: ObservedResponse;
    /** The network error that ended it, when it got no answer. */
    readonly error?: string;
    /** When its answer arrived (when it was stored in the cache). */
    readonly time: number;
  };
  /** False when the source would have shown the request going out and did not; undefined when it cannot tell. */
  readonly sent: boolean | undefined;
  readonly response?: ObservedResponse;
  /** The network error that ended the request at this URL. */
  readonly error?: string;
}

/** What the diagram is drawn from: the request, what was seen of each URL, and the engine's verdict. */
export interface DiagramInput {
  readonly request: CorsRequest;
  readonly hops: readonly DiagramHop[];
  readonly verdict: Verdict;
  /** What the script called, when the source says (webRequest calls both "xmlhttprequest"). */
  readonly via: 'fetch' | 'xhr' | 'unknown';
  /** Headers the page set that the browser dropped (forbidden request headers), when the source knows. */
  readonly dropped?: HeaderList;
}

/** A captured (or imported) transaction as the diagram's input. */
export function transactionDiagramInput(transaction: Transaction): DiagramInput {
  const last = transaction.hops.length - 1;
  const type = transaction.resourceType?.toLowerCase();
  return {
    request: transaction.request,
    verdict: transaction.verdict,
    via: type === 'fetch' ? 'fetch' : type === 'xhr' ? 'xhr' : 'unknown',
    hops: transaction.hops.map((hop, index) => ({
      url: hop.url,
      preflight: hop.preflight && {
        requestHeaders: hop.preflight.requestHeaders,
        response: hop.preflight.response,
        error: hop.preflight.error,
        time: hop.preflight.responseTime ?? hop.preflight.startTime,
      },
      sent: hop.sentHeaders !== undefined || hop.response !== undefined ? true : transaction.sendingVisible ? false : undefined,
      response: hop.response,
      error: index === last ? transaction.error : undefined,
    })),
  };
}

/** One send of the simulator as the diagram's input (the simulator's request is always a fetch()). */
export function sendDiagramInput(send: SimulatedSend): DiagramInput {
  return {
    request: send.exchange.request,
    verdict: send.verdict,
    via: 'fetch',
    dropped: send.dropped,
    hops: send.exchange.hops.map((hop) => ({
      url: hop.url,
      preflight: hop.preflight && {
        requestHeaders: hop.preflight.requestHeaders,
        response: hop.preflight.response,
        error: hop.preflight.networkError,
        time: hop.preflight.responseTime ?? hop.preflight.startTime ?? send.at,
      },
      sent: hop.sent,
      response: hop.response,
      error: hop.networkError,
    })),
  };
}
