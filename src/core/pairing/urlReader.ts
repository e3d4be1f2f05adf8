import { urlParts, type UrlParts, type UrlReader } from '../fetch/urlParts.ts';

/** Past this many URLs the reader forgets them all: a tab's pairing lives as long as the tab. */
const REMEMBERED_URLS = 4096;

/**
 * urlParts, remembering the URLs it read. A pairing owns one: each hop's URL
 * is asked about as the request is described (same origin as its
 * initiator?), for the server's address space, and again when the request is
 * judged (the CORS flag, the scheme, tainting), and the initiator's origin at
 * every hop; each is parsed once.
 */
export function createUrlReader(): UrlReader {
  const readings = new Map<string, UrlParts | null>();
  return (url) => {
    let parts = readings.get(url);
    if (parts === undefined) {
      if (readings.size >= REMEMBERED_URLS) readings.clear();
      readings.set(url, (parts = urlParts(url)));
    }
    return parts;
  };
}
