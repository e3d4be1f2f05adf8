import type { DescribeCorsError } from '../description.ts';

/** `PreflightDisallowedRedirect`: the preflight was answered with a redirect. */
export const describePreflightDisallowedRedirect: DescribeCorsError = (context) => ({
  title: "Don't redirect the preflight: answer OPTIONS at the URL the page requests",
  summary: `Blocked: the preflight was redirected (to ${context.received ?? 'another URL'}); preflights never follow redirects.`,
  whatHappened: `The OPTIONS preflight to ${context.url} was answered with a redirect to ${context.received ?? 'another URL'}. Browsers don't follow redirects for preflights, so the ${context.method} request was never sent.`,
  whatToChange:
    'Call the final URL from the page directly, or make the server answer OPTIONS at this URL with 204 and the CORS headers instead of redirecting. Common causes: a missing or extra trailing slash, http to https, or a login redirect.',
  fix: { target: 'page', lines: [{ name: 'Request URL', value: context.received ?? context.url }] },
  links: ['preflightFetch', 'mdnExternalRedirect'],
});
