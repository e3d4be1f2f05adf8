import type { BrowserContext, ExpectMatcherState, Page } from '@playwright/test';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { contextFixture, toHaveNoCorsErrors } from './fixtures.ts';

// The Chromium path runs in real Chromium (e2e/packedInstall.spec.ts). Here,
// what needs no browser: the paths that record nothing. No Firefox or WebKit
// can be driven by Playwright on this machine, so a context stands in for theirs.
function contextStandIn(): { context: BrowserContext; page: Page } {
  const context = {
    pages: () => [],
    on: () => {
      throw new Error('a context that is not recorded is never listened to');
    },
    newCDPSession: () => {
      throw new Error('no DevTools session outside Chromium');
    },
  } as unknown as BrowserContext;
  return { context, page: { context: () => context } as unknown as Page };
}

const matcherState = (isNot = false) =>
  ({ isNot, promise: '', timeout: 1000, utils: { matcherHint: () => 'expect(page).toHaveNoCorsErrors()' } }) as unknown as ExpectMatcherState;

const testInfo = { status: 'failed' as const, outputPath: () => '', attach: async () => undefined };

afterEach(() => {
  vi.restoreAllMocks();
});

describe('outside Chromium', () => {
  it('says once per process that it cannot record, runs the test, and toHaveNoCorsErrors passes without checking', async () => {
    const said: string[] = [];
    vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => said.push(String(chunk)) > 0);
    const ran: BrowserContext[] = [];
    const first = contextStandIn();
    const second = contextStandIn();
    await contextFixture({ context: first.context, corsLens: {}, browserName: 'firefox' }, async (context) => void ran.push(context), testInfo);
    await contextFixture({ context: second.context, corsLens: {}, browserName: 'webkit' }, async (context) => void ran.push(context), testInfo);
    expect(ran).toEqual([first.context, second.context]);
    expect(said).toHaveLength(1);
    expect(said[0]).toMatch(
      /^cors-lens\/playwright: CORS Lens records through Chromium's DevTools protocol and cannot record in firefox: .*toHaveNoCorsErrors\(\) passes there without checking/,
    );
    const result = await toHaveNoCorsErrors.call(matcherState(), first.page);
    expect(result.pass).toBe(true);
    expect(result.message()).toContain('Not checked: firefox cannot be recorded.');
  });
});

describe('corsLens: { enabled: false }', () => {
  it('records nothing, even in Chromium, and the matcher passes saying so', async () => {
    const { context, page } = contextStandIn();
    await contextFixture({ context, corsLens: { enabled: false }, browserName: 'chromium' }, async () => undefined, testInfo);
    const result = await toHaveNoCorsErrors.call(matcherState(), page);
    expect(result).toMatchObject({ pass: true });
    expect(result.message()).toContain('Not checked: corsLens.enabled is false.');
  });
});

describe('toHaveNoCorsErrors', () => {
  it('on a page cors-lens/playwright never saw: an error saying where test and expect come from', async () => {
    const { page } = contextStandIn();
    await expect(toHaveNoCorsErrors.call(matcherState(), page)).rejects.toThrow("take `test` and `expect` from 'cors-lens/playwright'");
  });
});

describe('bad options', () => {
  it.each([
    [{ enabeld: true }, 'corsLens.enabeld is not an option (the options are enabled, includeSecrets and ignoreUrls)'],
    [{ enabled: 'yes' }, 'corsLens.enabled must be true or false'],
    [{ includeSecrets: 1 }, 'corsLens.includeSecrets must be true or false'],
    [{ ignoreUrls: '/analytics/' }, 'corsLens.ignoreUrls must be a list of strings and regular expressions'],
    [{ ignoreUrls: [42] }, 'corsLens.ignoreUrls must be a list of strings and regular expressions'],
  ])('%j: refused by name before the test runs', async (corsLens, message) => {
    const { context } = contextStandIn();
    const use = vi.fn(async () => undefined);
    await expect(contextFixture({ context, corsLens: corsLens as never, browserName: 'chromium' }, use, testInfo)).rejects.toThrow(
      `cors-lens/playwright: ${message}`,
    );
    expect(use).not.toHaveBeenCalled();
  });
});
