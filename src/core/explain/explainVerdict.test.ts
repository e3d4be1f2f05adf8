import { describe, expect, it } from 'vitest';
import type { HeaderList } from '../fetch/headers.ts';
import type { CorsRequest } from '../cors/corsRequest.ts';
import { decideVerdict } from '../cors/decideVerdict.ts';
import type { ObservedHop } from '../cors/verdict.ts';
import { explainVerdict } from './explainVerdict.ts';
import type { Explanation } from './explanation.ts';
import { corsErrorOf } from '../cors/verdictFacts.ts';

// References: the CorsError names of the DevTools protocol
// (https://chromedevtools.github.io/devtools-protocol/tot/Network/#type-CorsError);
// Chromium's checks and their order in cors.cc CheckAccess
// (https://source.chromium.org/chromium/chromium/src/+/main:services/network/public/cpp/cors/cors.cc), preflight_controller.cc
// (https://source.chromium.org/chromium/chromium/src/+/main:services/network/cors/preflight_controller.cc) and cors_url_loader.cc
// (https://source.chromium.org/chromium/chromium/src/+/main:services/network/cors/cors_url_loader.cc); the Explanation contract in explainVerdict.ts.
const ORIGIN = 'https://app.test';
const URL_API = 'https://api.test/data';
const ACAO = (value: string) => ({ name: 'Access-Control-Allow-Origin', value });

function request(overrides: Partial<CorsRequest> = {}): CorsRequest {
  return { url: URL_API, method: 'GET', headers: [], initiatorOrigin: ORIGIN, mode: 'cors', credentials: 'omit', redirect: 'follow', ...overrides };
}

function explain(req: CorsRequest, hop: Omit<ObservedHop, 'url'>): { explanation: Explanation; verdict: ReturnType<typeof decideVerdict> } {
  const exchange = { request: req, hops: [{ url: req.url, ...hop }] };
  const verdict = decideVerdict(exchange);
  return { verdict, explanation: explainVerdict(exchange, verdict) };
}

function simple(headers: HeaderList, status = 200, overrides: Partial<CorsRequest> = {}) {
  return explain(request(overrides), { response: { status, headers } });
}

function preflighted(preflightHeaders: HeaderList, status = 204, overrides: Partial<CorsRequest> = {}, actual?: HeaderList) {
  const req = request({ method: 'PUT', ...overrides });
  return explain(req, { preflight: { response: { status, headers: preflightHeaders } }, ...(actual ? { response: { status: 200, headers: actual } } : {}) });
}

function expectOneSentence(text: string): void {
  expect(text.trim()).toBe(text);
  expect(text).toMatch(/[.!?]$/);
  expect(text).not.toMatch(/[.!?]\s+[A-Z]/);
  expect(text).not.toContain('\n');
}

describe('explainVerdict: summary, codes and mismatch', () => {
  it('copies corsError and failedParameter exactly, and names the value in a one-sentence summary', () => {
    const { verdict, explanation } = simple([ACAO('https://app.test/')]);
    expect(corsErrorOf(verdict)).toBe('AllowOriginMismatch');
    expect(explanation.corsError).toBe(corsErrorOf(verdict));
    expect(explanation.failedParameter).toBe('https://app.test/');
    expect(explanation.summary).toContain('https://app.test/');
    expectOneSentence(explanation.summary);
    expect(explanation.mismatch).toEqual({ header: 'Access-Control-Allow-Origin', received: 'https://app.test/', needed: ORIGIN });
  });

  it('copies an empty failedParameter as ""', () => {
    const { explanation } = simple([]);
    expect(explanation.corsError).toBe('MissingAllowOriginHeader');
    expect(explanation.failedParameter).toBe('');
  });

  it('keeps a hostile header value as plain text, neither escaped nor dropped', () => {
    const hostile = '<b>x</b>';
    const { explanation } = simple([ACAO(hostile)]);
    expect(explanation.corsError).toBe('InvalidAllowOriginValue');
    expect(explanation.failedParameter).toBe(hostile);
    expect(explanation.summary).toContain(hostile);
    expect(explanation.summary).not.toMatch(/&(lt|gt|amp|quot);/);
    expectOneSentence(explanation.summary);
  });

  it('MissingAllowOriginHeader: received null, needed the origin, fix is the ACAO line', () => {
    const { explanation } = simple([]);
    expectOneSentence(explanation.summary);
    expect(explanation.mismatch).toEqual({ header: 'Access-Control-Allow-Origin', received: null, needed: ORIGIN });
    expect(explanation.fix?.lines).toContainEqual({ name: 'Access-Control-Allow-Origin', value: ORIGIN });
    expect(explanation.fix?.lines.map((line) => line.name)).not.toContain('Access-Control-Allow-Credentials');
  });

  it('MissingAllowOriginHeader with credentials: the fix adds Access-Control-Allow-Credentials: true', () => {
    const { explanation } = simple([], 200, { credentials: 'include' });
    expect(explanation.fix?.lines).toContainEqual({ name: 'Access-Control-Allow-Origin', value: ORIGIN });
    expect(explanation.fix?.lines).toContainEqual({ name: 'Access-Control-Allow-Credentials', value: 'true' });
  });

  it('MethodDisallowedByPreflightResponse: the fix line lists the method', () => {
    const { explanation } = preflighted([ACAO(ORIGIN), { name: 'Access-Control-Allow-Methods', value: 'GET, POST' }]);
    expect(explanation.corsError).toBe('MethodDisallowedByPreflightResponse');
    expect(explanation.failedParameter).toBe('PUT');
    expectOneSentence(explanation.summary);
    const line = explanation.fix?.lines.find((l) => l.name === 'Access-Control-Allow-Methods');
    expect(line?.value.split(',').map((item) => item.trim())).toContain('PUT');
    expect(explanation.mismatch).toMatchObject({ header: 'Access-Control-Allow-Methods', received: 'GET, POST' });
  });

  it('HeaderDisallowedByPreflightResponse: the fix line lists every missing name', () => {
    const headers = [
      { name: 'X-Zeta', value: '1' },
      { name: 'X-Alpha', value: '2' },
      { name: 'X-Ok', value: '3' },
    ];
    const { explanation } = preflighted(
      [ACAO(ORIGIN), { name: 'Access-Control-Allow-Methods', value: 'PUT' }, { name: 'Access-Control-Allow-Headers', value: 'x-ok' }],
      204,
      { headers },
    );
    expect(explanation.corsError).toBe('HeaderDisallowedByPreflightResponse');
    expect(explanation.failedParameter).toBe('x-zeta');
    const line = explanation.fix?.lines.find((l) => l.name === 'Access-Control-Allow-Headers');
    const listed = (line?.value ?? '').split(',').map((item) => item.trim().toLowerCase());
    expect(listed).toEqual(expect.arrayContaining(['x-zeta', 'x-alpha']));
  });
});

describe('explainVerdict: root cause first', () => {
  it('a 500 or 429 response without CORS headers (still MissingAllowOriginHeader: the CORS check reads no status)', () => {
    for (const status of [500, 429]) {
      const { explanation } = simple([], status);
      expect(explanation.corsError, String(status)).toBe('MissingAllowOriginHeader');
      expect(explanation.rootCause, String(status)).toMatchObject({ kind: 'error-response' });
      expect(explanation.rootCause?.text).toContain(String(status));
    }
  });

  it('no root cause for a 200 without CORS headers', () => {
    expect(simple([], 200).explanation.rootCause).toBeNull();
  });

  it('a preflight answered 401/403/404/405 (PreflightMissingAllowOriginHeader: preflight_controller.cc checks the origin before the status)', () => {
    for (const status of [401, 403, 404, 405]) {
      const { explanation } = preflighted([], status);
      expect(explanation.corsError, String(status)).toBe('PreflightMissingAllowOriginHeader');
      expect(explanation.rootCause, String(status)).toMatchObject({ kind: 'preflight-refused' });
      expect(explanation.rootCause?.text).toContain(String(status));
    }
  });

  it('Access-Control-Allow-Origin sent twice ("*, *")', () => {
    const { explanation } = simple([ACAO('*'), ACAO('*')]);
    expect(explanation.corsError).toBe('MultipleAllowOriginValues');
    expect(explanation.failedParameter).toBe('*, *');
    expect(explanation.rootCause).toMatchObject({ kind: 'header-added-twice' });
    expect(explanation.rootCause?.text).toContain('*, *');
  });
});

describe('explainVerdict: what the capture cannot show', () => {
  it('says first that an opaque page (Origin: null) is the cause, and how to serve it instead', () => {
    const { explanation, verdict } = simple([ACAO(ORIGIN)], 200, { initiatorOrigin: 'null' });
    expect(verdict).toMatchObject({ failure: { corsError: 'AllowOriginMismatch', failedParameter: ORIGIN } });
    expect(explanation.rootCause).toMatchObject({ kind: 'opaque-origin' });
    expect(explanation.rootCause?.text).toContain('file:');
  });

  it('calls a request the browser failed with nothing wrong in sight blocked, with what it may have been and how to find out', () => {
    const { explanation, verdict } = explain(request(), { sent: false, networkError: 'net::ERR_FAILED' });
    expect(verdict).toMatchObject({ outcome: 'undetermined' });
    expect(explanation.summary).toMatch(/^Blocked: the browser failed this request \(net::ERR_FAILED\), and the reason is not visible to CORS Lens/);
    expect(explanation.details.join('\n')).toContain('InvalidLocalNetworkAccess');
    expect(explanation.details.at(-1)).toContain('Confirm with Chromium');
  });

  it('says a needed preflight nobody saw was not seen, never that the cache served it', () => {
    const { explanation } = explain(request({ method: 'PUT' }), { response: { status: 200, headers: [ACAO(ORIGIN)] } });
    expect(explanation.preflight.status).toBe('not-seen');
    expect(explanation.summary).toContain('none was seen');
    expect(explanation.notes.join('\n')).toContain('possibly served by a preflight cache entry made before recording began');
  });
});

describe('explainVerdict: preflight reasons', () => {
  it('a preflighted request gives one reason per cause', () => {
    const headers = [{ name: 'X-Foo', value: '1' }];
    const { explanation } = preflighted(
      [ACAO(ORIGIN), { name: 'Access-Control-Allow-Methods', value: 'PUT' }, { name: 'Access-Control-Allow-Headers', value: 'x-foo' }],
      204,
      { headers },
      [ACAO(ORIGIN)],
    );
    expect(explanation.outcome).toBe('allowed');
    expect(explanation.preflight.status).toBe('sent');
    expect(explanation.preflight.reasons).toHaveLength(2);
    expect(explanation.preflight.reasons.join(' ')).toContain('PUT');
    expect(explanation.preflight.reasons.join(' ').toLowerCase()).toContain('x-foo');
  });

  it('a simple request says it needed no preflight', () => {
    const { explanation } = simple([ACAO(ORIGIN)]);
    expect(explanation.preflight.status).toBe('not-needed');
    expect(explanation.preflight.heading).toBe('Why no preflight was needed');
    expect(explanation.preflight.reasons.length).toBeGreaterThan(0);
    expect(explanation.preflight.reasons.join(' ')).toContain('GET');
    expect(explanation.preflight.browserSet).toBeNull();
  });

  it("lists the page's own headers one by one and folds those the browser set into one line", () => {
    // A Chrome fetch() as captured: the page set Accept and Content-Language; the browser, the rest.
    const headers = [
      ['Accept', 'application/json'],
      ['Accept-Language', 'en-US,en;q=0.9'],
      ['Content-Language', 'fr'],
      ['Origin', ORIGIN],
      ['Referer', `${ORIGIN}/`],
      ['sec-ch-ua', '"Chromium";v="143"'],
      ['sec-ch-ua-mobile', '?0'],
      ['sec-ch-ua-platform', '"Linux"'],
      ['Sec-Fetch-Dest', 'empty'],
      ['Sec-Fetch-Mode', 'cors'],
      ['Sec-Fetch-Site', 'cross-site'],
      ['User-Agent', 'Mozilla/5.0'],
      ['DPR', '2'],
    ].map(([name, value]) => ({ name: name as string, value: value as string }));
    const { explanation } = simple([ACAO(ORIGIN)], 200, { headers });
    const { reasons, browserSet } = explanation.preflight;
    expect(reasons).toEqual([
      'a simple request: no preflight needed',
      'GET is a safelisted method',
      'accept: application/json is a safelisted header',
      'content-language: fr is a safelisted header',
    ]);
    expect(browserSet?.names).toEqual([
      'accept-language',
      'origin',
      'referer',
      'sec-ch-ua',
      'sec-ch-ua-mobile',
      'sec-ch-ua-platform',
      'sec-fetch-dest',
      'sec-fetch-mode',
      'sec-fetch-site',
      'user-agent',
      'dpr',
    ]);
    expect(browserSet?.line).toBe('11 headers set by the browser (accept-language, origin, referer, …)');
  });

  it("says what the verdict decided, without asking the rule again: the hop's reasons are read as they are", () => {
    const req = request({ method: 'PUT' });
    const exchange = { request: req, hops: [{ url: req.url, response: { status: 200, headers: [ACAO(ORIGIN)] } }] };
    const verdict = decideVerdict(exchange);
    const [hop] = verdict.hops;
    expect(hop?.preflightNeed.reasons).toEqual([{ kind: 'method', method: 'PUT' }]);
    const told = { ...verdict, hops: [{ ...hop!, preflightNeed: { ...hop!.preflightNeed, reasons: [{ kind: 'forced' as const }] } }] };
    expect(explainVerdict(exchange, told).preflight.reasons).toEqual(['the request forces a preflight (an XMLHttpRequest upload with progress listeners)']);
  });

  it('folds nothing when the request was preflighted: the reasons are what the page did', () => {
    const { explanation } = preflighted([ACAO(ORIGIN), { name: 'Access-Control-Allow-Methods', value: 'PUT' }], 204, {
      headers: [{ name: 'User-Agent', value: 'x' }],
    });
    expect(explanation.preflight.heading).toBe('Why it was preflighted');
    expect(explanation.preflight.reasons).toEqual(['the method PUT is not GET, HEAD or POST']);
    expect(explanation.preflight.browserSet).toBeNull();
  });
});

describe('explainVerdict: readable headers of an allowed response', () => {
  const response = [
    ACAO(ORIGIN),
    { name: 'Content-Type', value: 'application/json' },
    { name: 'Cache-Control', value: 'no-cache' },
    { name: 'X-Secret', value: '1' },
    { name: 'X-Exposed', value: '2' },
    { name: 'Set-Cookie', value: 'a=1' },
  ];
  const readable = (explanation: Explanation) => (explanation.readableHeaders ?? []).map((name) => name.toLowerCase()).sort();

  it('safelisted response headers plus those in Access-Control-Expose-Headers', () => {
    const { explanation } = simple([...response, { name: 'Access-Control-Expose-Headers', value: 'X-Exposed' }]);
    expect(explanation.outcome).toBe('allowed');
    expect(explanation.corsError).toBeNull();
    expect(explanation.mismatch).toBeNull();
    expect(explanation.fix).toBeNull();
    expect(readable(explanation)).toEqual(['cache-control', 'content-type', 'x-exposed']);
  });

  it('"*" without credentials exposes all but Set-Cookie', () => {
    const { explanation } = simple([...response, { name: 'Access-Control-Expose-Headers', value: '*' }]);
    const names = readable(explanation);
    expect(names).toEqual(expect.arrayContaining(['cache-control', 'content-type', 'x-exposed', 'x-secret']));
    expect(names).not.toContain('set-cookie');
  });

  it('"*" with credentials is a literal name', () => {
    const { explanation } = simple(
      [...response, { name: 'Access-Control-Allow-Credentials', value: 'true' }, { name: 'Access-Control-Expose-Headers', value: '*' }],
      200,
      {
        credentials: 'include',
      },
    );
    expect(explanation.outcome).toBe('allowed');
    expect(readable(explanation)).toEqual(['cache-control', 'content-type']);
  });
});

describe('explainVerdict: reads the failure as data', () => {
  const allowAll = [ACAO(ORIGIN), { name: 'Access-Control-Allow-Methods', value: 'PUT' }];

  it('says a preflight answer without Access-Control-Allow-Headers has none, rather than quoting its absence', () => {
    const { explanation } = preflighted(allowAll, 204, { headers: [{ name: 'X-Trace', value: '1' }] });
    expect(explanation.summary).toBe("Blocked: the request sends x-trace, and the preflight's answer has no Access-Control-Allow-Headers to allow it.");
  });

  it('names the item of a malformed Access-Control-Allow-Methods that is not a method', () => {
    const { verdict, explanation } = preflighted([ACAO(ORIGIN), { name: 'Access-Control-Allow-Methods', value: 'GET, PUT DELETE' }]);
    expect(verdict.failure).toMatchObject({ corsError: 'InvalidAllowMethodsPreflightResponse', invalidItem: 'PUT DELETE' });
    expect(explanation.details[0]).toContain('holds `PUT DELETE`, which is not a name, so');
  });

  it('names every header the preflight answer leaves out, from the failure, in Chromium order', () => {
    const headers = [
      { name: 'X-B', value: '1' },
      { name: 'X-A', value: '2' },
    ];
    const { verdict, explanation } = preflighted(allowAll, 204, { headers });
    expect(verdict.failure).toMatchObject({ corsError: 'HeaderDisallowedByPreflightResponse', failedParameter: 'x-b', missing: ['x-b', 'x-a'] });
    expect(explanation.title).toBe('Allow x-b, x-a in Access-Control-Allow-Headers on the preflight response');
    expect(explanation.fix?.lines).toEqual([{ name: 'Access-Control-Allow-Headers', value: 'x-b, x-a' }]);
  });

  it('a request preflighted for headers the capture names only gives those as its reasons, not "a simple request"', () => {
    const { explanation } = preflighted(allowAll, 204, { method: 'GET', unsafeHeaderNames: ['x-trace'] }, [ACAO(ORIGIN)]);
    expect(explanation.preflight.reasons).toContain('the page sets x-trace (its value was not captured), which the preflight announced');
    expect(explanation.preflight.reasons.some((reason) => reason.startsWith('a simple request'))).toBe(false);
  });
});
