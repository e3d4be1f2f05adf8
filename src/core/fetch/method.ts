/** Methods that `fetch()` and XHR upper-case (Fetch Standard, "normalize" a method). */
const NORMALIZED_METHODS = ['DELETE', 'GET', 'HEAD', 'OPTIONS', 'POST', 'PUT'] as const;

/**
 * Fetch Standard "normalize a method": a byte-case-insensitive match for one of
 * DELETE, GET, HEAD, OPTIONS, POST, PUT is upper-cased; anything else (`patch`)
 * is sent exactly as written, and later compared case-sensitively.
 */
export function normalizeMethod(method: string): string {
  const upper = method.toUpperCase();
  return (NORMALIZED_METHODS as readonly string[]).includes(upper) ? upper : method;
}

/**
 * Whether the method is OPTIONS, in any case (a preflight's method, or a
 * request that may be one). The length is compared first: most methods are
 * not seven letters long, and need no upper-cased copy.
 */
export function isOptionsMethod(method: string): boolean {
  return method.length === 7 && method.toUpperCase() === 'OPTIONS';
}

/**
 * Fetch Standard "CORS-safelisted method": GET, HEAD or POST. Chromium
 * upper-cases first (cors.cc IsCorsSafelistedMethod), so `get` counts too.
 */
export function isCorsSafelistedMethod(method: string): boolean {
  const upper = method.toUpperCase();
  return upper === 'GET' || upper === 'HEAD' || upper === 'POST';
}
