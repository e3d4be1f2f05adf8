import type { Transaction } from '../core/pairing/transaction.ts';
import type { CorsLensOptions } from './index.ts';

export interface ResolvedOptions {
  readonly enabled: boolean;
  readonly includeSecrets: boolean;
  /** Whether a transaction is left out (its first URL matches one of ignoreUrls). */
  ignored(transaction: Transaction): boolean;
}

const KNOWN = new Set(['enabled', 'includeSecrets', 'ignoreUrls']);

/** The options with their defaults; a mistyped one is refused by name, before any test runs with it. */
export function resolveOptions(options: CorsLensOptions | undefined): ResolvedOptions {
  const fail = (what: string): never => {
    throw new TypeError(`cors-lens/playwright: corsLens${what}`);
  };
  // Typed, but a JavaScript config can give anything.
  const raw: unknown = options ?? {};
  if (typeof raw !== 'object' || raw === null) return fail(' must be an object such as { enabled: true }');
  const given = raw as Record<string, unknown>;
  for (const key of Object.keys(given)) if (!KNOWN.has(key)) fail(`.${key} is not an option (the options are enabled, includeSecrets and ignoreUrls)`);
  for (const key of ['enabled', 'includeSecrets'] as const)
    if (given[key] !== undefined && typeof given[key] !== 'boolean') fail(`.${key} must be true or false`);
  const patterns = given.ignoreUrls ?? [];
  if (!Array.isArray(patterns) || !patterns.every((pattern) => typeof pattern === 'string' || pattern instanceof RegExp))
    fail('.ignoreUrls must be a list of strings and regular expressions');
  const ignoreUrls = patterns as readonly (string | RegExp)[];
  return {
    enabled: given.enabled !== false,
    includeSecrets: given.includeSecrets === true,
    // String.prototype.search ignores a RegExp's lastIndex and g flag: the same URL always gives the same answer.
    ignored: (transaction) =>
      ignoreUrls.some((pattern) => (typeof pattern === 'string' ? transaction.request.url.includes(pattern) : transaction.request.url.search(pattern) >= 0)),
  };
}
