import { quoted, type DescribeCorsError } from '../description.ts';
import { notAName, repairedList } from './allowListWording.ts';

/** `InvalidAllowHeadersPreflightResponse`: Access-Control-Allow-Headers does not parse. */
export const describeInvalidAllowHeadersPreflightResponse: DescribeCorsError = (context) => ({
  title: 'Separate the names in Access-Control-Allow-Headers with commas',
  summary: `Blocked: the preflight's Access-Control-Allow-Headers (${quoted(context.received)}) is not a comma-separated list of header names.`,
  whatHappened: `Access-Control-Allow-Headers must be header names separated by commas. ${quoted(context.received)} holds ${notAName(context.invalidItem)}, so the browser discards the whole header and the preflight fails.`,
  whatToChange: 'Write the header names as a comma-separated list, without quotes, semicolons or spaces inside names.',
  fix: {
    target: 'preflight response',
    lines: [{ name: 'Access-Control-Allow-Headers', value: repairedList(context.received, context.unsafeHeaderNames, { lowerCase: true }) }],
  },
  links: ['preflightFetch', 'mdnInvalidAllowHeader'],
});
