import type { Entry, Har, Header, Initiator } from 'har-format';
import type { CdpRecord } from '../../src/playwright/cdpRecorder.ts';
import { inHopOrder } from '../../src/core/cdp/cdpHopOrder.ts';

type Params = Record<string, unknown>;
interface CdpHeaders {
  [name: string]: string;
}
interface CdpResponse {
  url: string;
  status: number;
  statusText: string;
  headers: CdpHeaders;
  mimeType?: string;
  protocol?: string;
  remoteIPAddress?: string;
}
interface CdpRequest {
  url: string;
  method: string;
  headers: CdpHeaders;
  postData?: string;
  initialPriority?: string;
}

interface SecurityState {
  initiatorIsSecureContext: boolean;
  initiatorIPAddressSpace: string;
  localNetworkAccessRequestPolicy?: string;
}

interface Hop {
  start: number;
  securityState?: SecurityState;
  serverAddressSpace?: string;
  request: CdpRequest;
  initiator: { type: string; url?: string; requestId?: string };
  resourceType: Entry['_resourceType'];
  wireHeaders?: CdpHeaders;
  response?: CdpResponse;
  responseTime?: number;
}

interface Captured {
  id: string;
  pageref: string;
  offset: number;
  hops: Hop[];
  end?: number;
  error?: string;
}

/** Entry fields Chrome DevTools adds to HAR 1.2, and the one CORS Lens adds. */
type ChromeEntry = Entry & {
  /** Chrome adds the actual request's DevTools id to a preflight's initiator. */
  _initiator: Initiator & { requestId?: string };
  _corsLens?: CorsLensFacts;
};

/**
 * What the capture knew that HAR has no field for: whether the request went
 * out (a blocked request looks the same either way), the page's security
 * context, and the server's address space (both for Local Network Access).
 */
interface CorsLensFacts {
  sent?: boolean;
  initiatorSecurity?: { isSecureContext: boolean; addressSpace: string; policy?: string };
  serverAddressSpace?: string;
}

/**
 * Writes CDP Network events as a HAR 1.2 log shaped like Chrome DevTools'
 * "Export HAR": one entry per request and per redirect hop, preflights as
 * their own entries (`_resourceType: "preflight"`, `_initiator.type:
 * "preflight"`), wire headers when the request went out, provisional headers
 * when it did not. Two differences, both to keep what DevTools' export loses:
 * a response the browser blocked keeps the status and headers Chromium
 * received (DevTools writes status 0 and no headers), and `_corsLens` holds
 * facts HAR has no field for (see CorsLensFacts).
 */
export function cdpToHar(sources: readonly { pageUrl: string; records: readonly CdpRecord[] }[], browserVersion: string): Har {
  const requests = new Map<string, Captured>();
  const wireQueue = new Map<string, { headers: CdpHeaders; security?: SecurityState }[]>();
  const pages = sources.map((source, index) => ({ id: `page_${index + 1}`, ...source }));
  for (const { id: pageref, records } of pages)
    for (const { method, params } of inHopOrder(records)) {
      const id = params.requestId;
      if (typeof id !== 'string') continue;
      const captured = requests.get(id);
      switch (method) {
        case 'Network.requestWillBeSent': {
          const p = params as Params & {
            request: CdpRequest;
            timestamp: number;
            wallTime: number;
            initiator: Hop['initiator'];
            type?: string;
            redirectResponse?: CdpResponse;
          };
          const entry: Captured = captured ?? { id, pageref, offset: p.wallTime * 1000 - p.timestamp * 1000, hops: [] };
          requests.set(id, entry);
          const previous = entry.hops[entry.hops.length - 1];
          if (previous && p.redirectResponse) {
            previous.response = { ...p.redirectResponse, headers: previous.response?.headers ?? p.redirectResponse.headers };
            previous.responseTime = p.timestamp * 1000 + entry.offset;
          }
          entry.hops.push({
            start: p.timestamp * 1000 + entry.offset,
            request: p.request,
            initiator: {
              type: p.initiator.type,
              ...(p.initiator.url ? { url: p.initiator.url } : {}),
              ...(p.initiator.requestId ? { requestId: p.initiator.requestId } : {}),
            },
            resourceType: (p.initiator.type === 'preflight' ? 'preflight' : (p.type ?? 'Other').toLowerCase()) as Entry['_resourceType'],
          });
          const queued = wireQueue.get(id)?.shift();
          const hop = entry.hops.at(-1);
          if (queued && hop) {
            hop.wireHeaders = queued.headers;
            if (queued.security) hop.securityState = queued.security;
          }
          break;
        }
        case 'Network.requestWillBeSentExtraInfo': {
          const headers = params.headers as CdpHeaders;
          const security = params.clientSecurityState as SecurityState | undefined;
          const hop = captured?.hops.find((candidate) => !candidate.wireHeaders);
          if (hop) {
            hop.wireHeaders = headers;
            if (security) hop.securityState = security;
          } else wireQueue.set(id, [...(wireQueue.get(id) ?? []), { headers, ...(security ? { security } : {}) }]);
          break;
        }
        case 'Network.responseReceivedExtraInfo': {
          const hop = captured?.hops[captured.hops.length - 1];
          if (!hop) break;
          // The raw head; a later responseReceived fills in what it lacks.
          hop.response = { url: hop.request.url, status: params.statusCode as number, statusText: '', ...hop.response, headers: params.headers as CdpHeaders };
          if (typeof params.resourceIPAddressSpace === 'string') hop.serverAddressSpace = params.resourceIPAddressSpace;
          break;
        }
        case 'Network.responseReceived': {
          const hop = captured?.hops[captured.hops.length - 1];
          if (!hop) break;
          const response = params.response as CdpResponse;
          hop.response = { ...response, headers: hop.response?.headers ?? response.headers };
          hop.responseTime = (params.timestamp as number) * 1000 + captured.offset;
          break;
        }
        case 'Network.loadingFinished':
        case 'Network.loadingFailed': {
          // Chromium may report a failure twice (blockedReason, then ERR_ABORTED): the first one counts.
          if (!captured || captured.end !== undefined) break;
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
      entries.push({
        start: hop.start,
        preflight: hop.initiator.type === 'preflight',
        entry: toEntry(hop, captured.pageref, end, last ? captured.error : undefined, next?.request.url),
      });
    });
  }
  entries.sort((a, b) => a.start - b.start || Number(a.preflight) - Number(b.preflight));
  const firstStart = entries[0]?.start ?? 0;
  return {
    log: {
      version: '1.2',
      creator: { name: 'CORS Lens', version: '0.1.0', comment: 'CDP capture of the CORS Lens lab' },
      browser: { name: 'Chromium', version: browserVersion },
      pages: pages.map(({ id, pageUrl }) => ({ startedDateTime: new Date(firstStart).toISOString(), id, title: pageUrl, pageTimings: {} })),
      entries: entries.map(({ entry }) => entry),
    },
  };
}

function facts(hop: Hop, sent: boolean): CorsLensFacts {
  const security = hop.securityState;
  return {
    ...(hop.initiator.type === 'preflight' ? {} : { sent }),
    ...(security
      ? {
          initiatorSecurity: {
            isSecureContext: security.initiatorIsSecureContext,
            addressSpace: security.initiatorIPAddressSpace,
            ...(security.localNetworkAccessRequestPolicy ? { policy: security.localNetworkAccessRequestPolicy } : {}),
          },
        }
      : {}),
    ...(hop.serverAddressSpace ? { serverAddressSpace: hop.serverAddressSpace } : {}),
  };
}

function toEntry(hop: Hop, pageref: string, end: number, error: string | undefined, redirectURL: string | undefined): ChromeEntry {
  const sent = hop.wireHeaders !== undefined || hop.response !== undefined;
  const response = hop.response;
  const time = Math.max(0, end - hop.start);
  const wait = response && hop.responseTime !== undefined ? Math.max(0, hop.responseTime - hop.start) : time;
  const url = new URL(hop.request.url);
  return {
    _initiator: hop.initiator,
    _priority: hop.request.initialPriority ?? null,
    _resourceType: hop.resourceType,
    _corsLens: facts(hop, sent),
    cache: {},
    pageref,
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
  return Object.entries(headers).flatMap(([name, value]) => value.split('\n').map((line) => ({ name, value: line })));
}
