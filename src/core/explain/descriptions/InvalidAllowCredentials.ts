import { quoted, type CorsErrorDescription, type DescribeCorsError, type DescriptionContext } from '../description.ts';
import { whereOf, answerPhrase, fix, notes } from './allowOriginWording.ts';

/** `InvalidAllowCredentials` and `PreflightInvalidAllowCredentials`: Access-Control-Allow-Credentials is not "true" for a request with credentials, on the response or on the preflight's answer. */
export const describeInvalidAllowCredentials: DescribeCorsError = (context) => describe(context, false);
export const describePreflightInvalidAllowCredentials: DescribeCorsError = (context) => describe(context, true);

function describe(context: DescriptionContext, onPreflight: boolean): CorsErrorDescription {
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
