/**
 * A HAR of `count` small cross-origin GETs, as Chrome DevTools writes them,
 * every tenth blocked (another origin allowed): the long list the panel's
 * e2e test and its scale benchmark import.
 */
export function smallGetsHar(count: number): string {
  const entries = Array.from({ length: count }, (_, index) => ({
    startedDateTime: new Date(Date.UTC(2026, 10, 23, 12) + index * 10).toISOString(),
    time: 5,
    _resourceType: 'fetch',
    request: {
      method: 'GET',
      url: `https://api.example.com/items/${index}`,
      httpVersion: 'HTTP/1.1',
      headers: [
        { name: 'Origin', value: 'https://app.example.com' },
        { name: 'Sec-Fetch-Mode', value: 'cors' },
      ],
      queryString: [],
      cookies: [],
      headersSize: -1,
      bodySize: 0,
    },
    response: {
      status: 200,
      statusText: 'OK',
      httpVersion: 'HTTP/1.1',
      headers: [{ name: 'Access-Control-Allow-Origin', value: index % 10 === 9 ? 'https://other.example.com' : 'https://app.example.com' }],
      cookies: [],
      content: { size: 0, mimeType: 'text/plain' },
      redirectURL: '',
      headersSize: -1,
      bodySize: 0,
      _error: index % 10 === 9 ? 'net::ERR_FAILED' : null,
    },
    cache: {},
    timings: { send: 1, wait: 3, receive: 1 },
  }));
  return JSON.stringify({ log: { version: '1.2', creator: { name: 'WebInspector', version: '537.36' }, pages: [], entries } });
}
