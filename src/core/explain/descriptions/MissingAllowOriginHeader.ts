import { type CorsErrorDescription, type DescribeCorsError, type DescriptionContext } from '../description.ts';
import { whereOf, answerPhrase, host, allowOriginLines, fix, notes } from './allowOriginWording.ts';

/** `MissingAllowOriginHeader` and `PreflightMissingAllowOriginHeader`: no Access-Control-Allow-Origin header, on the response or on the preflight's answer. */
export const describeMissingAllowOriginHeader: DescribeCorsError = (context) => describe(context, false);
export const describePreflightMissingAllowOriginHeader: DescribeCorsError = (context) => describe(context, true);

function describe(context: DescriptionContext, onPreflight: boolean): CorsErrorDescription {
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
