import { quoted, type CorsErrorDescription, type DescribeCorsError, type DescriptionContext } from '../description.ts';
import { whereOf, answerPhrase, allowOriginLines, fix, notes, capitalize } from './allowOriginWording.ts';

/** `AllowOriginMismatch` and `PreflightAllowOriginMismatch`: Access-Control-Allow-Origin names another origin, on the response or on the preflight's answer. */
export const describeAllowOriginMismatch: DescribeCorsError = (context) => describe(context, false);
export const describePreflightAllowOriginMismatch: DescribeCorsError = (context) => describe(context, true);

function describe(context: DescriptionContext, onPreflight: boolean): CorsErrorDescription {
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

function mismatchHint(context: DescriptionContext): string {
  const received = context.received ?? '';
  if (received === `${context.origin}/`) return ': the trailing slash makes it a URL, not an origin';
  if (received.toLowerCase() === context.origin.toLowerCase()) return ' only in letter case, and the comparison is case-sensitive';
  if (received === 'null') return ': "null" only matches requests from opaque origins (sandboxed frames, files, tainted redirects)';
  return '';
}
