import { describe, expect, it } from 'vitest';
import { REPLAY_ORIGINS, replayScenario } from '../../../e2e/lab/replayScenario.ts';
import type { Scenario } from '../../../e2e/lab/scenario.ts';
import { SCENARIOS } from '../../../e2e/lab/scenarios/index.ts';
import { actualResponseScenarios } from '../../../e2e/lab/scenarios/actualResponse.ts';
import { contextScenarios } from '../../../e2e/lab/scenarios/contexts.ts';
import { leavingPageOriginScenarios } from '../../../e2e/lab/scenarios/leavingPageOrigin.ts';
import { lifecycleScenarios } from '../../../e2e/lab/scenarios/lifecycle.ts';
import { opaqueOriginScenarios } from '../../../e2e/lab/scenarios/opaqueOrigins.ts';
import { preflightScenarios } from '../../../e2e/lab/scenarios/preflight.ts';
import { preflightCacheScenarios } from '../../../e2e/lab/scenarios/preflightCache.ts';
import { redirectScenarios } from '../../../e2e/lab/scenarios/redirects.ts';
import { safelistScenarios } from '../../../e2e/lab/scenarios/safelist.ts';
import { unpredictedPreflightScenarios } from '../../../e2e/lab/scenarios/unpredictedPreflights.ts';
import { localNetworkScenarios, rendererScenarios, seedScenarios } from '../../../e2e/lab/scenarios/seeds.ts';
import { LOCAL_NETWORK_ACCESS_ERROR } from '../cors/localNetworkAccess.ts';
import { pairEvents } from '../pairing/pairEvents.ts';
import type { RequestEvent } from '../pairing/requestEvent.ts';
import type { Transaction } from '../pairing/transaction.ts';
import { diagramText, type NegotiationDiagram } from './diagram.ts';
import { transactionDiagramInput } from './diagramInput.ts';
import { negotiationDiagram } from './negotiationDiagram.ts';
import { shapeOf } from './testShapes.ts';
import { corsErrorOf, failedParameterOf } from '../cors/verdictFacts.ts';

// The lab's scenarios as the panel would draw them: each scenario's requests
// replayed through the engine against its declared routes, as the events a
// capture gives, paired into transactions (e2e/lab/replayScenario.ts).

const seconds = (ms: number): string => `${ms / 1000} s`;
const diagramOf = (transaction: Transaction): NegotiationDiagram => negotiationDiagram(transactionDiagramInput(transaction), { time: seconds });
const named = (family: readonly Scenario[], name: string): Scenario => {
  const scenario = family.find((each) => each.name === name);
  if (!scenario) throw new Error(`no scenario ${name}`);
  return scenario;
};
const shapes = (scenario: Scenario): string[] => replayScenario(scenario).map((transaction) => shapeOf(diagramOf(transaction)));

// What the replay cannot reproduce, and why (the oracle runs them in Chromium).
const NOT_REPLAYED: Readonly<Record<string, string>> = {
  'patch-lowercase-method-allowed': "the lab server's HTTP parser answers a lower-case 'patch' with 400, which the routes do not declare",
  'cache-no-store-skips-and-does-not-store': "a fetch()'s cache option reaches no capture's events",
  'cache-reload-skips-but-stores': "a fetch()'s cache option reaches no capture's events",
};
const replayable = (scenario: Scenario): boolean => !scenario.from && !scenario.parallel && !scenario.judgedAsDeclared && !(scenario.name in NOT_REPLAYED);

describe('the replay of the lab', () => {
  it('reaches the verdict each replayable scenario declares (what Chromium decides, e2e/oracle.spec.ts)', () => {
    const differing = SCENARIOS.filter(replayable).flatMap((scenario) => {
      const got = replayScenario(scenario).map((transaction) => `${corsErrorOf(transaction.verdict) ?? 'none'} ${transaction.verdict.preflight}`);
      const declared = scenario.expect.map((expected) => `${expected.corsError ?? 'none'} ${expected.preflight}`);
      return JSON.stringify(got) === JSON.stringify(declared) ? [] : [`${scenario.name}: ${got.join(', ')} (declared ${declared.join(', ')})`];
    });
    expect(differing).toEqual([]);
    expect(SCENARIOS.filter(replayable).length).toBeGreaterThan(100);
  });
});

describe('every replayable scenario, drawn', () => {
  const all = SCENARIOS.filter(replayable).flatMap((scenario) =>
    replayScenario(scenario).map((transaction, index) => ({ name: `${scenario.name} #${index + 1}`, transaction, diagram: diagramOf(transaction) })),
  );

  it("starts with the script's call and ends with its outcome; ids are unique", () => {
    for (const { name, diagram } of all) {
      expect(diagram.arrows[0]?.kind, name).toBe('call');
      expect(diagram.arrows.at(-1)?.kind, name).toBe('outcome');
      expect(new Set(diagram.arrows.map((arrow) => arrow.id)).size, name).toBe(diagram.arrows.length);
    }
  });

  it('marks exactly one arrow of a blocked request, with its CorsError and failed parameter, and none of any other', () => {
    for (const { name, transaction, diagram } of all) {
      const marks = diagram.arrows.flatMap((arrow) => (arrow.mark ? [arrow.mark] : []));
      if (transaction.verdict.outcome !== 'blocked') expect(marks, name).toEqual([]);
      else
        expect(
          marks.map((mark) => [mark.corsError, mark.failedParameter]),
          name,
        ).toEqual([[corsErrorOf(transaction.verdict), failedParameterOf(transaction.verdict)]]);
    }
  });

  it('draws a cache lookup exactly where the verdict says a cached entry served, and an OPTIONS exactly where one was sent', () => {
    for (const { name, transaction, diagram } of all) {
      const hits = transaction.verdict.hops.flatMap((hop, index) => (hop.preflight === 'cache-hit' && hop.cacheEntry ? [index] : []));
      const sent = transaction.verdict.hops.flatMap((hop, index) => (hop.preflight === 'sent' ? [index] : []));
      expect(
        diagram.arrows.filter((arrow) => arrow.kind === 'cache-lookup').map((arrow) => arrow.hop),
        name,
      ).toEqual(hits);
      expect(
        diagram.arrows.filter((arrow) => arrow.kind === 'preflight').map((arrow) => arrow.hop),
        name,
      ).toEqual(sent);
    }
  });

  it('draws no request after a failed preflight', () => {
    for (const { name, transaction, diagram } of all) {
      if (transaction.verdict.stage !== 'preflight') continue;
      expect(
        diagram.arrows.filter((arrow) => arrow.kind === 'request' && arrow.hop === transaction.verdict.failedHop),
        name,
      ).toEqual([]);
    }
  });
});

describe('representative scenarios of each family', () => {
  it('actual response: the answer carries the failing check; no-cors reads an opaque response', () => {
    expect(shapes(named(actualResponseScenarios, 'missing-allow-origin'))).toEqual(['call > request > answer[MissingAllowOriginHeader] > outcome']);
    expect(shapes(named(actualResponseScenarios, 'credentials-missing-allow-credentials'))).toEqual([
      'call > request > answer[InvalidAllowCredentials] > outcome',
    ]);
    expect(shapes(named(actualResponseScenarios, 'simple-get-allowed'))).toEqual(['call > request > answer > outcome']);
    const [opaque] = replayScenario(named(actualResponseScenarios, 'no-cors-mode-opaque'));
    expect(diagramOf(opaque as Transaction).arrows.at(-1)?.title).toBe('Opaque response: status 0');
  });

  it('preflight: the preflight answer carries the failing check and nothing follows; a passing one is cached, then the request goes', () => {
    expect(shapes(named(preflightScenarios, 'put-method-not-allowed'))).toEqual([
      'call > preflight > preflight-answer[MethodDisallowedByPreflightResponse] > outcome',
    ]);
    expect(shapes(named(preflightScenarios, 'preflight-redirect'))).toEqual(['call > preflight > preflight-answer[PreflightDisallowedRedirect] > outcome']);
    expect(shapes(named(preflightScenarios, 'preflight-passes-actual-blocked'))).toEqual([
      'call > preflight > preflight-answer > cache-store > request > answer[MissingAllowOriginHeader] > outcome',
    ]);
    const [blocked] = replayScenario(named(preflightScenarios, 'custom-header-not-allowed'));
    expect(diagramText(diagramOf(blocked as Transaction))).toMatchInlineSnapshot(`
      "1. Page to browser: fetch(): GET /s/custom-header-not-allowed/. X-Custom: value.
      2. Browser to server: Preflight: OPTIONS /s/custom-header-not-allowed/. Origin: http://127.0.0.1:4780; Access-Control-Request-Method: GET; Access-Control-Request-Headers: x-custom.
      3. Server to browser: Preflight answer: 204. Access-Control-Allow-Origin: http://127.0.0.1:4780; Access-Control-Allow-Headers: x-other. Failed check: HeaderDisallowedByPreflightResponse. Access-Control-Allow-Headers: the server sent x-other, the browser needed x-custom. Firefox: CORSMissingAllowHeaderFromPreflight.
      4. Browser to page: fetch() rejects: TypeError: Failed to fetch. Script is not told why: only the console and DevTools name the CORS error."
    `);
  });

  it('safelist: a safelisted request goes straight out; an unsafe Content-Type is preflighted', () => {
    expect(shapes(named(safelistScenarios, 'post-text-plain'))).toEqual(['call > request > answer > outcome']);
    expect(shapes(named(safelistScenarios, 'post-json'))).toEqual(['call > preflight > preflight-answer > cache-store > request > answer > outcome']);
  });

  it('preflight cache: the second request draws the lookup; Max-Age 0 draws a result not cached, then a new OPTIONS', () => {
    expect(shapes(named(preflightCacheScenarios, 'max-age-600'))).toEqual([
      'call > preflight > preflight-answer > cache-store > request > answer > outcome',
      'call > cache-lookup > request > answer > outcome',
    ]);
    expect(shapes(named(preflightCacheScenarios, 'max-age-zero'))).toEqual([
      'call > preflight > preflight-answer > cache-store > request > answer > outcome',
      'call > preflight > preflight-answer > cache-store > request > answer > outcome',
    ]);
    const lifetimes = (name: string): unknown =>
      diagramOf(replayScenario(named(preflightCacheScenarios, name))[0] as Transaction).arrows.find((arrow) => arrow.kind === 'cache-store');
    expect(lifetimes('max-age-zero')).toMatchObject({
      title: 'Result not cached',
      lines: [{ name: 'Chromium', value: 'not kept (Access-Control-Max-Age: 0)' }],
    });
    expect(lifetimes('max-age-86400-capped')).toMatchObject({
      title: 'Result cached for 7200 s',
      lines: [
        { name: 'Chromium', value: 'kept 7200 s (Access-Control-Max-Age: 86400, capped)' },
        { name: 'Firefox', value: 'kept 86400 s (Access-Control-Max-Age: 86400)' },
        { name: 'Expires', value: '7200 s' },
      ],
    });
    expect(lifetimes('max-age-garbage')).toMatchObject({
      lines: [
        { name: 'Chromium', value: 'kept 5 s (Access-Control-Max-Age: soon is not an integer: the default)' },
        { name: 'Firefox', value: 'not kept (Access-Control-Max-Age: soon is not only digits)' },
        { name: 'Expires', value: '5 s' },
      ],
    });
    // Where Firefox keeps it as long as Chromium, only Chromium is named.
    expect(lifetimes('max-age-600')).toMatchObject({
      lines: [
        { name: 'Chromium', value: 'kept 600 s (Access-Control-Max-Age: 600)' },
        { name: 'Expires', value: '600 s' },
      ],
    });
  });

  it('redirects: each hop is drawn, a second preflight with Origin null after the tainting redirect, the failing redirect marked', () => {
    expect(shapes(named(redirectScenarios, 'redirect-within-api'))).toEqual(['call > request > redirect > request > answer > outcome']);
    expect(shapes(named(redirectScenarios, 'redirect-without-allow-origin'))).toEqual(['call > request > redirect[MissingAllowOriginHeader] > outcome']);
    expect(shapes(named(redirectScenarios, 'redirect-contains-credentials'))).toEqual(['call > request > redirect[RedirectContainsCredentials] > outcome']);
    expect(shapes(named(redirectScenarios, 'redirect-to-ftp'))).toEqual(['call > request > redirect > refused~[CorsDisabledScheme] > outcome']);
    const [perHop] = replayScenario(named(redirectScenarios, 'redirect-preflight-per-hop'));
    expect(diagramText(diagramOf(perHop as Transaction))).toMatchInlineSnapshot(`
      "1. Page to browser: fetch(): PUT /s/redirect-preflight-per-hop/.
      2. Browser to server: Preflight: OPTIONS /s/redirect-preflight-per-hop/. Origin: http://127.0.0.1:4780; Access-Control-Request-Method: PUT.
      3. Server to browser: Preflight answer: 204. Access-Control-Allow-Origin: http://127.0.0.1:4780; Access-Control-Allow-Methods: PUT.
      4. Browser to its preflight cache: Result cached for 5 s. Chromium: kept 5 s (no Access-Control-Max-Age: the default); Expires: 5 s.
      5. Browser to server: Request: PUT /s/redirect-preflight-per-hop/. Origin: http://127.0.0.1:4780.
      6. Server to browser: Redirect: 307 to http://127.0.0.1:4780/s/redirect-preflight-per-hop/back. Location: http://127.0.0.1:4780/s/redirect-preflight-per-hop/back; Access-Control-Allow-Origin: http://127.0.0.1:4780.
      7. Browser to server: Preflight: OPTIONS http://127.0.0.1:4780/s/redirect-preflight-per-hop/back. Origin: null; Access-Control-Request-Method: PUT; A redirect to another origin tainted the request: its Origin is now "null".
      8. Server to browser: Preflight answer: 204. Access-Control-Allow-Origin: null; Access-Control-Allow-Methods: PUT.
      9. Browser to its preflight cache: Result cached for 5 s. Chromium: kept 5 s (no Access-Control-Max-Age: the default); Expires: 5.002 s.
      10. Browser to server: Request: PUT http://127.0.0.1:4780/s/redirect-preflight-per-hop/back. Origin: null.
      11. Server to browser: Answer: 200. Access-Control-Allow-Origin: null.
      12. Browser to page: Script reads the response: 200. Readable headers: content-type, cache-control; Hidden from script: access-control-allow-origin."
    `);
  });

  it("leaving the page's origin: the same-origin hop goes out without Origin, the redirect leads to the API, whose answer is checked", () => {
    expect(shapes(named(leavingPageOriginScenarios, 'same-origin-redirected-to-api'))).toEqual(['call > request > redirect > request > answer > outcome']);
    expect(shapes(named(leavingPageOriginScenarios, 'same-origin-redirected-to-api-blocked'))).toEqual([
      'call > request > redirect > request > answer[MissingAllowOriginHeader] > outcome',
    ]);
    expect(shapes(named(leavingPageOriginScenarios, 'same-origin-redirected-put-preflighted'))).toEqual([
      'call > request > redirect > preflight > preflight-answer > cache-store > request > answer > outcome',
    ]);
    const [first] = replayScenario(named(leavingPageOriginScenarios, 'same-origin-redirected-to-api'));
    const requests = diagramOf(first as Transaction).arrows.filter((arrow) => arrow.kind === 'request');
    expect(requests.map((arrow) => arrow.lines.find((line) => line.name === 'Origin')?.value ?? 'no Origin')).toEqual(['no Origin', REPLAY_ORIGINS.page]);
  });

  it('unpredicted preflights: an XMLHttpRequest upload listener draws a preflight its method and headers do not call for', () => {
    expect(shapes(named(unpredictedPreflightScenarios, 'xhr-upload-listener-preflighted'))).toEqual([
      'call > preflight > preflight-answer > cache-store > request > answer > outcome',
    ]);
    expect(shapes(named(unpredictedPreflightScenarios, 'xhr-upload-listener-preflight-refused'))).toEqual([
      'call > preflight > preflight-answer[PreflightMissingAllowOriginHeader] > outcome',
    ]);
    expect(shapes(named(unpredictedPreflightScenarios, 'xhr-upload-listener-get'))).toEqual(['call > request > answer > outcome']);
  });

  it("opaque origins: a sandboxed or data: frame's request says Origin: null, and its preflight result is not cached", () => {
    const [sandboxed] = replayScenario(named(opaqueOriginScenarios, 'sandboxed-iframe-page-origin'));
    const diagram = diagramOf(sandboxed as Transaction);
    expect(diagram.lanes[0]?.subtitle).toBe('null');
    expect(shapeOf(diagram)).toBe('call > request > answer[AllowOriginMismatch] > outcome');
    expect(diagram.arrows[1]?.lines).toContainEqual({ name: 'Origin', value: 'null' });
    const notCached = shapes(named(opaqueOriginScenarios, 'data-url-iframe-not-cached'));
    expect(notCached).toEqual([
      'call > preflight > preflight-answer > cache-store > request > answer > outcome',
      'call > preflight > preflight-answer > cache-store > request > answer > outcome',
    ]);
    const [firstNotCached] = replayScenario(named(opaqueOriginScenarios, 'data-url-iframe-not-cached'));
    expect(diagramOf(firstNotCached as Transaction).arrows.find((arrow) => arrow.kind === 'cache-store')).toMatchObject({
      title: 'Result not cached',
      lines: [
        { name: 'Chromium', value: 'not kept: the page\'s origin is opaque ("null")' },
        { name: 'Firefox', value: 'kept 600 s (Access-Control-Max-Age: 600)' },
      ],
    });
  });

  it("contexts: a worker's or a cross-origin frame's request is drawn from its own origin", () => {
    expect(shapes(named(contextScenarios, 'worker-preflight-refused'))).toEqual([
      'call > preflight > preflight-answer[MethodDisallowedByPreflightResponse] > outcome',
    ]);
    const [framed] = replayScenario(named(contextScenarios, 'cross-origin-iframe-origin-mismatch'));
    const diagram = diagramOf(framed as Transaction);
    expect(diagram.lanes[0]).toEqual({ lane: 'page', title: 'Page', subtitle: REPLAY_ORIGINS.frame });
    expect(shapeOf(diagram)).toBe('call > request > answer[AllowOriginMismatch] > outcome');
  });

  it("seeds: the object store's 403 preflight", () => {
    expect(shapes(named(seedScenarios, 'seed-object-store-put-x-oss-test-403'))).toEqual([
      'call > preflight > preflight-answer[PreflightMissingAllowOriginHeader] > outcome',
    ]);
  });

  it('refused in the renderer: nothing reaches the server; the refusal carries the failing check', () => {
    expect(shapes(named(rendererScenarios, 'fetch-ftp-scheme'))).toEqual(['call > refused~[CorsDisabledScheme] > outcome']);
    expect(shapes(named(rendererScenarios, 'same-origin-mode-cross-origin'))).toEqual(['call > refused~[DisallowedByMode] > outcome']);
    expect(shapes(named(rendererScenarios, 'no-cors-redirect-manual'))).toEqual(['call > refused~[NoCorsRedirectModeNotFollow] > outcome']);
    // Firefox gives this failure no CORS reason: the mark names none.
    const [sameOriginMode] = replayScenario(named(rendererScenarios, 'same-origin-mode-cross-origin'));
    expect(diagramOf(sameOriginMode as Transaction).arrows[1]?.mark).not.toHaveProperty('firefoxReason');
  });

  it('lifecycle: a preflight whose answer is held is drawn waiting, and once answered, as any other', () => {
    const held = named(lifecycleScenarios, 'held-preflight');
    const url = `${REPLAY_ORIGINS.api}/s/${held.name}/`;
    const events: RequestEvent[] = [
      { type: 'started', id: 'put', time: 0, url, method: 'PUT', initiatorOrigin: REPLAY_ORIGINS.page, resourceType: 'xmlhttprequest' },
      { type: 'started', id: 'options', time: 1, url, method: 'OPTIONS', initiatorOrigin: REPLAY_ORIGINS.page, resourceType: 'xmlhttprequest' },
      {
        type: 'sent',
        id: 'options',
        time: 2,
        headers: [
          { name: 'Access-Control-Request-Method', value: 'PUT' },
          { name: 'Origin', value: REPLAY_ORIGINS.page },
        ],
      },
    ];
    const [waiting] = pairEvents(events).transactions;
    const diagram = diagramOf(waiting as Transaction);
    expect(shapeOf(diagram)).toBe('call > preflight… > outcome…');
    expect(diagram.arrows[1]?.lines.at(-1)).toEqual({ value: 'Waiting for the answer.' });
    expect(shapes(held)).toEqual(['call > preflight > preflight-answer > cache-store > request > answer > outcome']);
    expect(shapes(named(lifecycleScenarios, 'held-response'))).toEqual(['call > request > answer > outcome']);
  });

  it('Local Network Access: the refused connection, and the preflight stopped at it (events as the DevTools protocol gives them)', () => {
    const publicPage = 'http://127.0.0.1:4782';
    const lna = (scenario: Scenario, preflighted: boolean): Transaction => {
      const url = `${REPLAY_ORIGINS.api}/s/${scenario.name}/`;
      const method = scenario.requests[0]?.method ?? 'GET';
      const events: RequestEvent[] = [
        { type: 'security-context', time: 0, initiatorOrigin: publicPage, isSecureContext: true, addressSpace: 'public' },
        { type: 'started', id: 'request', time: 1, url, method, initiatorOrigin: publicPage, resourceType: 'fetch' },
        ...(preflighted
          ? ([
              {
                type: 'started',
                id: 'preflight',
                time: 2,
                url,
                method: 'OPTIONS',
                initiatorOrigin: publicPage,
                resourceType: 'preflight',
                preflightFor: 'request',
              },
              {
                type: 'sent',
                id: 'preflight',
                time: 2,
                headers: [
                  { name: 'Access-Control-Request-Method', value: method },
                  { name: 'Origin', value: publicPage },
                ],
              },
              { type: 'failed', id: 'preflight', time: 3, error: LOCAL_NETWORK_ACCESS_ERROR },
            ] as const)
          : []),
        { type: 'failed', id: 'request', time: 4, error: LOCAL_NETWORK_ACCESS_ERROR },
      ];
      const [transaction] = pairEvents(events).transactions;
      expect(corsErrorOf(transaction!.verdict)).toBe(scenario.expect[0]?.corsError);
      return transaction as Transaction;
    };
    expect(shapeOf(diagramOf(lna(named(localNetworkScenarios, 'lna-public-page-to-loopback'), false)))).toBe(
      'call > refused~[LocalNetworkAccessPermissionDenied] > outcome',
    );
    const preflighted = diagramOf(lna(named(localNetworkScenarios, 'lna-public-page-preflighted'), true));
    expect(shapeOf(preflighted)).toBe('call > preflight[LocalNetworkAccessPermissionDenied] > outcome');
    expect(preflighted.arrows[1]?.lines).toContainEqual({ name: 'No answer', value: LOCAL_NETWORK_ACCESS_ERROR });
  });
});
