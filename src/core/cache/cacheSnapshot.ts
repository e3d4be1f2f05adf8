import { chromiumKeyId } from './chromiumPreflightCache.ts';
import type { ChromiumEviction } from './chromiumEviction.ts';
import { restoreFirefoxVersions } from './firefoxCacheVersions.ts';
import type { PreflightCacheSnapshot, Version } from './preflightCacheTypes.ts';

// A cache's keys as plain data and back, for PreflightCache.snapshot() and
// restore(). The shape is persisted: see PreflightCacheSnapshot's warning.

/** Every key's versions; when a version stopped serving is `removedAt` for Firefox, `erasedAt` for Chromium. */
export function snapshotOf(keys: ReadonlyMap<string, readonly Version[]>, engine: 'chromium' | 'firefox'): PreflightCacheSnapshot {
  const mark = engine === 'firefox' ? 'removedAt' : 'erasedAt';
  return [...keys.values()].map((versions) => versions.map(({ entry, erasedAt }) => (erasedAt === undefined ? { entry } : { entry, [mark]: erasedAt })));
}

/** Fills an empty cache's keys from a snapshot; a Chromium cache's eviction learns each key's latest version. */
export function restoreSnapshot(
  snapshot: PreflightCacheSnapshot,
  keys: Map<string, Version[]>,
  engine: 'chromium' | 'firefox',
  eviction: ChromiumEviction,
): void {
  for (const versions of snapshot) {
    const first = versions[0];
    if (!first) continue;
    if (engine === 'firefox') {
      restoreFirefoxVersions(keys, versions);
      continue;
    }
    const id = chromiumKeyId(first.entry.key);
    keys.set(
      id,
      versions.map(({ entry, erasedAt }) => (erasedAt === undefined ? { entry } : { entry, erasedAt })),
    );
    eviction.restored(id, versions[versions.length - 1] as Version);
  }
}
