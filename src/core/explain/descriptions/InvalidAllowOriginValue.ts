import { quoted, type CorsErrorDescription, type DescribeCorsError, type DescriptionContext } from '../description.ts';
import { whereOf, answerPhrase, allowOriginLines, fix, notes, capitalize } from './allowOriginWording.ts';

/** `InvalidAllowOriginValue` and `PreflightInvalidAllowOriginValue`: Access-Control-Allow-Origin is not an origin, on the response or on the preflight's answer. */
export const describeInvalidAllowOriginValue: DescribeCorsError = (context) => describe(context, false);
export const describePreflightInvalidAllowOriginValue: DescribeCorsError = (context) => describe(context, true);

function describe(context: DescriptionContext, onPreflight: boolean): CorsErrorDescription {
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
