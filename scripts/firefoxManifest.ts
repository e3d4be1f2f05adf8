import { GECKO_ID } from '../src/platform/geckoId.ts';

/**
 * The Firefox manifest, derived from the one manifest.json (the Chromium
 * build's): the same extension, less what Firefox does not have, plus what
 * it requires. Firefox MV3 runs the background as an event page
 * (`background.scripts`, which crxjs's firefox mode expects), has no
 * `debugger` API ("Confirm with Chromium" is Chromium's own report), ignores
 * `minimum_chrome_version`, and needs a fixed add-on id
 * (`browser_specific_settings.gecko`): storage and the tests' fixed
 * extension address depend on it (GECKO_ID, which the CLI's Firefox launcher
 * also needs: src/platform/geckoId.ts).
 */

/**
 * The oldest Firefox the build claims: 140 ESR, the first to read
 * `data_collection_permissions` (web-ext lint). What the extension uses is
 * older (MV3 109, storage.session 115, withdrawable host permissions 127).
 * Only Firefox 153 ESR is tested (e2e/firefoxOracle.spec.ts).
 */
export const FIREFOX_MIN_VERSION = '140.0';

/** Permissions Firefox does not know: `debugger` exists in Chromium only. */
const CHROMIUM_ONLY_PERMISSIONS = new Set(['debugger']);

/**
 * Firefox's background entry: the same worker, plus what only Firefox's
 * drivers need (src/background/firefoxBackground.ts).
 */
export const FIREFOX_BACKGROUND = 'src/background/firefoxBackground.ts';

interface ChromiumManifest {
  readonly background?: { readonly service_worker?: string; readonly type?: string };
  readonly permissions?: readonly string[];
  readonly [key: string]: unknown;
}

export function firefoxManifest(manifest: ChromiumManifest): Record<string, unknown> {
  const { minimum_chrome_version: _chromeOnly, background, permissions, ...rest } = manifest;
  return {
    ...rest,
    ...(background?.service_worker ? { background: { scripts: [FIREFOX_BACKGROUND], type: background.type ?? 'module' } } : {}),
    ...(permissions ? { permissions: permissions.filter((permission) => !CHROMIUM_ONLY_PERMISSIONS.has(permission)) } : {}),
    // Nothing leaves the browser: the extension collects no data (Firefox asks every add-on to say so).
    browser_specific_settings: { gecko: { id: GECKO_ID, strict_min_version: FIREFOX_MIN_VERSION, data_collection_permissions: { required: ['none'] } } },
  };
}
