import type { DescribeCorsError } from '../description.ts';

/** `CorsDisabledScheme`: a CORS request to a scheme other than http or https. */
export const describeCorsDisabledScheme: DescribeCorsError = (context) => ({
  title: 'Request the resource over http: or https:',
  summary: `Blocked: ${context.url} uses a scheme that CORS requests can't use.`,
  whatHappened: `Cross-origin requests in CORS mode are only possible to http: and https: URLs. ${context.url} is not one${context.failedParameter ? ` (scheme "${context.failedParameter}")` : ''}.`,
  whatToChange: 'Serve the resource over http: or https:. A page opened from file:// should be served from a local web server instead.',
  fix: null,
  links: ['mdnRequestNotHttp'],
});
