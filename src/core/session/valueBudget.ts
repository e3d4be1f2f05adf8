/** What limitValues did: the limited copy, how many strings it cut, and about how many characters it holds. */
export interface LimitedValue<T> {
  readonly value: T;
  readonly truncated: number;
  readonly characters: number;
}

/** Appended to a cut string, so a truncated value never passes for the whole one. */
export function truncationMarker(originalLength: number): string {
  return ` … [truncated: ${originalLength} characters]`;
}

/**
 * A copy of plain data in which every string longer than `maxLength` is cut,
 * with a marker saying so. Header values are attacker-controlled: one 100 KB
 * value must not fill a session. `characters` is the copy's length as JSON
 * writes it (give or take string escapes): what storage and the wire carry.
 * The value holds no object twice (a TransactionDto refers instead); one
 * that did would be copied, and counted, at each place.
 */
export function limitValues<T>(value: T, maxLength: number): LimitedValue<T> {
  let truncated = 0;
  let characters = 0;
  const walk = (node: unknown): unknown => {
    if (typeof node === 'string') {
      if (node.length <= maxLength) {
        characters += node.length + 2;
        return node;
      }
      truncated++;
      const cut = node.slice(0, maxLength) + truncationMarker(node.length);
      characters += cut.length + 2;
      return cut;
    }
    if (node === null || typeof node !== 'object') {
      characters += String(node).length;
      return node;
    }
    if (Array.isArray(node)) {
      // [a,b]: the brackets and a comma between items
      characters += 2 + Math.max(0, node.length - 1);
      return node.map(walk);
    }
    const copy: Record<string, unknown> = {};
    let keys = 0;
    characters += 2;
    for (const key of Object.keys(node)) {
      const item = (node as Record<string, unknown>)[key];
      if (item === undefined) continue;
      // "key": value, with a comma before all but the first
      characters += key.length + 3 + (keys++ > 0 ? 1 : 0);
      copy[key] = walk(item);
    }
    return copy;
  };
  const copy = walk(value);
  return { value: copy as T, truncated, characters };
}
