import type { ObservedHop, ObservedResponse } from '../cors/verdict.ts';
import type { HeaderList } from '../fetch/headers.ts';
import type { HeaderLine } from './description.ts';

/** Header lines for one of the server's responses. */
export interface ServerChange {
  /** A redirect response is the 3xx the server answers at a URL the request passed through. */
  readonly target: 'preflight response' | 'redirect response' | 'response';
  /** The URL whose answer changes (a redirect chain has several). */
  readonly url: string;
  readonly lines: readonly HeaderLine[];
}

/**
 * The hop with header lines set on one of its responses (verifiedFix's
 * rounds): a fixed preflight lets the request out, so the hop is sent.
 */
export function patchHop(hop: ObservedHop, target: ServerChange['target'], lines: readonly HeaderLine[]): ObservedHop {
  if (target === 'preflight response') {
    const response = withLines(hop.preflight?.response ?? { status: 204, headers: [] }, lines);
    // A passing preflight lets the request out: it is answered as observed, or with a bare 200.
    return {
      ...hop,
      preflight: { ...hop.preflight, response: { ...response, status: isOk(response.status) ? response.status : 204 } },
      sent: true,
      response: hop.response ?? { status: 200, headers: [] },
    };
  }
  return { ...hop, sent: true, response: withLines(hop.response ?? { status: 200, headers: [] }, lines) };
}

/** The response with each line's header set to the line's value (replacing every line of that name). */
function withLines(response: ObservedResponse, lines: readonly HeaderLine[]): ObservedResponse {
  const names = new Set(lines.map((line) => line.name.toLowerCase()));
  const headers: HeaderList = [
    ...response.headers.filter((header) => !names.has(header.name.toLowerCase())),
    ...lines.map(({ name, value }) => ({ name, value })),
  ];
  return { ...response, headers };
}

function isOk(status: number): boolean {
  return status >= 200 && status < 300;
}

/** One change per response (target and URL), a later line for a header replacing an earlier one. */
export function mergeChanges(changes: readonly ServerChange[]): ServerChange[] {
  const merged = new Map<string, { target: ServerChange['target']; url: string; lines: Map<string, HeaderLine> }>();
  for (const change of changes) {
    const key = `${change.target} ${change.url}`;
    const entry = merged.get(key) ?? { target: change.target, url: change.url, lines: new Map<string, HeaderLine>() };
    for (const line of change.lines) entry.lines.set(line.name.toLowerCase(), line);
    merged.set(key, entry);
  }
  const order: readonly ServerChange['target'][] = ['preflight response', 'redirect response', 'response'];
  return [...merged.values()]
    .sort((a, b) => order.indexOf(a.target) - order.indexOf(b.target))
    .map(({ target, url, lines }) => ({ target, url, lines: [...lines.values()] }));
}
