import { sortedByNumber } from '../sortByNumber.ts';
import type { RequestEvent } from './requestEvent.ts';

/** Open requests and preflights whose events the log keeps. */
const MAX_OPEN_RECORDS = 20_000;

/**
 * The events of every request and preflight still open, and the last
 * security context seen of each initiator: replayed into a new pairing they
 * rebuild the open state of the one that kept them (Pairing.openEvents).
 */
export interface OpenEventLog {
  remember(event: RequestEvent): void;
  /** The record was judged (or dropped): its events can change nothing any more. */
  forget(id: string): void;
  /** Everything kept, in time order; within one request, in arrival order. */
  events(): RequestEvent[];
}

export function createOpenEventLog(): OpenEventLog {
  const byRecord = new Map<string, RequestEvent[]>();
  const contextEvents = new Map<string, RequestEvent>();
  return {
    remember(event) {
      if (event.type === 'security-context') {
        contextEvents.set(event.initiatorOrigin, event);
        return;
      }
      const log = byRecord.get(event.id);
      if (log) log.push(event);
      else if (event.type === 'started') byRecord.set(event.id, [event]);
      // Preflights nobody claims (their request was outside the capture) would
      // stay open forever: the oldest logs go first.
      if (byRecord.size > MAX_OPEN_RECORDS) {
        const oldest = byRecord.keys().next().value;
        if (oldest !== undefined) byRecord.delete(oldest);
      }
    },
    forget(id) {
      byRecord.delete(id);
    },
    events() {
      const events = [...contextEvents.values(), ...[...byRecord.values()].flat()];
      // A stable sort: the log's order within a request is its arrival order.
      return [...sortedByNumber(events, (event) => event.time)];
    },
  };
}
