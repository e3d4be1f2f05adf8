import type { RequestEvent } from '../pairing/requestEvent.ts';
import { inHopOrder, type CdpMessage } from './cdpHopOrder.ts';
import { createCdpEventConverter } from './cdpNetworkEvents.ts';
import type { CdpNetworkEventParams } from './cdpNetworkParams.ts';

/**
 * The engine's request events from what one DevTools protocol session
 * recorded (a page, with the workers and frames it attached to), in the
 * order the events arrived: each ExtraInfo head put inside its hop first.
 */
export function cdpToEvents(records: readonly CdpMessage[]): RequestEvent[] {
  const convert = createCdpEventConverter();
  return inHopOrder(records).flatMap((record) => convert(record.method, record.params as CdpNetworkEventParams));
}
