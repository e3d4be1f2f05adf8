/** What the engine needs of a URL: its scheme, its origin's serialization, and whether it carries userinfo. */
export interface UrlParts {
  /** Lower-case, without the colon: "https". */
  readonly scheme: string;
  /** HTML "ASCII serialization of an origin"; "null" for an opaque origin. */
  readonly origin: string;
  readonly hasUserInfo: boolean;
}

/** Reads a URL's parts: urlParts itself, or a reader that remembers what it read (pairing/urlReader.ts). */
export type UrlReader = (url: string) => UrlParts | null;

const DEFAULT_PORTS: Readonly<Record<string, string>> = { http: '80', https: '443' };

// Browsers hand out canonical URLs: lower-case scheme and host, no default
// port. Such http(s) URLs are read with one regular expression; anything
// else (userinfo, IP literals that URL would rewrite, IDN, odd ports) goes
// through the WHATWG URL parser, which is about ten times slower.
const CANONICAL_HTTP = /^(https?):\/\/((?:[a-z0-9-]+\.)*[a-z][a-z0-9-]*\.?)(?::([1-9][0-9]{0,4}))?(?=[/?#]|$)/;

/** The parts of a URL, or null when it does not parse. Never throws. */
export function urlParts(url: string): UrlParts | null {
  const prefix = httpSchemeAndAuthority(url);
  // The fast reading depends on nothing past the authority, so it holds for the whole URL.
  const fast = prefix === null ? null : parseFast(prefix);
  return fast ?? parseSlow(url);
}

/** `http(s)://authority` up to the first "/", "?" or "#"; null for any other scheme. */
function httpSchemeAndAuthority(url: string): string | null {
  const from = url.startsWith('https://') ? 8 : url.startsWith('http://') ? 7 : -1;
  if (from < 0) return null;
  let end = from;
  while (end < url.length) {
    const code = url.charCodeAt(end);
    if (code === 0x2f || code === 0x3f || code === 0x23) break;
    end++;
  }
  return end === url.length ? url : url.slice(0, end);
}

function parseFast(url: string): UrlParts | null {
  const match = CANONICAL_HTTP.exec(url);
  if (!match) return null;
  const [, scheme = '', host = '', port] = match;
  if (port !== undefined && (port === DEFAULT_PORTS[scheme] || Number(port) > 65535)) return null;
  return { scheme, origin: port === undefined ? `${scheme}://${host}` : `${scheme}://${host}:${port}`, hasUserInfo: false };
}

function parseSlow(url: string): UrlParts | null {
  try {
    const parsed = new URL(url);
    return { scheme: parsed.protocol.slice(0, -1), origin: parsed.origin, hasUserInfo: parsed.username !== '' || parsed.password !== '' };
  } catch {
    return null;
  }
}
