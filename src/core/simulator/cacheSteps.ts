import type { CacheMissReason } from '../cache/preflightCache.ts';
import { preflightLifetime } from '../cache/preflightLifetime.ts';
import type { HopVerdict } from '../cors/verdict.ts';
import { clock, step, type SimulationStep } from './simulationStep.ts';

// The preflight cache's steps of a hop: the lookup before the preflight, and
// what is stored after it (with each browser's lifetime).

/** Whether the cache had an entry that served the hop, or why not. */
export function cacheLookupStep(at: string, where: string, hopVerdict: HopVerdict): SimulationStep {
  if (hopVerdict.preflight === 'cache-hit' && hopVerdict.cacheEntry) {
    const entry = hopVerdict.cacheEntry;
    return step(`${at}.cache-lookup`, `The preflight cache has an entry${where}`, 'preflightCache', 'passed', [
      `Stored at ${clock(entry.storedAt)}, alive until ${clock(entry.expiresAt)}: it allows ${describeEntry(entry.result.methods, entry.result.headers)}. No preflight is sent.`,
    ]);
  }
  const reason = hopVerdict.cacheMiss?.reason ?? 'no-entry';
  return step(`${at}.cache-lookup`, `The preflight cache has no usable entry${where}`, 'preflightCache', 'info', [
    `${MISS_REASONS[reason]}: the browser sends a preflight.`,
  ]);
}

const MISS_REASONS: Readonly<Record<CacheMissReason | 'bypass-requested', string>> = {
  'no-entry': 'No entry for this origin and URL',
  expired: 'The entry for this origin and URL has expired',
  credentials: 'The entry was stored without credentials; this request includes them',
  'credentials-mode': 'Firefox keeps entries for requests with and without credentials apart, and the entry for this origin and URL is for the other kind',
  method: 'The entry does not allow this method',
  header: 'The entry does not allow one of the headers',
  bypass: 'The request bypasses the cache',
  'bypass-requested': 'The request bypasses the cache',
  'stored-later': 'No entry yet',
};

/** Whether the preflight's result was stored, for how long in Chromium, and in the other browsers. */
export function cacheStoreStep(at: string, where: string, hopVerdict: HopVerdict): SimulationStep {
  const stored = hopVerdict.stored;
  // Access-Control-Max-Age as the engine read it for the cache.
  const maxAge = hopVerdict.preflightResult?.maxAge ?? null;
  const others = (['firefox', 'webkit'] as const).map(
    (engine) => `${engine === 'firefox' ? 'Firefox' : 'Safari'} would keep it ${preflightLifetime(engine, maxAge).seconds} s.`,
  );
  if (!stored || !stored.stored) {
    const reason = stored?.reason ?? null;
    const why =
      reason === 'url-too-long'
        ? 'the URL is too long to cache'
        : reason === 'opaque-origin'
          ? 'the page\'s origin is opaque ("null"), and Chromium caches no preflight of an opaque origin'
          : `Access-Control-Max-Age ${maxAge === null ? "is absent and Chromium's default applies" : `is "${maxAge}"`}, a lifetime of 0 s`;
    return step(`${at}.cache-store`, `The result is not cached${where}`, 'preflightCache', 'info', [`Not stored: ${why}.`, ...others]);
  }
  const { entry } = stored;
  const capped = entry.lifetime.rule === 'capped' ? ` (Max-Age ${maxAge ?? ''} capped by Chromium)` : '';
  return step(`${at}.cache-store`, `The result is cached${where}`, 'preflightCache', 'info', [
    `Key: origin ${entry.key.origin}, URL ${entry.key.url}; ${entry.result.credentials ? 'with' : 'without'} credentials.`,
    `Chromium keeps it ${entry.lifetime.seconds} s${capped}: from ${clock(entry.storedAt)} to ${clock(entry.expiresAt)}.`,
    ...others,
  ]);
}

function describeEntry(methods: readonly string[], headers: readonly string[]): string {
  return `methods ${methods.join(', ') || '(safelisted only)'} and headers ${headers.join(', ') || '(safelisted only)'}`;
}
