import type { Entry, Header } from 'har-format';
import type { ObservedResponse } from '../cors/verdict.ts';

// An entry's plain HAR 1.2 fields, what traceToHar writes the same way for
// every entry: what a capture does not hold (sizes, cookies, the body, the
// HTTP version, most timings) is written as HAR's unknowns.

/** An entry's page, start and times: the wait until it was answered, the rest as receiving. */
export function commonEntryFields(
  pageref: string,
  start: number,
  end: number,
  answeredAt: number | undefined,
): Pick<Entry, 'startedDateTime' | 'time' | 'timings' | 'cache' | 'pageref'> {
  const time = Math.max(0, end - start);
  const wait = answeredAt === undefined ? time : Math.min(time, Math.max(0, answeredAt - start));
  return {
    pageref,
    startedDateTime: new Date(start).toISOString(),
    time,
    timings: { blocked: -1, dns: -1, connect: -1, ssl: -1, send: 0, wait, receive: time - wait },
    cache: {},
  };
}

export function harRequest(method: string, url: string, headers: readonly Header[]): Entry['request'] {
  return {
    method,
    url,
    httpVersion: '',
    headers: headers.map(({ name, value }) => ({ name, value })),
    queryString: queryOf(url),
    cookies: [],
    headersSize: -1,
    bodySize: -1,
  };
}

export function harResponse(observed: ObservedResponse | undefined, redirectURL: string, error: string | null): Entry['response'] {
  return {
    status: observed?.status ?? 0,
    statusText: observed?.statusText ?? '',
    httpVersion: '',
    headers: (observed?.headers ?? []).map(({ name, value }) => ({ name, value })),
    cookies: [],
    content: { size: 0, mimeType: 'x-unknown' },
    redirectURL,
    headersSize: -1,
    bodySize: -1,
    _error: error,
  } as Entry['response'];
}

function queryOf(url: string): { name: string; value: string }[] {
  try {
    return [...new URL(url).searchParams].map(([name, value]) => ({ name, value }));
  } catch {
    return [];
  }
}
