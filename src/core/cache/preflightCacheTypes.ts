import type { HeaderList } from '../fetch/headers.ts';
import type { CorsCheckFailure } from '../cors/corsCheck.ts';
import type { CredentialsMode } from '../cors/corsRequest.ts';
import type { PreflightResult } from '../cors/preflightResult.ts';
import type { PreflightLifetime } from './preflightLifetime.ts';

/**
 * Chromium's preflight cache key (preflight_cache.h): the initiator's origin
 * and the full URL, query string included. Chromium adds the network
 * isolation key (top-level site, frame site) and the target address space;
 * `partition` stands for them when the caller knows them. Credentials are
 * not part of Chromium's key (a flag of the entry); Firefox adds them to
 * its own (firefoxCacheEntry.ts).
 */
export interface PreflightCacheKey {
  readonly origin: string;
  readonly url: string;
  readonly partition?: string;
}

/** One method or header name a Firefox entry holds, with its own lifetime (nsPreflightCache::TokenTime). */
export interface CachedToken {
  /** As the preflight answer spelled it. */
  readonly token: string;
  /** Epoch milliseconds: the preflight that last listed it, and when that listing expires. */
  readonly storedAt: number;
  readonly expiresAt: number;
}

export interface PreflightCacheEntry {
  readonly key: PreflightCacheKey;
  /** What the entry allows. A Firefox entry's methods and headers are its items' (see `items`). */
  readonly result: PreflightResult;
  /** The lifetime of the (last) preflight stored. */
  readonly lifetime: PreflightLifetime;
  /** Epoch milliseconds. */
  readonly storedAt: number;
  /** When the entry can serve no request that needs a method or header item any more. */
  readonly expiresAt: number;
  /**
   * Firefox only: the methods and headers every preflight stored for this
   * key added, each with its own expiry (nsCORSListenerProxy.cpp
   * AddResultToCache merges; Chromium replaces the whole entry).
   */
  readonly items?: { readonly methods: readonly CachedToken[]; readonly headers: readonly CachedToken[] };
}

export interface PreflightCacheQuery {
  readonly key: PreflightCacheKey;
  readonly method: string;
  readonly headers: HeaderList;
  readonly credentials: CredentialsMode;
  readonly bypass?: boolean;
  /** Names to check in place of those computed from `headers`. */
  readonly unsafeNames?: readonly string[];
}

/** Why a lookup missed; `credentials-mode`: Firefox holds an entry only for the other credentials mode. */
export type CacheMissReason = 'bypass' | 'no-entry' | 'stored-later' | 'expired' | 'credentials' | 'credentials-mode' | 'method' | 'header';

export type PreflightCacheLookup =
  | { readonly hit: true; readonly entry: PreflightCacheEntry }
  | { readonly hit: false; readonly reason: CacheMissReason; readonly entry?: PreflightCacheEntry; readonly failure?: CorsCheckFailure };

export type StoreOutcome =
  | { readonly stored: true; readonly entry: PreflightCacheEntry; readonly evicted: readonly PreflightCacheEntry[] }
  | { readonly stored: false; readonly reason: 'zero-lifetime' | 'url-too-long' | 'bypass' | 'opaque-origin'; readonly lifetime: PreflightLifetime };

export interface PreflightCacheOptions {
  readonly maxEntries?: number;
  /**
   * Whose preflight cache the model follows: Chromium's by default, or
   * Firefox's (its Access-Control-Max-Age rules and cap, no URL limit,
   * credentials in the key, an item per method and header, opaque origins
   * cached, a URL's entries dropped when a request to it fails).
   */
  readonly engine?: 'chromium' | 'firefox';
  /** Where eviction starts, in [0, 1): Chromium picks a random position. Math.random by default. */
  readonly random?: () => number;
}

/**
 * A cache as plain data, for chrome.storage.session: each key's versions
 * (Chromium: the results that replaced one another; Firefox: every
 * preflight stored, whose items merge). `erasedAt`: a Chromium lookup found
 * the entry unusable; `removedAt`: a failed Firefox request dropped it.
 * WARNING: persisted; old snapshots must still restore after a change.
 */
export type PreflightCacheSnapshot = readonly (readonly { readonly entry: PreflightCacheEntry; readonly erasedAt?: number; readonly removedAt?: number }[])[];

/** One result stored for a key, and when it stopped serving (see PreflightCacheSnapshot). */
export interface Version {
  readonly entry: PreflightCacheEntry;
  erasedAt?: number;
}
