import type { DescribeCorsError } from '../description.ts';

/** `RedirectContainsCredentials`: a redirect's Location carries a user name or password. */
export const describeRedirectContainsCredentials: DescribeCorsError = (context) => ({
  title: 'Remove the user name and password from the redirect URL',
  summary: 'Blocked: a redirect points to a URL with a user name or password, which cross-origin requests may not follow.',
  whatHappened: `The server redirected the request to ${context.received ?? 'a URL'} which holds credentials (user:password@). For cross-origin requests the browser refuses to follow such redirects.`,
  whatToChange: 'Redirect to the URL without the user name and password, and authenticate another way (a header the preflight allows, or a token in the body).',
  fix: { target: 'redirect response', lines: [{ name: 'Location', value: stripUserInfo(context.received ?? '') }] },
  links: ['redirectFetch'],
});

function stripUserInfo(url: string): string {
  try {
    const parsed = new URL(url);
    return url.replace(`${parsed.username}${parsed.password ? `:${parsed.password}` : ''}@`, '');
  } catch {
    return url;
  }
}
