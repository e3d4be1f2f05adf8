import { quoted, type CorsErrorDescription, type DescriptionContext, type FixTarget, type HeaderLine } from '../description.ts';

/**
 * The six Access-Control-Allow-Origin / -Credentials failures read the same on
 * the preflight and on the actual response; only where the header goes
 * differs. Each code's own file picks its wording from here.
 */
type Where = 'response' | 'preflight response' | 'redirect response';

function whereOf(context: DescriptionContext, onPreflight: boolean): Where {
  if (onPreflight) return 'preflight response';
  return context.status !== null && context.status >= 300 && context.status < 400 ? 'redirect response' : 'response';
}

function answerPhrase(where: Where): string {
  if (where === 'preflight response') return 'the answer to the preflight (OPTIONS) request';
  if (where === 'redirect response') return 'the redirect response';
  return 'the response';
}

function host(url: string): string {
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

function fix(context: DescriptionContext, where: Where, lines: readonly HeaderLine[]): CorsErrorDescription['fix'] {
  return { target: where satisfies FixTarget, lines };
}

const TAINTED_NOTE =
  'The Origin is "null" because a redirect took the request to another origin and then onward: the browser then hides the page\'s origin. Avoiding that redirect chain is better than allowing "null", which any sandboxed page can send.';

function notes(context: DescriptionContext): { note?: string } {
  return context.origin === 'null' ? { note: TAINTED_NOTE } : {};
}

export function missingAllowOrigin(context: DescriptionContext, onPreflight: boolean): CorsErrorDescription {
  const where = whereOf(context, onPreflight);
  return {
    title: `Send Access-Control-Allow-Origin on the ${where}`,
    summary: `Blocked: ${answerPhrase(where)} from ${host(context.url)} has no Access-Control-Allow-Origin header, so ${context.origin} may not read it.`,
    whatHappened: `The browser sent the ${onPreflight ? 'preflight for the ' : ''}${context.method} request to ${context.url} and got ${answerPhrase(where)}${context.status !== null ? ` (status ${context.status})` : ''}, but it carries no Access-Control-Allow-Origin header. Without it, the page at ${context.origin} can't ${onPreflight ? 'send the request' : 'read the response'}.`,
    whatToChange: `Make the server add Access-Control-Allow-Origin: ${context.origin} to ${answerPhrase(where)}. If several origins use this API, compare the request's Origin with an allow-list, echo it when it matches, and add Vary: Origin.${context.credentials ? ' The request includes credentials, so also send Access-Control-Allow-Credentials: true; "*" is not allowed then.' : ''}`,
    ...notes(context),
    fix: fix(context, where, allowOriginLines(context)),
    links: onPreflight ? ['preflightFetch', 'mdnMissingAllowOrigin'] : ['corsCheck', 'mdnMissingAllowOrigin'],
  };
}

export function wildcardWithCredentials(context: DescriptionContext, onPreflight: boolean): CorsErrorDescription {
  const where = whereOf(context, onPreflight);
  return {
    title: `Name the origin instead of "*" on the ${where}: the request includes credentials`,
    summary: `Blocked: ${answerPhrase(where)} allows any origin ("*"), which the browser refuses for a request that includes credentials.`,
    whatHappened: `The request was made with credentials (cookies or HTTP authentication: credentials: 'include' or withCredentials). ${capitalize(answerPhrase(where))} answered Access-Control-Allow-Origin: *. The wildcard only works for requests without credentials, so the browser blocked it.`,
    whatToChange: `Answer with the requesting origin, Access-Control-Allow-Origin: ${context.origin}, together with Access-Control-Allow-Credentials: true and Vary: Origin. Echo the Origin only after checking it against an allow-list. If the request doesn't need cookies, drop credentials on the page instead.`,
    ...notes(context),
    fix: fix(context, where, allowOriginLines({ ...context, credentials: true })),
    links: ['credentials', 'mdnNotSupportingCredentials'],
  };
}

export function multipleAllowOrigin(context: DescriptionContext, onPreflight: boolean): CorsErrorDescription {
  const where = whereOf(context, onPreflight);
  return {
    title: `Send exactly one origin in Access-Control-Allow-Origin on the ${where}`,
    summary: `Blocked: Access-Control-Allow-Origin holds several values (${quoted(context.received)}); it must hold one origin or "*".`,
    whatHappened: `${capitalize(answerPhrase(where))} carried Access-Control-Allow-Origin: ${context.received ?? ''}. A list of origins, or the header sent twice (the browser joins repeated headers with ", "), is never accepted.`,
    whatToChange: `Send a single Access-Control-Allow-Origin header whose value is the requesting origin, ${context.origin}. To allow several origins, check the request's Origin against your list and echo the one that matches, with Vary: Origin.`,
    ...notes(context),
    fix: fix(context, where, allowOriginLines(context)),
    links: ['allowOrigin', 'mdnMultipleAllowOrigin'],
  };
}

export function invalidAllowOrigin(context: DescriptionContext, onPreflight: boolean): CorsErrorDescription {
  const where = whereOf(context, onPreflight);
  return {
    title: `Write Access-Control-Allow-Origin as a full origin on the ${where}`,
    summary: `Blocked: Access-Control-Allow-Origin is ${quoted(context.received)}, which is not an origin (an origin is scheme://host[:port]).`,
    whatHappened: `${capitalize(answerPhrase(where))} carried Access-Control-Allow-Origin with ${quoted(context.received)}. That value doesn't parse as a URL, so it can't match ${context.origin}. A host name without a scheme (example.com) and patterns such as *.example.com are common causes.`,
    whatToChange: `Send the exact origin with its scheme (and port, when not the default): Access-Control-Allow-Origin: ${context.origin}. Patterns aren't supported; match them on the server and echo the request's Origin.`,
    ...notes(context),
    fix: fix(context, where, allowOriginLines(context)),
    links: ['allowOrigin', 'mdnAllowOriginNotMatching'],
  };
}

export function allowOriginMismatch(context: DescriptionContext, onPreflight: boolean): CorsErrorDescription {
  const where = whereOf(context, onPreflight);
  return {
    title: `Allow ${context.origin} in Access-Control-Allow-Origin on the ${where}`,
    summary: `Blocked: Access-Control-Allow-Origin is ${quoted(context.received)} but the request came from ${context.origin}.`,
    whatHappened: `${capitalize(answerPhrase(where))} allows ${quoted(context.received)}, and the browser compares it byte for byte with the request's origin, ${context.origin}. They differ${mismatchHint(context)}.`,
    whatToChange: `Answer with Access-Control-Allow-Origin: ${context.origin}. If the value comes from a configuration list, add this origin to it; the comparison is exact (scheme, host, port; no trailing slash, no path).`,
    ...notes(context),
    fix: fix(context, where, allowOriginLines(context)),
    links: ['corsCheck', 'mdnAllowOriginNotMatching'],
  };
}

export function invalidAllowCredentials(context: DescriptionContext, onPreflight: boolean): CorsErrorDescription {
  const where = whereOf(context, onPreflight);
  return {
    title: `Send Access-Control-Allow-Credentials: true on the ${where}`,
    summary: `Blocked: the request includes credentials and Access-Control-Allow-Credentials is ${quoted(context.received)}, not "true".`,
    whatHappened: `The request was made with credentials, so ${answerPhrase(where)} must carry Access-Control-Allow-Credentials with exactly the value true (lower case). It had ${quoted(context.received)}.`,
    whatToChange: `Add Access-Control-Allow-Credentials: true to ${answerPhrase(where)}, next to Access-Control-Allow-Origin: ${context.origin}. If the request doesn't need cookies, drop credentials on the page instead.`,
    ...notes(context),
    fix: fix(context, where, [{ name: 'Access-Control-Allow-Credentials', value: 'true' }]),
    links: ['credentials', 'mdnMissingAllowCredentials'],
  };
}

function mismatchHint(context: DescriptionContext): string {
  const received = context.received ?? '';
  if (received === `${context.origin}/`) return ': the trailing slash makes it a URL, not an origin';
  if (received.toLowerCase() === context.origin.toLowerCase()) return ' only in letter case, and the comparison is case-sensitive';
  if (received === 'null') return ': "null" only matches requests from opaque origins (sandboxed frames, files, tainted redirects)';
  return '';
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
