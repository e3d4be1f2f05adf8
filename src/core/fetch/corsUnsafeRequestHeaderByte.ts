/**
 * Fetch Standard "CORS-unsafe request-header byte": a control byte other than
 * tab, or one of `"():<>?@[\]{}` and DEL.
 */
export function isCorsUnsafeRequestHeaderByte(code: number): boolean {
  return (
    (code < 0x20 && code !== 0x09) ||
    code === 0x22 ||
    code === 0x28 ||
    code === 0x29 ||
    code === 0x3a ||
    code === 0x3c ||
    code === 0x3e ||
    code === 0x3f ||
    code === 0x40 ||
    code === 0x5b ||
    code === 0x5c ||
    code === 0x5d ||
    code === 0x7b ||
    code === 0x7d ||
    code === 0x7f
  );
}

/** The first CORS-unsafe byte in `value`, or null when there is none. */
export function findCorsUnsafeRequestHeaderByte(value: string): string | null {
  for (let i = 0; i < value.length; i++) {
    if (isCorsUnsafeRequestHeaderByte(value.charCodeAt(i))) return value[i] ?? null;
  }
  return null;
}
