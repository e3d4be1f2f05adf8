import type { Scenario } from '../scenario.ts';
import { firefoxAllowed } from '../firefoxExpectations.ts';
import { allowed, blocked, preflightEcho, respond, root } from './plan.ts';

type Opaque = { readonly context: 'sandboxed-iframe' | 'data-iframe' } | { readonly from: 'file-page' };

/**
 * The same cases from one kind of opaque origin: a sandboxed iframe (without
 * allow-same-origin), a data: URL iframe, a page opened from a file: URL.
 * Each request says Origin: null, and only "*" or "null" in
 * Access-Control-Allow-Origin lets it through.
 */
function casesFrom(prefix: string, where: string, opaque: Opaque): Scenario[] {
  const from = 'from' in opaque ? { from: opaque.from } : {};
  const context = 'context' in opaque ? { context: opaque.context } : {};
  return [
    {
      name: `${prefix}-wildcard`,
      title: `${where} fetches the API, which answers Access-Control-Allow-Origin: *`,
      ...from,
      routes: root({ actual: respond([['Access-Control-Allow-Origin', '*']]) }),
      requests: [{ method: 'GET', ...context }],
      expect: [allowed()],
    },
    {
      name: `${prefix}-allow-null`,
      title: `${where} is let through by Access-Control-Allow-Origin: null (as is every other opaque origin)`,
      ...from,
      routes: root({ actual: respond([['Access-Control-Allow-Origin', 'null']]) }),
      requests: [{ method: 'GET', ...context }],
      expect: [allowed()],
    },
    {
      name: `${prefix}-page-origin`,
      title: `${where} is refused by an Access-Control-Allow-Origin naming the lab page: its own origin is "null"`,
      ...from,
      routes: root({ actual: respond([['Access-Control-Allow-Origin', '{page}']]) }),
      requests: [{ method: 'GET', ...context }],
      expect: [blocked('AllowOriginMismatch', '{page}')],
    },
    {
      name: `${prefix}-no-allow-origin`,
      title: `${where} calls an API that sends no Access-Control-Allow-Origin`,
      ...from,
      routes: root({ actual: respond() }),
      requests: [{ method: 'GET', ...context }],
      expect: [blocked('MissingAllowOriginHeader')],
    },
    {
      name: `${prefix}-preflighted`,
      title: `${where} sends a preflighted PUT; the server echoes the Origin it got, "null"`,
      ...from,
      routes: root({ preflight: preflightEcho(), actual: respond([['Access-Control-Allow-Origin', '{origin}']]) }),
      requests: [{ method: 'PUT', headers: [['X-Opaque', '1']], ...context }],
      expect: [allowed('sent')],
    },
    {
      name: `${prefix}-preflight-page-origin`,
      title: `${where} sends a preflighted PUT; the preflight allows the lab page's origin, not "null"`,
      ...from,
      routes: root({
        preflight: {
          status: 204,
          headers: [
            ['Access-Control-Allow-Origin', '{page}'],
            ['Access-Control-Allow-Methods', 'PUT'],
            ['Access-Control-Allow-Headers', 'X-Opaque'],
          ],
        },
        actual: respond([['Access-Control-Allow-Origin', '{page}']]),
      }),
      requests: [{ method: 'PUT', headers: [['X-Opaque', '1']], ...context }],
      expect: [blocked('PreflightAllowOriginMismatch', '{page}', 'sent')],
    },
  ];
}

/** Requests from opaque origins (Origin: null): a sandboxed iframe, a data: URL iframe, a page opened from a file. */
export const opaqueOriginScenarios: Scenario[] = [
  ...casesFrom('sandboxed-iframe', 'A sandboxed iframe (allow-scripts only)', { context: 'sandboxed-iframe' }),
  ...casesFrom('data-url-iframe', 'A data: URL iframe', { context: 'data-iframe' }),
  ...casesFrom('file-page', 'A page opened from a file: URL', { from: 'file-page' }),
  ...(['sandboxed-iframe', 'data-iframe'] as const).map((context): Scenario => ({
    name: `${context === 'data-iframe' ? 'data-url-iframe' : context}-not-cached`,
    title: `${context === 'data-iframe' ? 'A data: URL iframe' : 'A sandboxed iframe'} sends the same preflighted PUT twice, Access-Control-Max-Age: 600: Chromium preflights both (no cache for an opaque origin)`,
    routes: root({ preflight: preflightEcho([['Access-Control-Max-Age', '600']]), actual: respond([['Access-Control-Allow-Origin', '*']]) }),
    requests: [
      { method: 'PUT', headers: [['X-Opaque', '1']], context },
      { method: 'PUT', headers: [['X-Opaque', '2']], context },
    ],
    expect: [allowed('sent'), allowed('sent')],
    firefox: {
      differs: 'Firefox caches the preflights of an opaque origin: the second PUT is served from its preflight cache',
      expect: [firefoxAllowed('sent'), firefoxAllowed('cache-hit')],
    },
  })),
  {
    name: 'opaque-frames-share-cache',
    title: 'A sandboxed iframe, then a data: URL iframe, send the same preflighted PUT (Access-Control-Max-Age: 600): Chromium preflights both',
    routes: root({ preflight: preflightEcho([['Access-Control-Max-Age', '600']]), actual: respond([['Access-Control-Allow-Origin', '*']]) }),
    requests: [
      { method: 'PUT', headers: [['X-Opaque', '1']], context: 'sandboxed-iframe' },
      { method: 'PUT', headers: [['X-Opaque', '2']], context: 'data-iframe' },
    ],
    expect: [allowed('sent'), allowed('sent')],
    firefox: {
      differs:
        "Firefox keys an opaque origin's preflights by the null principal's scheme, which every opaque origin shares: the data: iframe's PUT is served by the sandboxed iframe's entry",
      expect: [firefoxAllowed('sent'), firefoxAllowed('cache-hit')],
    },
  },
  {
    name: 'file-page-not-cached',
    title: 'A page opened from a file: URL sends the same preflighted PUT twice, Access-Control-Max-Age: 600: Chromium preflights both',
    from: 'file-page',
    routes: root({ preflight: preflightEcho([['Access-Control-Max-Age', '600']]), actual: respond([['Access-Control-Allow-Origin', '*']]) }),
    requests: [
      { method: 'PUT', headers: [['X-Opaque', '1']] },
      { method: 'PUT', headers: [['X-Opaque', '2']] },
    ],
    expect: [allowed('sent'), allowed('sent')],
    firefox: {
      differs: "Firefox caches a file: page's preflights as it caches any opaque origin's: the second PUT is served from its preflight cache",
      expect: [firefoxAllowed('sent'), firefoxAllowed('cache-hit')],
    },
  },
];
