import type { DescribeCorsError } from '../description.ts';

/** `NoCorsRedirectModeNotFollow`: mode 'no-cors' with a redirect mode other than 'follow'. */
export const describeNoCorsRedirectModeNotFollow: DescribeCorsError = () => ({
  title: "Use redirect: 'follow' with mode: 'no-cors'",
  summary: "Blocked before sending: mode: 'no-cors' only works with redirect: 'follow'.",
  whatHappened:
    "fetch() was called with mode: 'no-cors' and a redirect mode other than 'follow'. The browser rejects that combination before sending anything.",
  whatToChange: "Remove the redirect option (it defaults to 'follow'), or use mode: 'cors' if the page needs to see redirects.",
  fix: { target: 'page', lines: [{ name: 'fetch option', value: "redirect: 'follow'" }] },
  links: ['requestMode'],
});
