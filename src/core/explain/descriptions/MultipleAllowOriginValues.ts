import { quoted, type CorsErrorDescription, type DescribeCorsError, type DescriptionContext } from '../description.ts';
import { whereOf, answerPhrase, allowOriginLines, fix, notes, capitalize } from './allowOriginWording.ts';

/** `MultipleAllowOriginValues` and `PreflightMultipleAllowOriginValues`: Access-Control-Allow-Origin holds several values, on the response or on the preflight's answer. */
export const describeMultipleAllowOriginValues: DescribeCorsError = (context) => describe(context, false);
export const describePreflightMultipleAllowOriginValues: DescribeCorsError = (context) => describe(context, true);

function describe(context: DescriptionContext, onPreflight: boolean): CorsErrorDescription {
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
