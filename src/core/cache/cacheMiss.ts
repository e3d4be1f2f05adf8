import type { CorsCheckFailure } from '../cors/corsCheck.ts';
import type { CacheMissReason, PreflightCacheEntry, PreflightCacheLookup, Version } from './preflightCacheTypes.ts';

/** A miss, every field present in one order (see openRequests.ts). */
export function cacheMiss(reason: CacheMissReason, entry?: PreflightCacheEntry, failure?: CorsCheckFailure): PreflightCacheLookup {
  return { hit: false, reason, entry, failure };
}

/** The miss of a key that held nothing at `at`: a result stored later, or none at all. */
export function missBeforeStored(versions: readonly Version[] | undefined, at: number): PreflightCacheLookup {
  const later = versions?.find((candidate) => candidate.entry.storedAt > at);
  return later ? cacheMiss('stored-later', later.entry) : cacheMiss('no-entry');
}
