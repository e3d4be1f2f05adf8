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

/** What a second reference to a shared object is counted as. */
const REFERENCE_CHARACTERS = 8;

/**
 * A copy of plain data in which every string longer than `maxLength` is cut,
 * with a marker saying so. Header values are attacker-controlled: one 100 KB
 * value must not fill a session. Objects shared inside the value (a verdict
 * refers to its request's headers) stay shared in the copy. `characters` is
 * about what the copy holds in memory: its length as JSON writes it (give or
 * take string escapes), but a shared object counted once, then as a
 * reference. (Storage and the wire write shared objects at each place, and
 * gzip, or the port's structured clone, take them back down.)
 */
export function limitValues<T>(value: T, maxLength: number): LimitedValue<T> {
  let truncated = 0;
  const copies = new Map<object, { copy: unknown; characters: number }>();
  const walk = (node: unknown): { copy: unknown; characters: number } => {
    if (typeof node === 'string') {
      if (node.length <= maxLength) return { copy: node, characters: node.length + 2 };
      truncated++;
      const cut = node.slice(0, maxLength) + truncationMarker(node.length);
      return { copy: cut, characters: cut.length + 2 };
    }
    if (node === null || typeof node !== 'object') return { copy: node, characters: String(node).length };
    const known = copies.get(node);
    if (known) return { copy: known.copy, characters: REFERENCE_CHARACTERS };
    if (Array.isArray(node)) {
      const copy: unknown[] = [];
      const entry = { copy: copy as unknown, characters: 2 };
      copies.set(node, entry);
      for (const item of node) {
        const walked = walk(item);
        copy.push(walked.copy);
        entry.characters += walked.characters + (copy.length > 1 ? 1 : 0);
      }
      return entry;
    }
    const copy: Record<string, unknown> = {};
    const entry = { copy: copy as unknown, characters: 2 };
    copies.set(node, entry);
    let keys = 0;
    for (const [key, item] of Object.entries(node)) {
      if (item === undefined) continue;
      const walked = walk(item);
      copy[key] = walked.copy;
      // "key": value, with a comma before all but the first
      entry.characters += key.length + 3 + walked.characters + (keys++ > 0 ? 1 : 0);
    }
    return entry;
  };
  const { copy, characters } = walk(value);
  return { value: copy as T, truncated, characters };
}
