import { describe, expect, it } from 'vitest';
import manifest from '../manifest.json' with { type: 'json' };
import { GECKO_ID } from '../src/platform/geckoId.ts';
import { FIREFOX_BACKGROUND, firefoxManifest, FIREFOX_MIN_VERSION } from './firefoxManifest.ts';

describe('firefoxManifest', () => {
  const firefox = firefoxManifest(manifest);

  it('runs the background as an event page (background.scripts), as Firefox MV3 requires: the worker and the recorder trigger', () => {
    expect(firefox.background).toEqual({ scripts: [FIREFOX_BACKGROUND], type: 'module' });
  });

  it('drops what only Chromium knows: the debugger permission and minimum_chrome_version', () => {
    expect(firefox.permissions).toEqual(manifest.permissions.filter((permission) => permission !== 'debugger'));
    expect(firefox).not.toHaveProperty('minimum_chrome_version');
  });

  it('fixes the add-on id and the oldest Firefox, and says no data is collected', () => {
    expect(firefox.browser_specific_settings).toEqual({
      gecko: { id: GECKO_ID, strict_min_version: FIREFOX_MIN_VERSION, data_collection_permissions: { required: ['none'] } },
    });
  });

  it('keeps everything else as the Chromium manifest has it', () => {
    for (const key of [
      'manifest_version',
      'name',
      'version',
      'description',
      'icons',
      'devtools_page',
      'host_permissions',
      'content_security_policy',
    ] as const) {
      expect(firefox[key]).toEqual(manifest[key]);
    }
  });
});
