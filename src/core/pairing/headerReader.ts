import { readUnsafeHeaders, type HeaderReader, type UnsafeHeaders } from '../fetch/corsUnsafeRequestHeaderNames.ts';
import type { HeaderList } from '../fetch/headers.ts';

/**
 * readUnsafeHeaders, remembering each list it read for as long as the list
 * lives. A pairing owns one: a request's headers are read for CORS when its
 * preflight is stored, when it goes out and when it is judged, and are
 * classified once.
 */
export function createHeaderReader(): HeaderReader {
  const readings = new WeakMap<HeaderList, UnsafeHeaders>();
  return (headers) => {
    let reading = readings.get(headers);
    if (!reading) readings.set(headers, (reading = readUnsafeHeaders(headers)));
    return reading;
  };
}
