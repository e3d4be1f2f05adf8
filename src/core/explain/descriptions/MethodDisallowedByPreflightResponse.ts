import { quoted, type DescribeCorsError } from '../description.ts';
import { repairedList } from './allowListWording.ts';

/** `MethodDisallowedByPreflightResponse`: the method is not in Access-Control-Allow-Methods. */
export const describeMethodDisallowedByPreflightResponse: DescribeCorsError = (context) => {
  const method = context.failedParameter;
  const wildcardIgnored = context.credentials && /(^|[,\s])\*([,\s]|$)/.test(context.received ?? '');
  const lowerCase = method !== method.toUpperCase();
  return {
    title: `Allow ${method} in Access-Control-Allow-Methods on the preflight response`,
    summary: `Blocked: the preflight allows ${quoted(context.received)}, not the ${method} method.`,
    whatHappened: `The browser asked, with a preflight, whether ${method} may be sent to ${context.url}. The answer's Access-Control-Allow-Methods is ${quoted(context.received)}, which doesn't list ${method}${wildcardIgnored ? ': "*" counts as a wildcard only for requests without credentials' : ''}${lowerCase ? `. Methods are compared case-sensitively, and fetch() only upper-cases DELETE, GET, HEAD, OPTIONS, POST and PUT: "${method}" is sent as written` : ''}.`,
    whatToChange: `Add ${method} to Access-Control-Allow-Methods in the OPTIONS answer.${lowerCase ? ` Better: write the method in upper case on the page (${method.toUpperCase()}), which servers expect.` : ''}`,
    fix: {
      target: 'preflight response',
      lines: [{ name: 'Access-Control-Allow-Methods', value: repairedList(context.received, [method], { lowerCase: false }) }],
    },
    links: ['preflightFetch', 'mdnMethodNotFound'],
  };
};
