import type { CorsCheckFailure } from '../cors/corsCheck.ts';
import { checkAllowedHeaders, checkAllowedMethod } from '../cors/preflightResult.ts';
import type { CacheMissReason, PreflightCacheEntry, PreflightCacheQuery, Version } from './preflightCacheTypes.ts';

/** How many past versions of a key the Chromium model keeps, for lookups about the past. */
const HISTORY_PER_KEY = 4;

/**
 * A new result for a key replaces the one before it (preflight_cache.cc
 * AppendEntry); the model keeps a few past ones, in storedAt order. The
 * same preflight stored again (a restarted worker replays events) replaces
 * itself.
 */
export function addChromiumVersion(versions: Version[], entry: PreflightCacheEntry): void {
  const same = versions.findIndex((version) => version.entry.storedAt === entry.storedAt);
  if (same >= 0) {
    versions[same] = { entry };
    return;
  }
  let index = versions.length;
  while (index > 0 && (versions[index - 1] as Version).entry.storedAt > entry.storedAt) index--;
  versions.splice(index, 0, { entry });
  if (versions.length > HISTORY_PER_KEY) versions.shift();
}

/** The version current at `at`: the last stored by then, unless a lookup erased it by then. */
export function versionAt(versions: readonly Version[], at: number): Version | undefined {
  for (let index = versions.length - 1; index >= 0; index--) {
    const version = versions[index] as Version;
    if (version.entry.storedAt > at) continue;
    return version.erasedAt !== undefined && version.erasedAt <= at ? undefined : version;
  }
  return undefined;
}

/**
 * PreflightCache::CheckIfRequestCanSkipPreflight: the entry must be
 * unexpired, not lack credentials the request includes, allow the method,
 * and allow the headers under the strict rule (`*` never covers
 * Authorization here, so such requests are preflighted every time).
 */
export function chromiumWhyUnusable(
  entry: PreflightCacheEntry,
  query: PreflightCacheQuery,
  at: number,
): { reason: CacheMissReason; failure?: CorsCheckFailure } | null {
  if (entry.expiresAt <= at) return { reason: 'expired' };
  if (!entry.result.credentials && query.credentials === 'include') return { reason: 'credentials' };
  const methodFailure = checkAllowedMethod(entry.result, query.method);
  if (methodFailure) return { reason: 'method', failure: methodFailure };
  const headerFailure = checkAllowedHeaders(entry.result, query.headers, {
    authorizationNeedsListing: true,
    unsafeNames: query.unsafeNames,
  });
  if (headerFailure) return { reason: 'header', failure: headerFailure };
  return null;
}
