// cors-lens/playwright: Playwright's `test` and `expect` with CORS Lens in
// them. Every page of a test's context is recorded through the DevTools
// protocol (Chromium only) and judged by the engine, as `cors-lens record`
// judges a page; `expect(page).toHaveNoCorsErrors()` fails on each request
// CORS blocked, saying why and what the server must send; a failed test's
// report gets cors-lens.md and cors-lens.trace.json. The exported types name
// only Playwright's and this file's, so the package's .d.ts stands alone.
import {
  expect as baseExpect,
  test as base,
  type Expect,
  type ExpectMatcherState,
  type MatcherReturnType,
  type Page,
  type PlaywrightTestArgs,
  type PlaywrightTestOptions,
  type PlaywrightWorkerArgs,
  type PlaywrightWorkerOptions,
  type TestType,
} from '@playwright/test';
import { contextFixture, pageFixture, toHaveNoCorsErrors } from './fixtures.ts';

/** `test.use({ corsLens: { ... } })`. */
export interface CorsLensOptions {
  /** Record every page and check CORS (default true). */
  readonly enabled?: boolean;
  /**
   * Keep the values of Cookie, Set-Cookie, Authorization and
   * Proxy-Authorization, and of secret-looking query parameters (token, key,
   * secret, password, sig, session), in failure messages and attachments.
   * Default false: they are left out, as in every CORS Lens export.
   */
  readonly includeSecrets?: boolean;
  /** Requests to leave out: a string matches any URL that contains it, a RegExp any URL it matches. */
  readonly ignoreUrls?: readonly (string | RegExp)[];
}

export interface CorsLensFixtures {
  corsLens: CorsLensOptions;
}

export interface CorsLensMatchers {
  /**
   * Waits until none of the page's cross-origin requests is in flight (up to
   * the expect timeout), then fails if CORS blocked any of them, listing each
   * with Chromium's CorsError, the header at fault and the header lines the
   * server must send. Outside Chromium it passes without checking.
   */
  toHaveNoCorsErrors(this: ExpectMatcherState, page: Page, options?: { timeout?: number }): Promise<MatcherReturnType>;
}

export const test: TestType<PlaywrightTestArgs & PlaywrightTestOptions & CorsLensFixtures, PlaywrightWorkerArgs & PlaywrightWorkerOptions> =
  base.extend<CorsLensFixtures>({
    corsLens: [{}, { option: true }],
    // Over Playwright's own: a test that has a browser context has it recorded (one without starts no browser for CORS Lens).
    context: contextFixture,
    page: pageFixture,
  });

export const expect: Expect<CorsLensMatchers> = baseExpect.extend({ toHaveNoCorsErrors });
