/** A recorded DevTools protocol event: its method and its params (Network events carry a request id). */
export interface CdpMessage {
  readonly method: string;
  readonly params: { readonly requestId?: unknown };
}

const SENT_HEAD = 'Network.requestWillBeSentExtraInfo';
const RAW_HEAD = 'Network.responseReceivedExtraInfo';
const HOP_START = 'Network.requestWillBeSent';
const END = new Set(['Network.loadingFinished', 'Network.loadingFailed']);

/**
 * The records with each ExtraInfo event inside the hop it describes.
 *
 * Chromium sends the raw (ExtraInfo) heads from the network service and the
 * other Network events from the browser, over different pipes, so an
 * ExtraInfo may arrive before its request's requestWillBeSent, after the
 * next hop's requestWillBeSent (a redirect's 3xx head), or after
 * loadingFailed (the head of the response CORS blocked). Every hop that went
 * out has one requestWillBeSentExtraInfo and every hop answered from the
 * network one responseReceivedExtraInfo, in hop order, so the k-th of each
 * belongs to the k-th requestWillBeSent of the same request. A head keeps its
 * place when that is inside its hop (never earlier: an actual request's head
 * follows its preflight), moves just after its hop's requestWillBeSent when
 * it came before, and just before the next hop or the request's end when it
 * came after. Other events of a request that come before its first
 * requestWillBeSent follow it. A record whose hop never starts keeps its place.
 */
export function inHopOrder<T extends CdpMessage>(records: readonly T[]): T[] {
  const { hopOf, hopCount, headsOf } = indexHeads(records);
  const ordered: T[] = [];
  const placed = new Set<T>();
  const started = new Map<string, number>();
  const ended = new Set<string>();
  const waiting = new Map<string, T[]>();
  const early = new Set<T>();
  const place = (head: T): void => {
    if (placed.has(head)) return;
    placed.add(head);
    ordered.push(head);
  };
  // Heads of hops before `hop` still to come: they arrived late.
  const placeLateHeads = (id: string, hop: number): void => {
    for (const head of headsOf.get(id) ?? []) if ((hopOf.get(head) as number) < hop) place(head);
  };

  for (const record of records) {
    const id = requestIdOf(record);
    const hops = id === undefined ? 0 : (hopCount.get(id) ?? 0);
    if (id === undefined || hops === 0) {
      ordered.push(record);
      continue;
    }
    const current = started.get(id) ?? 0;
    if (isHead(record)) {
      const hop = hopOf.get(record) as number;
      // Inside its hop, or its hop never starts: here. Before its hop: with it.
      if (hop < current || hop >= hops) place(record);
      else early.add(record);
      continue;
    }
    if (record.method === HOP_START) {
      placeLateHeads(id, current);
      started.set(id, current + 1);
      ordered.push(record);
      for (const head of headsOf.get(id) ?? []) if (hopOf.get(head) === current && early.has(head)) place(head);
      if (current === 0) {
        ordered.push(...(waiting.get(id) ?? []));
        waiting.delete(id);
      }
      continue;
    }
    if (current === 0) {
      waiting.set(id, [...(waiting.get(id) ?? []), record]);
      continue;
    }
    if (END.has(record.method) && !ended.has(id)) {
      ended.add(id);
      placeLateHeads(id, current);
    }
    ordered.push(record);
  }
  return ordered;
}

function indexHeads<T extends CdpMessage>(records: readonly T[]) {
  const hopOf = new Map<T, number>();
  const hopCount = new Map<string, number>();
  const headsOf = new Map<string, T[]>();
  const kindCount = new Map<string, number>();
  for (const record of records) {
    const id = requestIdOf(record);
    if (id === undefined) continue;
    if (record.method === HOP_START) hopCount.set(id, (hopCount.get(id) ?? 0) + 1);
    else if (isHead(record)) {
      const key = `${record.method} ${id}`;
      const hop = kindCount.get(key) ?? 0;
      kindCount.set(key, hop + 1);
      hopOf.set(record, hop);
      const heads = headsOf.get(id);
      if (heads) heads.push(record);
      else headsOf.set(id, [record]);
    }
  }
  return { hopOf, hopCount, headsOf };
}

function isHead(record: CdpMessage): boolean {
  return record.method === SENT_HEAD || record.method === RAW_HEAD;
}

function requestIdOf(record: CdpMessage): string | undefined {
  const id = record.params.requestId;
  return typeof id === 'string' ? id : undefined;
}
