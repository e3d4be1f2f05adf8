/** What limitValues did: the limited copy, how many strings it cut, and the bytes the strings take. */
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
 * refers to its request's headers) stay shared in the copy and are counted
 * once.
 */
export function limitValues<T>(value: T, maxLength: number): LimitedValue<T> {
  let truncated = 0;
  let bytes = 0;
  const copies = new Map<object, unknown>();
  const walk = (node: unknown): unknown => {
    if (typeof node === 'string') {
      if (node.length <= maxLength) {
        bytes += node.length;
        return node;
      }
      truncated++;
      const cut = node.slice(0, maxLength) + truncationMarker(node.length);
      bytes += cut.length;
      return cut;
    }
    if (node === null || typeof node !== 'object') return node;
    const known = copies.get(node);
    if (known !== undefined) return known;
    if (Array.isArray(node)) {
      const copy: unknown[] = [];
      copies.set(node, copy);
      for (const item of node) copy.push(walk(item));
      return copy;
    }
    const copy: Record<string, unknown> = {};
    copies.set(node, copy);
    for (const [key, item] of Object.entries(node)) copy[key] = walk(item);
    return copy;
  };
  return { value: walk(value) as T, truncated, bytes };
}
