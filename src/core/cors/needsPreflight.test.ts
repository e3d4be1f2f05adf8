import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Header, HeaderList } from '../fetch/headers.ts';
import type { RequestMode } from './corsRequest.ts';
import { decideVerdict } from './decideVerdict.ts';
import { needsPreflight, type PreflightQuestion } from './needsPreflight.ts';

// References: the Fetch Standard's CORS-safelisted method
// (https://fetch.spec.whatwg.org/#cors-safelisted-method), request-header
// (https://fetch.spec.whatwg.org/#cors-safelisted-request-header) and unsafe
// names (https://fetch.spec.whatwg.org/#cors-unsafe-request-header-names);
// Chromium's CORS flag and decision order, cors_url_loader.cc NeedsPreflight
// (https://source.chromium.org/chromium/chromium/src/+/main:services/network/cors/cors_url_loader.cc); its safelist, cors.cc
// IsCorsSafelistedHeader (https://source.chromium.org/chromium/chromium/src/+/main:services/network/public/cpp/cors/cors.cc); the
// preflight it sends, preflight_controller.cc CreatePreflightRequest
// (https://source.chromium.org/chromium/chromium/src/+/main:services/network/cors/preflight_controller.cc); what Chromium 156 does,
// seen in the scenarios of e2e/lab/scenarios/safelist.ts.
const INITIATOR = 'https://a.test';
const CROSS = 'https://b.test/api';

function ask(overrides: Partial<PreflightQuestion>): ReturnType<typeof needsPreflight> {
  return needsPreflight({ method: 'GET', headers: [], mode: 'cors', url: CROSS, initiatorOrigin: INITIATOR, ...overrides });
}

describe('needsPreflight: when CORS does not apply (cors_url_loader.cc)', () => {
  it('same-origin URL and initiator: not CORS, no preflight even for PUT with a custom header', () => {
    const decision = ask({ method: 'PUT', headers: [{ name: 'X-A', value: '1' }], url: 'https://a.test/x' });
    expect(decision).toMatchObject({ cors: false, required: false, notCorsReason: 'same-origin', reasons: [] });
  });

  it('no-cors mode: not CORS', () => {
    expect(ask({ mode: 'no-cors', method: 'PUT' })).toMatchObject({ cors: false, required: false, notCorsReason: 'no-cors-mode' });
  });

  it('navigate mode: not CORS', () => {
    expect(ask({ mode: 'navigate', method: 'PUT' })).toMatchObject({ cors: false, required: false, notCorsReason: 'navigation' });
  });

  it('same-origin mode to another origin: rejected, never preflighted', () => {
    expect(ask({ mode: 'same-origin', method: 'PUT' })).toMatchObject({ cors: false, required: false, notCorsReason: 'same-origin-mode' });
  });

  it('cors mode to another origin is CORS', () => {
    expect(ask({})).toMatchObject({ cors: true, required: false });
  });
});

describe('needsPreflight: reasons (Fetch safelists, cors.cc)', () => {
  it('cors-with-forced-preflight always preflights, even a simple GET', () => {
    const decision = ask({ mode: 'cors-with-forced-preflight' });
    expect(decision.required).toBe(true);
    expect(decision.reasons).toEqual([{ kind: 'forced' }]);
  });

  it('a method other than GET/HEAD/POST is a method reason, as sent', () => {
    for (const method of ['PUT', 'DELETE', 'PATCH', 'patch', 'OPTIONS']) {
      const decision = ask({ method });
      expect(decision.required, method).toBe(true);
      expect(decision.reasons, method).toEqual([{ kind: 'method', method }]);
    }
  });

  it('safelisted methods are compared upper-cased (get is safelisted)', () => {
    for (const method of ['GET', 'HEAD', 'POST', 'get', 'Post']) expect(ask({ method }).required, method).toBe(false);
  });

  it('each unsafe header is a header reason with its rule', () => {
    const cases: [Header, string][] = [
      [{ name: 'X-Custom', value: '1' }, 'name-not-safelisted'],
      [{ name: 'Authorization', value: 'Bearer t' }, 'name-not-safelisted'],
      [{ name: 'Content-Type', value: 'application/json' }, 'content-type-not-safelisted'],
      [{ name: 'Accept', value: 'a'.repeat(129) }, 'value-over-128-bytes'],
      [{ name: 'Accept', value: 'text/"html"' }, 'unsafe-byte'],
      [{ name: 'Accept-Language', value: 'en(gb)' }, 'language-value'],
      [{ name: 'Range', value: 'bytes=-500' }, 'range-not-simple'],
      [{ name: 'DPR', value: 'two' }, 'client-hint-value'],
    ];
    for (const [header, rule] of cases) {
      const decision = ask({ headers: [header] });
      expect(decision.required, header.name).toBe(true);
      expect(decision.reasons, `${header.name}: ${header.value}`).toEqual([
        { kind: 'header', header: expect.objectContaining({ name: header.name.toLowerCase(), rule }) },
      ]);
    }
  });

  it('safelisted values above 1024 bytes in total make the safelisted headers unsafe too (CORS-unsafe request-header names)', () => {
    const headers = [
      { name: 'Accept', value: 'a'.repeat(128) },
      { name: 'Accept-Language', value: 'b'.repeat(128) },
      { name: 'Content-Language', value: 'c'.repeat(128) },
      { name: 'Intervention', value: 'd'.repeat(128) },
      { name: 'Width', value: '1'.repeat(128) },
      { name: 'Viewport-Width', value: '2'.repeat(128) },
      { name: 'RTT', value: '3'.repeat(128) },
      { name: 'DPR', value: '4'.repeat(128) },
    ];
    expect(ask({ headers }).required).toBe(false);
    const over = ask({ headers: [...headers, { name: 'Device-Memory', value: '8' }] });
    expect(over.required).toBe(true);
    expect(over.requestHeaders).toBe('accept,accept-language,content-language,device-memory,dpr,intervention,rtt,viewport-width,width');
  });

  it('lists a method reason and every header reason together', () => {
    const decision = ask({
      method: 'PUT',
      headers: [
        { name: 'X-B', value: '1' },
        { name: 'X-A', value: '2' },
      ],
    });
    expect(decision.reasons.map((reason) => (reason.kind === 'header' ? reason.header.name : reason.kind))).toEqual(['method', 'x-b', 'x-a']);
  });

  it('forbidden headers never trigger a preflight (CORS-unsafe request-header names)', () => {
    const headers = [
      { name: 'User-Agent', value: 'bot' },
      { name: 'Sec-Custom', value: '1' },
      { name: 'Proxy-Custom', value: '1' },
      { name: 'Cookie', value: 'a=1' },
      { name: 'X-HTTP-Method-Override', value: 'TRACE' },
    ];
    expect(ask({ headers })).toMatchObject({ required: false, requestHeaders: '' });
    expect(ask({ headers: [{ name: 'X-HTTP-Method-Override', value: 'PUT' }] }).required).toBe(true);
  });

  it('Chromium-only safelisted headers need no preflight (cors.cc IsCorsSafelistedHeader)', () => {
    const headers = [
      { name: 'DPR', value: '2' },
      { name: 'Save-Data', value: 'on' },
      { name: 'Width', value: '640' },
      { name: 'Intervention', value: 'anything' },
    ];
    expect(ask({ headers }).required).toBe(false);
  });

  it('met lists the rules a simple request met', () => {
    const decision = ask({
      headers: [
        { name: 'Accept', value: '*/*' },
        { name: 'Content-Type', value: 'text/plain;charset=UTF-8' },
        { name: 'DPR', value: '2' },
        { name: 'User-Agent', value: 'x' },
      ],
    });
    expect(decision.required).toBe(false);
    expect(decision.met).toEqual([
      { kind: 'method', method: 'GET' },
      { kind: 'header', name: 'accept', value: '*/*', rule: 'accept' },
      { kind: 'header', name: 'content-type', value: 'text/plain;charset=UTF-8', rule: 'content-type' },
      { kind: 'header', name: 'dpr', value: '2', rule: 'chromium-client-hint' },
      { kind: 'forbidden-header', name: 'user-agent' },
    ]);
  });
});

describe('needsPreflight: what the preflight carries (preflight_controller.cc)', () => {
  it('requestHeaders: unsafe names lower-cased, sorted, joined by "," without spaces', () => {
    const headers = [
      { name: 'X-Zeta', value: '1' },
      { name: 'Content-Type', value: 'application/json' },
      { name: 'Authorization', value: 'x' },
      { name: 'Accept', value: '*/*' },
      { name: 'User-Agent', value: 'x' },
      { name: 'X-Alpha', value: '2' },
    ];
    expect(ask({ method: 'POST', headers }).requestHeaders).toBe('authorization,content-type,x-alpha,x-zeta');
  });

  it('requestHeaders is "" when no header is unsafe', () => {
    expect(ask({ method: 'PUT', headers: [{ name: 'Accept', value: '*/*' }] }).requestHeaders).toBe('');
  });

  it('requestMethod is the method as sent (patch stays lower-case, seen in Chromium 156)', () => {
    expect(ask({ method: 'patch' }).requestMethod).toBe('patch');
    expect(ask({ method: 'PUT' }).requestMethod).toBe('PUT');
  });
});

const binary = fc.string({ unit: 'binary' });
const KNOWN_NAMES = [
  'Accept',
  'Accept-Language',
  'Content-Language',
  'Content-Type',
  'Range',
  'DPR',
  'Save-Data',
  'User-Agent',
  'Sec-X',
  'Authorization',
  'X-Custom',
];
const VALUES = ['*/*', 'en', 'text/plain', 'application/json', 'bytes=0-10', 'bytes=-1', '2', 'on', 'x(y)', ''];
const header = fc.record({
  name: fc.oneof(fc.constantFrom(...KNOWN_NAMES), binary),
  value: fc.oneof(fc.constantFrom(...VALUES), binary),
});
const method = fc.oneof(fc.constantFrom('GET', 'HEAD', 'POST', 'get', 'PUT', 'DELETE', 'patch'), binary);
const corsMode = fc.constantFrom<RequestMode>('cors', 'cors-with-forced-preflight');

describe('needsPreflight: properties', () => {
  it('adding a non-safelisted, non-forbidden header never removes the need for a preflight, and always needs one', () => {
    const extra = fc.record({ name: fc.stringMatching(/^x-[a-z]{1,10}$/), value: binary });
    fc.assert(
      fc.property(method, fc.array(header, { maxLength: 6 }), extra, fc.nat(), (m, headers, added, at) => {
        const index = at % (headers.length + 1);
        const withExtra: HeaderList = [...headers.slice(0, index), added, ...headers.slice(index)];
        const before = ask({ method: m, headers: [...headers] }).required;
        const after = ask({ method: m, headers: withExtra });
        expect(after.cors).toBe(true);
        if (before) expect(after.required).toBe(true);
        expect(after.required).toBe(true);
      }),
    );
  });

  it('never throws for arbitrary methods, header names and values', () => {
    const mode = fc.constantFrom<RequestMode>('cors', 'cors-with-forced-preflight', 'no-cors', 'same-origin', 'navigate');
    fc.assert(
      fc.property(binary, fc.array(fc.record({ name: binary, value: binary }), { maxLength: 8 }), mode, (m, headers, md) => {
        const decision = needsPreflight({ method: m, headers, mode: md, url: CROSS, initiatorOrigin: INITIATOR });
        expect(typeof decision.required).toBe('boolean');
        expect(typeof decision.requestHeaders).toBe('string');
        expect(decision.requestMethod).toBe(m);
      }),
    );
  });

  it("the verdict keeps needsPreflight's decision for each cors-mode cross-origin request, and acts on it", () => {
    fc.assert(
      fc.property(method, fc.array(header, { maxLength: 8 }), corsMode, (m, headers, mode) => {
        const decision = needsPreflight({ method: m, headers, mode, url: CROSS, initiatorOrigin: INITIATOR });
        const request = { url: CROSS, method: m, headers, initiatorOrigin: INITIATOR, mode, credentials: 'same-origin' as const, redirect: 'follow' as const };
        const [hop] = decideVerdict({ request, hops: [{ url: CROSS, sent: false }] }).hops;
        expect(hop?.preflightNeed).toEqual({ notCorsReason: null, reasons: decision.reasons, met: decision.met, announced: [] });
        expect(hop?.preflightRequired).toBe(decision.required);
        expect(decision.required).toBe(decision.reasons.length > 0);
      }),
    );
  });

  it('the verdict says why CORS does not apply where needsPreflight does', () => {
    const modes = fc.constantFrom<RequestMode>('cors', 'no-cors', 'same-origin', 'navigate');
    const url = fc.constantFrom(CROSS, 'https://a.test/own');
    fc.assert(
      fc.property(method, fc.array(header, { maxLength: 4 }), modes, url, (m, headers, mode, target) => {
        const decision = needsPreflight({ method: m, headers, mode, url: target, initiatorOrigin: INITIATOR });
        const request = { url: target, method: m, headers, initiatorOrigin: INITIATOR, mode, credentials: 'same-origin' as const, redirect: 'follow' as const };
        const [hop] = decideVerdict({ request, hops: [{ url: target, sent: false }] }).hops;
        expect(hop?.preflightNeed.notCorsReason ?? undefined).toBe(decision.notCorsReason);
      }),
    );
  });
});
