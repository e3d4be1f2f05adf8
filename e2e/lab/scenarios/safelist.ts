import type { LabRequest, Scenario } from '../scenario.ts';
import { firefoxBlocked } from '../firefoxExpectations.ts';
import { allowOrigin, allowed, blocked, preflightAnswer, preflightEcho, root } from './plan.ts';

const BYTES_128 = 'x'.repeat(128);
const BYTES_129 = 'x'.repeat(129);

/** A simple request that must not be preflighted: answered with the origin only. */
function simple(name: string, title: string, request: LabRequest): Scenario {
  return { name, title, routes: root({ actual: allowOrigin() }), requests: [request], expect: [allowed()] };
}

/** A request that must be preflighted; the preflight answers exactly what was asked, so it passes. */
function preflighted(name: string, title: string, request: LabRequest): Scenario {
  return { name, title, routes: root({ preflight: preflightEcho(), actual: allowOrigin() }), requests: [request], expect: [allowed('sent')] };
}

/** When Chromium preflights, header by header and value by value (CORS-safelisted request-headers). */
export const safelistScenarios: Scenario[] = [
  simple('post-text-plain', 'POST with a string body (text/plain;charset=UTF-8)', { method: 'POST', body: 'hello' }),
  simple('post-urlencoded', 'POST with URLSearchParams (application/x-www-form-urlencoded)', { method: 'POST', body: 'a=1&b=2', bodyKind: 'urlencoded' }),
  simple('post-multipart', 'POST with FormData (multipart/form-data; boundary=...)', { method: 'POST', body: 'value', bodyKind: 'formdata' }),
  simple('post-blob-text-plain-params', 'POST with a Blob typed "text/plain; format=flowed"', {
    method: 'POST',
    body: 'x',
    bodyKind: 'blob',
    blobType: 'text/plain; format=flowed',
  }),
  simple('head-simple', 'HEAD is a safelisted method', { method: 'HEAD' }),
  preflighted('post-json', 'POST with Content-Type: application/json', { method: 'POST', body: '{}', headers: [['Content-Type', 'application/json']] }),
  preflighted('content-type-list', 'Content-Type: "text/plain, text/html" does not parse as one MIME type', {
    method: 'POST',
    body: 'x',
    headers: [['Content-Type', 'text/plain, text/html']],
  }),
  preflighted('content-type-quoted-parameter', 'Content-Type: text/plain; charset="utf-8" holds a CORS-unsafe byte (")', {
    method: 'POST',
    body: 'x',
    headers: [['Content-Type', 'text/plain; charset="utf-8"']],
  }),
  simple('accept-128-bytes', 'Accept of exactly 128 bytes is still safelisted', { method: 'GET', headers: [['Accept', BYTES_128]] }),
  preflighted('accept-129-bytes', 'Accept of 129 bytes is over the limit', { method: 'GET', headers: [['Accept', BYTES_129]] }),
  preflighted('accept-unsafe-byte', 'Accept holding "{" (a CORS-unsafe byte)', { method: 'GET', headers: [['Accept', 'application/{json}']] }),
  simple('accept-language-simple', 'Accept-Language: fr-CH, fr;q=0.9', { method: 'GET', headers: [['Accept-Language', 'fr-CH, fr;q=0.9']] }),
  preflighted('content-language-unsafe', 'Content-Language with a "/" is not safelisted', { method: 'GET', headers: [['Content-Language', 'en/us']] }),
  simple('range-single', 'Range: bytes=0-99 (a simple range)', { method: 'GET', headers: [['Range', 'bytes=0-99']] }),
  preflighted('range-suffix', 'Range: bytes=-500 (a suffix range is not simple)', { method: 'GET', headers: [['Range', 'bytes=-500']] }),
  preflighted('range-two-ranges', 'Range: bytes=0-1,5-6 (more than one range)', { method: 'GET', headers: [['Range', 'bytes=0-1,5-6']] }),
  {
    ...simple('chromium-client-hints', 'DPR, Viewport-Width, ECT and Save-Data: safelisted by Chromium, not by the standard', {
      method: 'GET',
      headers: [
        ['DPR', '2'],
        ['Viewport-Width', '1280'],
        ['ECT', '4g'],
        ['Save-Data', 'on'],
      ],
    }),
    firefox: {
      differs: 'Firefox does not safelist DPR, Viewport-Width, ECT or Save-Data: it preflights them, and this server does not answer preflights',
      expect: [firefoxBlocked('CORSMissingAllowOrigin', 'sent')],
    },
  },
  preflighted('client-hint-bad-value', 'DPR: 2x is not a number, so not safelisted', { method: 'GET', headers: [['DPR', '2x']] }),
  preflighted('safelisted-total-over-1024', 'Safelisted headers that add up to more than 1024 bytes are all preflighted', {
    method: 'GET',
    headers: [
      ['Accept', BYTES_128],
      ['Accept-Language', 'a'.repeat(128)],
      ['Content-Language', 'b'.repeat(128)],
      ['DPR', '1'.repeat(128)],
      ['Width', '2'.repeat(128)],
      ['Viewport-Width', '3'.repeat(128)],
      ['Device-Memory', '4'.repeat(128)],
      ['Downlink', '5'.repeat(128)],
      ['RTT', '6'.repeat(128)],
    ],
  }),
  simple('forbidden-headers-ignored', 'Forbidden headers set by script (DNT, Cookie) are dropped, not preflighted', {
    method: 'GET',
    headers: [
      ['DNT', '1'],
      ['Cookie', 'a=b'],
    ],
  }),
  {
    name: 'xhr-custom-header',
    title: 'XMLHttpRequest with a custom header is preflighted like fetch()',
    routes: root({ preflight: preflightAnswer([['Access-Control-Allow-Headers', 'x-requested-with']]), actual: allowOrigin() }),
    requests: [{ method: 'GET', via: 'xhr', headers: [['X-Requested-With', 'XMLHttpRequest']] }],
    expect: [allowed('sent')],
  },
  {
    name: 'json-content-type-not-allowed',
    title: 'POST application/json to a preflight that lists only x-custom',
    routes: root({ preflight: preflightAnswer([['Access-Control-Allow-Headers', 'x-custom']]), actual: allowOrigin() }),
    requests: [{ method: 'POST', body: '{}', headers: [['Content-Type', 'application/json']] }],
    expect: [blocked('HeaderDisallowedByPreflightResponse', 'content-type', 'sent')],
  },
];
