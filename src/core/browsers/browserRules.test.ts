import { describe, expect, it } from 'vitest';
import { decideVerdict } from '../cors/decideVerdict.ts';
import type { CorsRequest } from '../cors/corsRequest.ts';
import type { Header } from '../fetch/headers.ts';
import { CHROMIUM_RULES, FIREFOX_RULES, isBrowserRefusal } from './browserRules.ts';

const PAGE = 'http://127.0.0.1:4780';
const API = 'http://localhost:4781/s/x/';
const h = (...pairs: [string, string][]): Header[] => pairs.map(([name, value]) => ({ name, value }));
const request: CorsRequest = { url: API, method: 'PUT', headers: [], initiatorOrigin: PAGE, mode: 'cors', credentials: 'same-origin', redirect: 'follow' };

// The lab's redirect-second-preflight-fails: a PUT redirected (307) back to
// the page's origin, whose second preflight allows the page's origin, not "null".
const exchange = {
  request,
  hops: [
    {
      url: API,
      preflight: { response: { status: 204, headers: h(['Access-Control-Allow-Origin', PAGE], ['Access-Control-Allow-Methods', 'PUT']) } },
      response: { status: 307, headers: h(['Location', `${PAGE}/back`], ['Access-Control-Allow-Origin', PAGE]) },
      sent: true,
    },
    {
      url: `${PAGE}/back`,
      preflight: { response: { status: 204, headers: h(['Access-Control-Allow-Origin', PAGE], ['Access-Control-Allow-Methods', 'PUT']) } },
      response: { status: 200, headers: h(['Access-Control-Allow-Origin', 'null']) },
      sent: true,
    },
  ],
};

describe('decideVerdict with a browser\'s rules', () => {
  it('Chromium: the second preflight goes out with Origin: null, and fails', () => {
    expect(decideVerdict(exchange, { rules: CHROMIUM_RULES })).toMatchObject({ outcome: 'blocked', corsError: 'PreflightAllowOriginMismatch', failedHop: 1 });
  });

  it("Firefox: no CORS check on a preflight to the page's own origin; the response's check still uses null", () => {
    expect(decideVerdict(exchange, { rules: FIREFOX_RULES })).toMatchObject({ outcome: 'allowed', preflight: 'sent' });
  });
});

describe('isBrowserRefusal', () => {
  it("knows each browser's code for a request it refused itself, and no network failure", () => {
    expect(isBrowserRefusal('net::ERR_FAILED')).toBe(true);
    expect(isBrowserRefusal('NS_ERROR_DOM_BAD_URI')).toBe(true);
    expect(isBrowserRefusal('NS_ERROR_CONNECTION_REFUSED')).toBe(false);
    expect(isBrowserRefusal(undefined)).toBe(false);
  });
});
