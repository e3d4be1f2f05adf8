import { accessControlRequestHeadersValue } from '../fetch/corsUnsafeRequestHeaderNames.ts';
import type { Header, HeaderList } from '../fetch/headers.ts';

/**
 * The CORS headers of the preflight Chromium sends for a request
 * (preflight_controller.cc CreatePreflightRequest; Fetch Standard
 * "CORS-preflight fetch"): Accept: * / *, the method exactly as sent, the
 * CORS-unsafe header names sorted, lower-cased and joined by "," without
 * spaces (left out when there are none), the Origin ("null" once tainted),
 * and Sec-Fetch-Mode: cors. The network stack adds its usual headers (Host,
 * User-Agent, Referer...), which CORS does not read.
 */
export function preflightRequestHeaders(origin: string, method: string, headers: HeaderList): Header[] {
  const unsafe = accessControlRequestHeadersValue(headers);
  return [
    { name: 'Accept', value: '*/*' },
    { name: 'Access-Control-Request-Method', value: method },
    ...(unsafe === '' ? [] : [{ name: 'Access-Control-Request-Headers', value: unsafe }]),
    { name: 'Origin', value: origin },
    { name: 'Sec-Fetch-Mode', value: 'cors' },
  ];
}
