import { type CorsErrorDescription, type DescribeCorsError, type DescriptionContext } from '../description.ts';
import { whereOf, answerPhrase, allowOriginLines, fix, notes, capitalize } from './allowOriginWording.ts';

/** `WildcardOriginNotAllowed` and `PreflightWildcardOriginNotAllowed`: Access-Control-Allow-Origin is "*" for a request with credentials, on the response or on the preflight's answer. */
export const describeWildcardOriginNotAllowed: DescribeCorsError = (context) => describe(context, false);
export const describePreflightWildcardOriginNotAllowed: DescribeCorsError = (context) => describe(context, true);

function describe(context: DescriptionContext, onPreflight: boolean): CorsErrorDescription {
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
