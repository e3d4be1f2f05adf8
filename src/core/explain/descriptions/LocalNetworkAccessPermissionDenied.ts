import type { DescribeCorsError } from '../description.ts';

/** `LocalNetworkAccessPermissionDenied`: the user (or policy) did not grant the local-network permission. */
export const describeLocalNetworkAccessPermissionDenied: DescribeCorsError = (context) => ({
  title: 'Ask the user to allow local network access for this site',
  summary: `Blocked: ${context.origin} needs the local network access permission to reach ${context.url}, and it was not granted.`,
  whatHappened:
    "The page is on a less private network than the server it called (for example the internet calling this machine). Chromium's Local Network Access protection asks the user first; the permission was denied or could not be asked.",
  whatToChange: 'Let the user grant the permission from the site settings (or an enterprise policy), or serve the page and the API from the same network.',
  fix: null,
  links: ['localNetworkAccess'],
});
