import { describe, expect, it } from 'vitest';
import { compareBrowsers } from './compareBrowsers.ts';
import type { ServerPolicy, Simulation } from './simulation.ts';

const PAGE = 'https://app.example';

function simulation(overrides: { method?: string; headers?: { name: string; value: string }[]; server?: Partial<ServerPolicy>; sends?: number[] }): Simulation {
  return {
    request: {
      pageOrigin: PAGE,
      url: 'https://api.example/items/1',
      method: overrides.method ?? 'GET',
      headers: overrides.headers ?? [],
      body: 'none',
      mode: 'cors',
      credentials: 'same-origin',
      redirect: 'follow',
    },
    server: {
      kind: 'policy',
      allowOrigin: { kind: 'list', origins: [PAGE] },
      allowMethods: 'PUT',
      allowHeaders: '',
      exposeHeaders: '',
      allowCredentials: false,
      maxAge: '',
      preflightStatus: 204,
      responseStatus: 200,
      redirect: null,
      ...overrides.server,
    },
    sends: overrides.sends ?? [0],
    clock: 0,
  };
}

// Each difference below is one the Firefox oracle showed in the lab.
describe('compareBrowsers', () => {
  it('finds no difference where both browsers decide alike', () => {
    const [send] = compareBrowsers(simulation({ method: 'PUT' }));
    expect(send).toMatchObject({
      chromium: { outcome: 'allowed', preflight: 'sent' },
      firefox: { outcome: 'allowed', reason: null, preflight: 'sent' },
      differences: [],
    });
  });

  it("names the same failure in each browser's terms, and calls it no difference", () => {
    const [send] = compareBrowsers(simulation({ method: 'DELETE' }));
    expect(send).toMatchObject({ chromium: { corsError: 'MethodDisallowedByPreflightResponse' }, firefox: { reason: 'CORSMethodNotFound' }, differences: [] });
  });

  it('Access-Control-Max-Age that is not digits: Chromium caches it 5 s, Firefox not at all', () => {
    const [, second] = compareBrowsers(simulation({ method: 'PUT', server: { maxAge: 'soon' }, sends: [0, 1] }));
    expect(second).toMatchObject({ chromium: { preflight: 'cache-hit' }, firefox: { preflight: 'sent' } });
    expect(second?.differences).toEqual(['Preflight: cache-hit in Chromium, sent in Firefox.']);
  });

  it('a client hint: safelisted by Chromium, preflighted by Firefox', () => {
    const [send] = compareBrowsers(simulation({ headers: [{ name: 'DPR', value: '2' }] }));
    expect(send?.chromium.preflight).toBe('not-needed');
    expect(send?.firefox.preflight).toBe('sent');
    expect(send?.differences).toEqual(['Preflight: not-needed in Chromium, sent in Firefox.']);
  });
});
