/** What limitValues did: the limited copy, how many strings it cut, and about how long it is packed (sharedJson.ts). */
export interface LimitedValue<T> {
  readonly value: T;
  readonly truncated: number;
  readonly bytes: number;
}

/** Appended to a cut string, so a truncated value never passes for the whole one. */
export function truncationMarker(originalLength: number): string {
  return ` … [truncated: ${originalLength} characters]`;
}

/**
 * A copy of plain data in which every string longer than `maxLength` is cut,
 * with a marker saying so. Header values are attacker-controlled: one 100 KB
 * value must not fill a session. Objects shared inside the value (a verdict
 * refers to its request's headers) stay shared in the copy. `bytes` is about
 * the length of the copy as packShared writes it (a shared object counted
 * once, then a short reference), give or take string escapes: what it takes
 * in memory and in chrome.storage.session.
 */
/** About what packShared's reference to a shared object takes, {"*":12}. */
const REFERENCE_BYTES = 8;

export function limitValues<T>(value: T, maxLength: number): LimitedValue<T> {
  let truncated = 0;
  const copies = new Map<object, { copy: unknown; bytes: number }>();
  const walk = (node: unknown): { copy: unknown; bytes: number } => {
    if (typeof node === 'string') {
      if (node.length <= maxLength) return { copy: node, bytes: node.length + 2 };
      truncated++;
      const cut = node.slice(0, maxLength) + truncationMarker(node.length);
      return { copy: cut, bytes: cut.length + 2 };
    }
    if (node === null || typeof node !== 'object') return { copy: node, bytes: String(node).length };
    const known = copies.get(node);
    if (known) return { copy: known.copy, bytes: REFERENCE_BYTES };
    if (Array.isArray(node)) {
      const copy: unknown[] = [];
      const entry = { copy: copy as unknown, bytes: 2 };
      copies.set(node, entry);
      for (const item of node) {
        const walked = walk(item);
        copy.push(walked.copy);
        entry.bytes += walked.bytes + (copy.length > 1 ? 1 : 0);
      }
      return entry;
    }
    const copy: Record<string, unknown> = {};
    const entry = { copy: copy as unknown, bytes: 2 };
    copies.set(node, entry);
    let keys = 0;
    for (const [key, item] of Object.entries(node)) {
      if (item === undefined) continue;
      const walked = walk(item);
      copy[key] = walked.copy;
      // "key": value, with a comma before all but the first
      entry.bytes += key.length + 3 + walked.bytes + (keys++ > 0 ? 1 : 0);
    }
    return entry;
  };
  const { copy, bytes } = walk(value);
  return { value: copy as T, truncated, bytes };
}
