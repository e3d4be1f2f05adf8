import type { Entry, Har, Header, Initiator } from 'har-format';
import type { CdpRecord } from './cdpRecorder.ts';

type Params = Record<string, unknown>;
interface CdpHeaders { [name: string]: string }
interface CdpResponse { url: string; status: number; statusText: string; headers: CdpHeaders; mimeType?: string; protocol?: string; remoteIPAddress?: string }
interface CdpRequest { url: string; method: string; headers: CdpHeaders; postData?: string; initialPriority?: string }

interface Hop {
  start: number;
  request: CdpRequest;
  initiator: { type: string; url?: string; requestId?: string };
  resourceType: Entry['_resourceType'];
  wireHeaders?: CdpHeaders;
  response?: CdpResponse;
  responseTime?: number;
}

interface Captured {
  id: string;
  offset: number;
  hops: Hop[];
  end?: number;
  error?: string;
}

/** Entry fields Chrome DevTools adds to HAR 1.2, and the one CORS Lens adds. */
type ChromeEntry = Entry & {
  /** Chrome adds the actual request's DevTools id to a preflight's initiator. */
  _initiator: Initiator & { requestId?: string };
  /** Whether the request went out: HAR has no field for it, and a blocked request looks the same either way. */
  _corsLens?: { sent: boolean };
};

/**
 * Writes CDP Network events as a HAR 1.2 log shaped like Chrome DevTools'
 * "Export HAR": one entry per request and per redirect hop, preflights as
 * their own entries (`_resourceType: "preflight"`, `_initiator.type:
 * "preflight"`), wire headers when the request went out, provisional headers
 * when it did not. Two differences, both to keep what DevTools' export loses:
 * a response the browser blocked keeps the status and headers Chromium
 * received (DevTools writes status 0 and no headers), and each request says
 * in `_corsLens.sent` whether it went out.
 */
export function cdpToHar(records: readonly CdpRecord[], pageUrl: string, browserVersion: string): Har {
  const requests = new Map<string, Captured>();
  const wireQueue = new Map<string, CdpHeaders[]>();
  for (const { method, params } of records) {
    const id = params.requestId;
    if (typeof id !== 'string') continue;
    const captured = requests.get(id);
    switch (method) {
      case 'Network.requestWillBeSent': {
        const p = params as Params & { request: CdpRequest; timestamp: number; wallTime: number; initiator: Hop['initiator']; type?: string; redirectResponse?: CdpResponse };
        const entry: Captured = captured ?? { id, offset: p.wallTime * 1000 - p.timestamp * 1000, hops: [] };
        requests.set(id, entry);
        const previous = entry.hops[entry.hops.length - 1];
        if (previous && p.redirectResponse) {
          previous.response = { ...p.redirectResponse, headers: previous.response?.headers ?? p.redirectResponse.headers };
          previous.responseTime = p.timestamp * 1000 + entry.offset;
        }
        entry.hops.push({
          start: p.timestamp * 1000 + entry.offset,
          request: p.request,
          initiator: { type: p.initiator.type, ...(p.initiator.url ? { url: p.initiator.url } : {}), ...(p.initiator.requestId ? { requestId: p.initiator.requestId } : {}) },
          resourceType: (p.initiator.type === 'preflight' ? 'preflight' : (p.type ?? 'Other').toLowerCase()) as Entry['_resourceType'],
        });
        const queued = wireQueue.get(id)?.shift();
        if (queued) entry.hops[entry.hops.length - 1]!.wireHeaders = queued;
        break;
      }
      case 'Network.requestWillBeSentExtraInfo': {
        const headers = params.headers as CdpHeaders;
        const hop = captured?.hops.find((candidate) => !candidate.wireHeaders);
        if (hop) hop.wireHeaders = headers;
        else wireQueue.set(id, [...(wireQueue.get(id) ?? []), headers]);
        break;
      }
      case 'Network.responseReceivedExtraInfo': {
        const hop = captured?.hops[captured.hops.length - 1];
        if (!hop) break;
        // The raw head; a later responseReceived fills in what it lacks.
        hop.response = { url: hop.request.url, status: params.statusCode as number, statusText: '', ...hop.response, headers: params.headers as CdpHeaders };
        break;
      }
      case 'Network.responseReceived': {
        const hop = captured?.hops[captured.hops.length - 1];
        if (!hop || !captured) break;
        const response = params.response as CdpResponse;
        hop.response = { ...response, headers: hop.response?.headers ?? response.headers };
        hop.responseTime = (params.timestamp as number) * 1000 + captured.offset;
        break;
      }
      case 'Network.loadingFinished':
      case 'Network.loadingFailed': {
        if (!captured) break;
        captured.end = (params.timestamp as number) * 1000 + captured.offset;
        if (method === 'Network.loadingFailed') captured.error = (params.errorText as string) || `net::ERR_BLOCKED_BY_RESPONSE`;
        break;
      }
    }
  }

  const entries: { start: number; preflight: boolean; entry: ChromeEntry }[] = [];
  for (const captured of requests.values()) {
    captured.hops.forEach((hop, index) => {
      const last = index === captured.hops.length - 1;
      const next = captured.hops[index + 1];
      const end = last ? (captured.end ?? hop.responseTime ?? hop.start) : (next?.start ?? hop.start);
      entries.push({ start: hop.start, preflight: hop.initiator.type === 'preflight', entry: toEntry(hop, end, last ? captured.error : undefined, next?.request.url) });
    });
  }
  entries.sort((a, b) => a.start - b.start || Number(a.preflight) - Number(b.preflight));
  const firstStart = entries[0]?.start ?? 0;
  return {
    log: {
      version: '1.2',
      creator: { name: 'CORS Lens', version: '0.1.0', comment: 'CDP capture of the CORS Lens lab' },
      browser: { name: 'Chromium', version: browserVersion },
      pages: [{ startedDateTime: new Date(firstStart).toISOString(), id: 'page_1', title: pageUrl, pageTimings: {} }],
      entries: entries.map(({ entry }) => entry),
    },
  };
}

function toEntry(hop: Hop, end: number, error: string | undefined, redirectURL: string | undefined): ChromeEntry {
  const sent = hop.wireHeaders !== undefined || hop.response !== undefined;
  const response = hop.response;
  const time = Math.max(0, end - hop.start);
  const wait = response && hop.responseTime !== undefined ? Math.max(0, hop.responseTime - hop.start) : time;
  const url = new URL(hop.request.url);
  return {
    _initiator: hop.initiator,
    _priority: hop.request.initialPriority ?? null,
    _resourceType: hop.resourceType,
    ...(hop.initiator.type === 'preflight' ? {} : { _corsLens: { sent } }),
    cache: {},
    pageref: 'page_1',
    request: {
      method: hop.request.method,
      url: hop.request.url,
      httpVersion: 'HTTP/1.1',
      headers: toHeaders(hop.wireHeaders ?? hop.request.headers),
      queryString: [...url.searchParams].map(([name, value]) => ({ name, value })),
      cookies: [],
      headersSize: -1,
      bodySize: hop.request.postData?.length ?? 0,
      ...(hop.request.postData !== undefined ? { postData: { mimeType: hop.request.headers['Content-Type'] ?? '', text: hop.request.postData } } : {}),
    },
    response: {
      status: response?.status ?? 0,
      statusText: response?.statusText ?? '',
      httpVersion: response ? 'HTTP/1.1' : '',
      headers: response ? toHeaders(response.headers) : [],
      cookies: [],
      content: { size: 0, mimeType: response?.mimeType ?? 'x-unknown' },
      redirectURL: redirectURL ?? '',
      headersSize: -1,
      bodySize: -1,
      _transferSize: 0,
      _error: error ?? null,
    } as ChromeEntry['response'],
    serverIPAddress: response?.remoteIPAddress ?? '',
    startedDateTime: new Date(hop.start).toISOString(),
    time,
    timings: { blocked: 0, dns: -1, ssl: -1, connect: -1, send: 0, wait, receive: Math.max(0, time - wait) },
  };
}

function toHeaders(headers: CdpHeaders): Header[] {
  return Object.entries(headers).flatMap(([name, value]) => String(value).split('\n').map((line) => ({ name, value: line })));
}
