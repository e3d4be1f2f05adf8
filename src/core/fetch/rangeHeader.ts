/**
 * Fetch Standard "simple range header value", as Chromium applies it to the
 * Range request header (cors.cc): `bytes=START-` or `bytes=START-END` with
 * START <= END, digits only, no whitespace, no comma (a single range), and no
 * suffix range (`bytes=-500` is not simple).
 */
export function isSimpleRangeHeaderValue(value: string): boolean {
  const match = /^bytes=(\d+)-(\d*)$/.exec(value.toLowerCase());
  if (!match) return false;
  const [, start = '', end = ''] = match;
  if (end === '') return true;
  return BigInt(start) <= BigInt(end);
}
