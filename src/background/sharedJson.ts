/**
 * JSON that keeps shared objects shared. A transaction refers to its request
 * headers from its request, its hops and its verdict: written as plain JSON
 * they are copied three times, which cut the transactions chrome.storage.session
 * could hold by as much. Packed, an object met a second time is written as a
 * reference to its first occurrence; unpacked, both places hold one object
 * again (as the worker's memory had them).
 *
 * WARNING: persisted format. Objects of exactly the shapes {"&": id, "=": value}
 * (first occurrence) and {"*": id} (reference) are the markers; an object of
 * the data that happens to have one of these shapes is written as
 * {"&": -1, "=": object}, so any data packs and unpacks.
 */
type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

const DEFINE = '&';
const VALUE = '=';
const REFERENCE = '*';
const LITERAL = -1;

function looksLikeMarker(record: Record<string, unknown>): boolean {
  const keys = Object.keys(record);
  return (keys.length === 1 && keys[0] === REFERENCE) || (keys.length === 2 && DEFINE in record && VALUE in record);
}

export function packShared(value: unknown): Json {
  const seen = new Set<object>();
  const shared = new Set<object>();
  const count = (node: unknown): void => {
    if (node === null || typeof node !== 'object') return;
    if (seen.has(node)) {
      shared.add(node);
      return;
    }
    seen.add(node);
    for (const item of Array.isArray(node) ? node : Object.values(node)) count(item);
  };
  count(value);

  const ids = new Map<object, number>();
  const pack = (node: unknown): Json => {
    if (node === null || typeof node !== 'object') return node as Json;
    const id = ids.get(node);
    if (id !== undefined) return { [REFERENCE]: id };
    let copy: Json;
    if (Array.isArray(node)) copy = node.map((item) => (item === undefined ? null : pack(item)));
    else {
      copy = {};
      for (const [key, item] of Object.entries(node)) if (item !== undefined) copy[key] = pack(item);
    }
    if (!Array.isArray(node) && looksLikeMarker(copy as Record<string, unknown>)) copy = { [DEFINE]: LITERAL, [VALUE]: copy };
    if (!shared.has(node)) return copy;
    // The id is taken after the children: unpack meets the definitions in the same order.
    const defined = ids.size;
    ids.set(node, defined);
    return { [DEFINE]: defined, [VALUE]: copy };
  };
  return pack(value);
}

/** The value packShared packed, shared objects shared again; its shape is for the caller to check. */
export function unpackShared(value: unknown): unknown {
  const defined: unknown[] = [];
  const unpack = (node: unknown): unknown => {
    if (node === null || typeof node !== 'object') return node;
    if (Array.isArray(node)) return node.map(unpack);
    const record = node as Record<string, unknown>;
    const keys = Object.keys(record);
    if (keys.length === 1 && keys[0] === REFERENCE && typeof record[REFERENCE] === 'number') {
      if (!(record[REFERENCE] in defined)) throw new Error(`sharedJson: reference ${record[REFERENCE]} before its definition`);
      return defined[record[REFERENCE]];
    }
    if (keys.length === 2 && typeof record[DEFINE] === 'number' && VALUE in record) {
      const inner = record[VALUE];
      const copy = record[DEFINE] === LITERAL ? unpackEntries(inner as Record<string, unknown>) : unpack(inner);
      if (record[DEFINE] === LITERAL) return copy;
      defined[record[DEFINE]] = copy;
      return copy;
    }
    return unpackEntries(record);
  };
  const unpackEntries = (record: Record<string, unknown>): Record<string, unknown> => {
    const copy: Record<string, unknown> = {};
    for (const key of Object.keys(record)) copy[key] = unpack(record[key]);
    return copy;
  };
  return unpack(value);
}
