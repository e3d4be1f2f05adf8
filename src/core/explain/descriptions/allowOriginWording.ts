import { type CorsErrorDescription, type DescriptionContext, type FixTarget, type HeaderLine } from '../description.ts';

/**
 * The words the six Access-Control-Allow-Origin / -Credentials failures share:
 * each reads the same on the preflight and on the actual response, only where
 * the header goes differs. Their texts are in their own files.
 */
export type Where = 'response' | 'preflight response' | 'redirect response';

export function whereOf(context: DescriptionContext, onPreflight: boolean): Where {
  if (onPreflight) return 'preflight response';
  return context.status !== null && context.status >= 300 && context.status < 400 ? 'redirect response' : 'response';
}

export function answerPhrase(where: Where): string {
  if (where === 'preflight response') return 'the answer to the preflight (OPTIONS) request';
  if (where === 'redirect response') return 'the redirect response';
  return 'the response';
}

export function host(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}

/** The header lines that make the failing answer pass. */
export function allowOriginLines(context: DescriptionContext): HeaderLine[] {
  const lines: HeaderLine[] = [{ name: 'Access-Control-Allow-Origin', value: context.origin }];
  if (context.credentials) lines.push({ name: 'Access-Control-Allow-Credentials', value: 'true' });
  if (context.origin !== 'null') lines.push({ name: 'Vary', value: 'Origin' });
  return lines;
}

export function fix(context: DescriptionContext, where: Where, lines: readonly HeaderLine[]): CorsErrorDescription['fix'] {
  return { target: where satisfies FixTarget, lines };
}

const TAINTED_NOTE =
  'The Origin is "null" because a redirect took the request to another origin and then onward: the browser then hides the page\'s origin. Avoiding that redirect chain is better than allowing "null", which any sandboxed page can send.';

export function notes(context: DescriptionContext): { note?: string } {
  return context.origin === 'null' ? { note: TAINTED_NOTE } : {};
}

export function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
