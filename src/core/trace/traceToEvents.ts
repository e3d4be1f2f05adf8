import { sortedByNumber } from '../sortByNumber.ts';
import type { RequestEvent } from '../pairing/requestEvent.ts';
import type { TraceFile, TraceFileTransaction } from './traceSchema.ts';

/**
 * A trace's transactions as the request events they were paired from: the
 * inverse of pairing. Re-paired, they are judged again by the engine, with
 * the preflight cache model rebuilt in the order things happened; the
 * verdicts written in the file are never read.
 */
export function traceToEvents(trace: TraceFile): readonly RequestEvent[] {
  return sortedByNumber(trace.transactions.flatMap(transactionEvents), (event) => event.time);
}

function transactionEvents(transaction: TraceFileTransaction): RequestEvent[] {
  const { id, request, hops } = transaction;
  const first = hops[0] as TraceFileTransaction['hops'][number];
  const shared = {
    initiatorOrigin: request.initiatorOrigin,
    ...(transaction.resourceType ? { resourceType: transaction.resourceType } : {}),
    ...(transaction.context ? { context: transaction.context } : {}),
  };
  const events: RequestEvent[] = [
    {
      type: 'started',
      id,
      time: transaction.startTime,
      url: first.url,
      method: first.method,
      ...shared,
      // The page's own headers, when the capture had them apart from the wire's.
      ...(transaction.evidence?.headers === 'page' ? { headers: request.headers } : {}),
      ...(transaction.sendingVisible === undefined ? {} : { sendingVisible: transaction.sendingVisible }),
    },
  ];
  for (const hop of hops) {
    const { preflight } = hop;
    if (preflight) {
      events.push({ type: 'started', id: preflight.id, time: preflight.startTime, url: preflight.url, method: 'OPTIONS', ...shared, preflightFor: id });
      events.push({ type: 'sent', id: preflight.id, time: preflight.startTime, headers: preflight.requestHeaders });
      if (preflight.response)
        events.push({ type: 'response', id: preflight.id, time: preflight.responseTime ?? preflight.startTime, ...responseFields(preflight.response) });
      const end = preflight.endTime ?? preflight.responseTime ?? preflight.startTime;
      if (preflight.error) events.push({ type: 'failed', id: preflight.id, time: end, error: preflight.error });
      else if (preflight.response) events.push({ type: 'completed', id: preflight.id, time: end });
    }
    if (hop.sentHeaders) events.push({ type: 'sent', id, time: hop.sentTime ?? hop.startTime, headers: hop.sentHeaders });
    if (hop.response) {
      const at = hop.responseTime ?? hop.startTime;
      events.push(
        hop.redirectTo
          ? { type: 'redirect', id, time: at, ...responseFields(hop.response), location: hop.redirectTo }
          : { type: 'response', id, time: at, ...responseFields(hop.response) },
      );
    }
  }
  const endTime = transaction.endTime ?? transaction.startTime;
  if (transaction.state === 'failed') events.push({ type: 'failed', id, time: endTime, error: transaction.error ?? 'net::ERR_FAILED' });
  else if (transaction.state === 'completed') events.push({ type: 'completed', id, time: endTime });
  return events;
}

function responseFields(response: TraceFileTransaction['hops'][number]['response'] & object) {
  return {
    status: response.status,
    ...(response.statusText !== undefined ? { statusText: response.statusText } : {}),
    headers: response.headers,
    ...(response.addressSpace ? { addressSpace: response.addressSpace as never } : {}),
  };
}
