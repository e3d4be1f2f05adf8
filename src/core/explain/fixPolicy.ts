import type { FixOption } from './verifiedFix.ts';

/** The CORS settings a verified fix amounts to, read off its header lines (both responses together). */
export interface FixPolicy {
  readonly origin: string | null;
  readonly methods: readonly string[];
  readonly headers: readonly string[];
  readonly exposeHeaders: readonly string[];
  readonly credentials: boolean;
  readonly maxAge: string | null;
}

/** A fix's policy: for each CORS header, the value of its last line across the changes (lists split at commas). */
export function policyOf(fix: FixOption): FixPolicy {
  const value = (name: string): string | null => {
    for (const change of [...fix.changes].reverse()) {
      const line = change.lines.find((each) => each.name.toLowerCase() === name);
      if (line) return line.value;
    }
    return null;
  };
  const list = (name: string): string[] =>
    (value(name) ?? '')
      .split(',')
      .map((item) => item.trim())
      .filter(Boolean);
  return {
    origin: value('access-control-allow-origin'),
    methods: list('access-control-allow-methods'),
    headers: list('access-control-allow-headers'),
    exposeHeaders: list('access-control-expose-headers'),
    credentials: value('access-control-allow-credentials') === 'true',
    maxAge: value('access-control-max-age'),
  };
}

/** Where a fix is unsafe to apply as it stands, in words. */
export function fixWarnings(fix: FixOption): string[] {
  const policy = policyOf(fix);
  const warnings: string[] = [];
  if (policy.origin === 'null') warnings.push('Allowing the origin "null" lets any sandboxed iframe or file: page read these responses.');
  if (policy.origin === '*' && policy.headers.includes('*')) warnings.push('"*" allows every site and every header: list what the API needs.');
  if (policy.credentials && policy.origin !== null && policy.origin !== '*')
    warnings.push(`With credentials allowed, send ${policy.origin} only to that origin: echoing whatever Origin arrives lets any site read your users' data.`);
  return warnings;
}
