import { quoted, type DescribeCorsError } from '../description.ts';
import { repairedList } from './allowListWording.ts';

/** `HeaderDisallowedByPreflightResponse`: a request header is not in Access-Control-Allow-Headers. */
export const describeHeaderDisallowedByPreflightResponse: DescribeCorsError = (context) => {
  const names = context.missing.length > 0 ? context.missing : [context.failedParameter];
  const wildcardIgnored = context.credentials && /(^|[,\s])\*([,\s]|$)/.test(context.received ?? '');
  const list = names.join(', ');
  return {
    title: `Allow ${list} in Access-Control-Allow-Headers on the preflight response`,
    summary:
      context.received === null
        ? `Blocked: the request sends ${list}, and the preflight's answer has no Access-Control-Allow-Headers to allow ${names.length === 1 ? 'it' : 'them'}.`
        : `Blocked: the request sends ${list}, which the preflight's Access-Control-Allow-Headers (${quoted(context.received)}) doesn't allow.`,
    whatHappened: `The page set ${names.length === 1 ? 'a header' : 'headers'} that need permission: ${list}. The preflight's answer allows ${quoted(context.received)}${wildcardIgnored ? ', and "*" is not a wildcard for a request with credentials' : ''}. Chromium reports the first missing name, ${context.failedParameter}.`,
    whatToChange: `List ${list} in Access-Control-Allow-Headers in the OPTIONS answer (names are case-insensitive). Or stop sending ${names.length === 1 ? 'it' : 'them'} from the page if the server doesn't need ${names.length === 1 ? 'it' : 'them'}.`,
    ...(names.includes('content-type')
      ? {
          note: 'Content-Type needs no permission only for text/plain, multipart/form-data and application/x-www-form-urlencoded. JSON bodies (application/json) always need it.',
        }
      : {}),
    fix: { target: 'preflight response', lines: [{ name: 'Access-Control-Allow-Headers', value: repairedList(context.received, names, { lowerCase: true }) }] },
    links: ['preflightFetch', 'mdnMissingAllowHeader', 'safelistedHeader'],
  };
};
