import { UNKNOWN_FAILURE } from '../cors/verdict.ts';
import type { RequestEvent } from '../pairing/requestEvent.ts';
import type { HarEntry } from './harSchema.ts';
import { toAddressSpace } from './harValues.ts';

/**
 * Appends one hop's events, each no earlier than the one before; returns the
 * time of the last. `endAt` ends the hop earlier than its own timings say
 * (a preflight moved before its request's answer: see linkPreflights).
 */
export function harHopEvents(
  events: RequestEvent[],
  id: string,
  entry: HarEntry,
  start: number,
  following: HarEntry | undefined,
  wire: boolean,
  endAt?: number,
): number {
  const { request, response } = entry;
  const end = endAt ?? start + Math.max(0, entry.time ?? 0);
  const answered = Math.min(end, start + Math.max(0, (entry.time ?? 0) - Math.max(0, entry.timings?.receive ?? 0)));
  const sentFact = entry._corsLens?.sent;
  const space = entry._corsLens?.serverAddressSpace;
  const hasResponse = response.status > 0 && (response.headers.length > 0 || (response._error ?? null) === null);
  if ((wire && sentFact !== false) || sentFact === true) events.push({ type: 'sent', id, time: answered, headers: request.headers });
  if (following || hasResponse) {
    const statusText = response.statusText || undefined;
    const addressSpace = space ? toAddressSpace(space) : undefined;
    if (following) {
      events.push({
        type: 'redirect',
        id,
        time: answered,
        status: response.status,
        statusText,
        headers: response.headers,
        addressSpace,
        location: following.request.url,
      });
      return answered;
    }
    events.push({ type: 'response', id, time: answered, status: response.status, statusText, headers: response.headers, addressSpace });
  }
  const error = response._error ?? (hasResponse ? null : UNKNOWN_FAILURE);
  events.push(error ? { type: 'failed', id, time: end, error } : { type: 'completed', id, time: end });
  return end;
}
