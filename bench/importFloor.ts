// The least any import must do that parses a HAR the way importCapture does
// and hands back one judged transaction per entry: skim and parse the text,
// read every header line once (a judge has to: the CORS-unsafe headers, the
// Access-Control-* answers), and build the objects a transaction is made of
// (request, hop, response, hop verdict, verdict). No CORS rule, no pairing,
// no preflight-cache model, no validation. Not an importer: a lower bound,
// measured beside importCapture so that its ratio to JSON.parse shows how
// much of a goal is left for the engine's own work on that file.
import { skimHarText } from '../src/core/har/skimHarText.ts';

interface Line {
  readonly name: string;
  readonly value: string;
}

interface FloorEntry {
  readonly startedDateTime: string;
  readonly _resourceType?: string;
  readonly request: { readonly method: string; readonly url: string; readonly headers: readonly Line[] };
  readonly response: { readonly status: number; readonly headers: readonly Line[] };
}

/** The floor's stand-in for classifying a request line: it counts names this long or longer, so every name is read. */
const LONG_NAME = 12;

export function importFloor(text: string): number {
  const entries = (JSON.parse(skimHarText(text)) as { log: { entries: readonly FloorEntry[] } }).log.entries;
  const lowerCased = new Map<string, string>();
  const lower = (name: string): string => {
    let known = lowerCased.get(name);
    if (known === undefined) {
      known = name.toLowerCase();
      lowerCased.set(name, known);
    }
    return known;
  };
  const transactions: object[] = [];
  for (let index = 0; index < entries.length; index++) {
    const { request, response, startedDateTime, _resourceType } = entries[index] as FloorEntry;
    let longNames = 0;
    let origin: string | null = null;
    let allowOrigin: string | null = null;
    for (let line = 0; line < request.headers.length; line++) {
      const header = request.headers[line] as Line;
      const name = lower(header.name);
      if (name === 'origin') origin = header.value;
      else if (name.length >= LONG_NAME) longNames++;
    }
    for (let line = 0; line < response.headers.length; line++) {
      const header = response.headers[line] as Line;
      if (lower(header.name) === 'access-control-allow-origin') allowOrigin = header.value;
    }
    const startTime = Date.parse(startedDateTime);
    const corsRequest = {
      url: request.url,
      method: request.method,
      headers: request.headers,
      initiatorOrigin: origin,
      mode: 'cors',
      credentials: 'same-origin',
    };
    const observed = { status: response.status, headers: response.headers };
    const hop = { url: request.url, method: request.method, startTime, sentHeaders: request.headers, response: observed };
    const hopVerdict = { url: request.url, method: request.method, headers: request.headers, origin, corsFlag: true, preflightRequired: longNames > 0 };
    const verdict = { outcome: allowOrigin === null ? 'blocked' : 'allowed', blocked: allowOrigin === null, response: observed, hops: [hopVerdict], notes: [] };
    transactions.push({ id: `har-${index}`, request: corsRequest, resourceType: _resourceType, startTime, hops: [hop], verdict });
  }
  return transactions.length;
}
