import { quoted, type DescribeCorsError } from '../description.ts';
import { notAName, repairedList } from './allowListWording.ts';

/** `InvalidAllowMethodsPreflightResponse`: Access-Control-Allow-Methods does not parse. */
export const describeInvalidAllowMethodsPreflightResponse: DescribeCorsError = (context) => ({
  title: 'Separate the methods in Access-Control-Allow-Methods with commas',
  summary: `Blocked: the preflight's Access-Control-Allow-Methods (${quoted(context.received)}) is not a comma-separated list of methods.`,
  whatHappened: `Access-Control-Allow-Methods must be method names separated by commas. ${quoted(context.received)} holds ${notAName(context.invalidItem)}, so the browser discards the whole header and the preflight fails.`,
  whatToChange: 'Write the methods as a comma-separated list, without quotes or other separators.',
  fix: {
    target: 'preflight response',
    lines: [{ name: 'Access-Control-Allow-Methods', value: repairedList(context.received, [context.method], { lowerCase: false }) }],
  },
  links: ['preflightFetch', 'mdnInvalidAllowMethod'],
});
