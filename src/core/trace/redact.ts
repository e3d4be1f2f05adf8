/**
 * Headers whose values are credentials: an export leaves their values out
 * unless the user asks to keep them. Their names stay, so a reader still
 * sees that a cookie or an Authorization header was sent (which matters for
 * CORS: credentials change the rules).
 */
export const SECRET_HEADERS: ReadonlySet<string> = new Set(['cookie', 'set-cookie', 'authorization', 'proxy-authorization']);

export const REDACTED_VALUE = '[redacted by CORS Lens]';

/** Stands for a query value in a URL: URL-safe, so the URL stays one. */
export const REDACTED_QUERY_VALUE = 'redacted-by-cors-lens';

/**
 * Query parameters whose values are often secrets (access_token, api_key,
 * X-Amz-Signature, client_secret, password, sessionid...): matched anywhere
 * in the name, in any case.
 */
const SECRET_QUERY_NAME = /token|key|secret|password|passwd|sig|session/i;

function decodeQueryName(raw: string): string {
  try {
    return decodeURIComponent(raw.replace(/\+/g, ' '));
  } catch {
    return raw;
  }
}

/** What a redaction left out: header names and query-parameter names (never values), and how many values in all. */
export interface Redactions {
  readonly count: number;
  readonly headers: readonly string[];
  readonly queryParameters: readonly string[];
}

/**
 * A deep copy of `value` with the value of every secret header replaced, and
 * every secret query value in any URL (a request's, a Referer's, a
 * Location's), and what was. Headers are `{ name, value }` objects wherever
 * they sit (request, response, preflight, the verdict's copies), so every
 * such object is checked rather than a list of known places that could miss
 * one. The same URL always comes out the same, so pairing by URL survives.
 */
export function redactSecrets<T>(value: T): { value: T; redacted: number; redactions: Redactions } {
  let count = 0;
  const headers = new Set<string>();
  const queryParameters = new Set<string>();
  const redactUrls = (text: string): string => {
    // Cheap test first: most strings hold no URL with a query.
    if (!text.includes('?') || !/https?:\/\//i.test(text)) return text;
    return text.replace(/https?:\/\/[^\s"'<>]+/gi, (candidate) => {
      let url: URL;
      try {
        url = new URL(candidate);
      } catch {
        return candidate;
      }
      if (!url.search) return candidate;
      // On the raw query, part by part: everything but the secret values stays byte for byte.
      const countBefore = count;
      const parts = url.search
        .slice(1)
        .split('&')
        .map((part) => {
          const equals = part.indexOf('=');
          if (equals < 0) return part;
          const name = decodeQueryName(part.slice(0, equals));
          const secret = part.slice(equals + 1);
          if (!SECRET_QUERY_NAME.test(name) || secret === '' || secret === REDACTED_QUERY_VALUE) return part;
          count++;
          queryParameters.add(name);
          return `${part.slice(0, equals)}=${REDACTED_QUERY_VALUE}`;
        });
      // No secret in this URL: it stays as it was.
      if (count === countBefore) return candidate;
      const base = url.href.slice(0, url.href.length - url.search.length - url.hash.length);
      return `${base}?${parts.join('&')}${url.hash}`;
    });
  };
  const walk = (node: unknown): unknown => {
    if (typeof node === 'string') return redactUrls(node);
    if (Array.isArray(node)) return node.map(walk);
    if (node === null || typeof node !== 'object') return node;
    const record = node as Record<string, unknown>;
    if (typeof record.name === 'string' && typeof record.value === 'string' && SECRET_HEADERS.has(record.name.toLowerCase())) {
      count++;
      headers.add(record.name.toLowerCase());
      return { ...record, value: REDACTED_VALUE };
    }
    // Keys defined as JSON.parse defines them: a "__proto__" key stays a field (assigning it would set the copy's prototype).
    return Object.fromEntries(Object.entries(record).map(([key, child]) => [key, walk(child)]));
  };
  const copy = walk(value) as T;
  return { value: copy, redacted: count, redactions: { count, headers: [...headers].sort(), queryParameters: [...queryParameters].sort() } };
}

/** What an export left out, in words: "2 secret values left out: the cookie header; the token query parameter"; null when nothing was. */
export function describeRedactions(trace: {
  readonly secrets: 'redacted' | 'included';
  readonly redactedValues: number;
  readonly redactions?: Redactions;
}): string | null {
  if (trace.secrets === 'included' || trace.redactedValues === 0) return null;
  const { headers = [], queryParameters = [] } = trace.redactions ?? {};
  const what = [
    headers.length > 0 ? `the ${headers.join(', ')} header${headers.length === 1 ? '' : 's'}` : '',
    queryParameters.length > 0 ? `the ${queryParameters.join(', ')} query parameter${queryParameters.length === 1 ? '' : 's'}` : '',
  ].filter(Boolean);
  return `${trace.redactedValues} secret value${trace.redactedValues === 1 ? '' : 's'} left out: ${what.join('; ')}`;
}
