import { getHeaders } from '../fetch/headers.ts';
import { isOptionsMethod } from '../fetch/method.ts';
import { serializeOrigin } from '../fetch/origin.ts';
import type { HarEntry } from './harSchema.ts';

const READ_REQUEST_HEADERS = ['origin', 'access-control-request-method', 'host', ':authority'] as const;

/**
 * What the converter reads of an entry's request headers, in one pass:
 *  - the origin of the page, frame or worker that made the request: what
 *    CORS Lens wrote, else the request's own Origin header (a frame's or a
 *    worker's may differ from the page's, and pairing a preflight needs the
 *    right one);
 *  - whether they are the wire's: HTTP/1 wire headers always hold Host,
 *    HTTP/2 and 3 hold :authority; webRequest's hold neither, and CORS Lens
 *    says so in `_corsLens.headers`;
 *  - whether the entry is a preflight (see isPreflightEntry).
 */
export function readRequestHeaders(entry: HarEntry): { initiatorOrigin: string | undefined; wire: boolean; isPreflight: boolean } {
  const facts = entry._corsLens;
  const [originHeader, requestMethod, host, authority] = getHeaders(entry.request.headers, READ_REQUEST_HEADERS);
  const origin = facts?.initiatorOrigin ?? originHeader ?? undefined;
  return {
    initiatorOrigin: origin && origin !== 'null' && serializeOrigin(origin) === origin ? origin : undefined,
    wire: facts?.headers ? facts.headers === 'wire' : host !== null || authority !== null,
    isPreflight: isOptionsMethod(entry.request.method) && requestMethod !== null,
  };
}
