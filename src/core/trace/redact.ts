/**
 * Headers whose values are credentials: an export leaves their values out
 * unless the user asks to keep them. Their names stay, so a reader still
 * sees that a cookie or an Authorization header was sent (which matters for
 * CORS: credentials change the rules).
 */
export const SECRET_HEADERS: ReadonlySet<string> = new Set(['cookie', 'set-cookie', 'authorization', 'proxy-authorization']);

export const REDACTED_VALUE = '[redacted by CORS Lens]';

/**
 * A deep copy of `value` with the value of every secret header replaced, and
 * how many were. Headers are `{ name, value }` objects wherever they sit
 * (request, response, preflight, the verdict's copies), so every such object
 * is checked rather than a list of known places that could miss one.
 */
export function redactSecrets<T>(value: T): { value: T; redacted: number } {
  let redacted = 0;
  const walk = (node: unknown): unknown => {
    if (Array.isArray(node)) return node.map(walk);
    if (node === null || typeof node !== 'object') return node;
    const record = node as Record<string, unknown>;
    if (typeof record.name === 'string' && typeof record.value === 'string' && SECRET_HEADERS.has(record.name.toLowerCase())) {
      redacted++;
      return { ...record, value: REDACTED_VALUE };
    }
    const copy: Record<string, unknown> = {};
    for (const [key, child] of Object.entries(record)) copy[key] = walk(child);
    return copy;
  };
  return { value: walk(value) as T, redacted };
}
