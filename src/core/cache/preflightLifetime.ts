/** Browsers whose preflight cache we model. */
export type BrowserEngine = 'chromium' | 'firefox' | 'webkit';

/** How long a preflight result is kept, and which rule decided. */
export interface PreflightLifetime {
  readonly seconds: number;
  readonly rule: 'default-absent' | 'default-not-an-integer' | 'as-sent' | 'capped' | 'zero' | 'negative' | 'not-cached-not-digits';
}

/**
 * Each engine's preflight cache limits, with where they come from: `source`
 * is a path in that engine's public tree (Chromium:
 * https://source.chromium.org/chromium/chromium/src/+/main:, Firefox:
 * https://searchfox.org/mozilla-central/source/, WebKit:
 * https://github.com/WebKit/WebKit/blob/main/).
 */
export const PREFLIGHT_CACHE_POLICIES = {
  chromium: {
    name: 'Chromium',
    defaultSeconds: 5,
    capSeconds: 7200,
    maxEntries: 1024,
    source: 'services/network/cors/preflight_result.cc (kDefaultTimeout, kMaxTimeout), preflight_cache.cc',
  },
  firefox: {
    name: 'Firefox',
    defaultSeconds: 5,
    capSeconds: 86_400,
    maxEntries: 100,
    source: 'netwerk/protocol/http/nsCORSListenerProxy.cpp',
  },
  webkit: {
    name: 'Safari (WebKit)',
    defaultSeconds: 5,
    capSeconds: 600,
    maxEntries: null,
    source: 'Source/WebCore/loader/CrossOriginPreflightResultCache.cpp',
  },
} as const satisfies Record<BrowserEngine, { name: string; defaultSeconds: number; capSeconds: number; maxEntries: number | null; source: string }>;

const INT64_MAX = 9_223_372_036_854_775_807n;
const INT64_MIN = -9_223_372_036_854_775_808n;

/**
 * Chromium's reading of Access-Control-Max-Age (preflight_result.cc
 * ParseAccessControlMaxAge, base::StringToInt64): absent or not a whole
 * 64-bit integer means the 5-second default; negative and 0 mean the result
 * is not cached; 7200 and above are capped at 7200 (2 hours).
 */
export function chromiumPreflightLifetime(maxAge: string | null): PreflightLifetime {
  const { defaultSeconds, capSeconds } = PREFLIGHT_CACHE_POLICIES.chromium;
  if (maxAge === null) return { seconds: defaultSeconds, rule: 'default-absent' };
  const parsed = parseInt64(maxAge);
  if (parsed === null) return { seconds: defaultSeconds, rule: 'default-not-an-integer' };
  if (parsed < 0n) return { seconds: 0, rule: 'negative' };
  if (parsed === 0n) return { seconds: 0, rule: 'zero' };
  if (parsed >= BigInt(capSeconds)) return { seconds: capSeconds, rule: 'capped' };
  return { seconds: Number(parsed), rule: 'as-sent' };
}

/**
 * Firefox (nsCORSListenerProxy.cpp): absent or empty means 5 seconds; any
 * character other than a digit means the result is not cached; digits are
 * capped at 86400 (24 hours); 0 is not cached.
 */
export function firefoxPreflightLifetime(maxAge: string | null): PreflightLifetime {
  const { defaultSeconds, capSeconds } = PREFLIGHT_CACHE_POLICIES.firefox;
  if (maxAge === null || maxAge === '') return { seconds: defaultSeconds, rule: 'default-absent' };
  if (!/^[0-9]+$/.test(maxAge)) return { seconds: 0, rule: 'not-cached-not-digits' };
  const parsed = BigInt(maxAge);
  if (parsed === 0n) return { seconds: 0, rule: 'zero' };
  if (parsed > BigInt(capSeconds)) return { seconds: capSeconds, rule: 'capped' };
  return { seconds: Number(parsed), rule: 'as-sent' };
}

/**
 * WebKit (CrossOriginPreflightResultCache.cpp): not an integer means 5
 * seconds; above 600 is capped at 600 (10 minutes); negative expires at once.
 */
export function webkitPreflightLifetime(maxAge: string | null): PreflightLifetime {
  const { defaultSeconds, capSeconds } = PREFLIGHT_CACHE_POLICIES.webkit;
  if (maxAge === null) return { seconds: defaultSeconds, rule: 'default-absent' };
  const parsed = parseInt64(maxAge);
  if (parsed === null) return { seconds: defaultSeconds, rule: 'default-not-an-integer' };
  if (parsed < 0n) return { seconds: 0, rule: 'negative' };
  if (parsed === 0n) return { seconds: 0, rule: 'zero' };
  if (parsed > BigInt(capSeconds)) return { seconds: capSeconds, rule: 'capped' };
  return { seconds: Number(parsed), rule: 'as-sent' };
}

export function preflightLifetime(engine: BrowserEngine, maxAge: string | null): PreflightLifetime {
  switch (engine) {
    case 'chromium':
      return chromiumPreflightLifetime(maxAge);
    case 'firefox':
      return firefoxPreflightLifetime(maxAge);
    case 'webkit':
      return webkitPreflightLifetime(maxAge);
  }
}

// base::StringToInt64: an optional sign, then decimal digits only (no
// whitespace, no fraction), within the 64-bit range.
function parseInt64(text: string): bigint | null {
  if (!/^[+-]?[0-9]+$/.test(text)) return null;
  const value = BigInt(text);
  return value > INT64_MAX || value < INT64_MIN ? null : value;
}

/** Where Firefox or Safari would keep a preflight result for another time than Chromium does (for one Max-Age value). */
export function lifetimesDifferingFromChromium(
  maxAge: string | null,
): { readonly engine: BrowserEngine; readonly name: string; readonly lifetime: PreflightLifetime }[] {
  const chromium = chromiumPreflightLifetime(maxAge).seconds;
  return (['firefox', 'webkit'] as const)
    .map((engine) => ({ engine, name: PREFLIGHT_CACHE_POLICIES[engine].name, lifetime: preflightLifetime(engine, maxAge) }))
    .filter(({ lifetime }) => lifetime.seconds !== chromium);
}
