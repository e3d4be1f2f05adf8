import type { DescribeCorsError } from '../description.ts';

/** `DisallowedByMode`: a same-origin-mode request to another origin. */
export const describeDisallowedByMode: DescribeCorsError = (context) => ({
  title: "Use mode: 'cors' for requests to another origin",
  summary: `Blocked before sending: the request was made with mode: 'same-origin' but goes to another origin (${context.url}).`,
  whatHappened: `fetch() was called with mode: 'same-origin', which only allows URLs on ${context.origin}. ${context.url} is on another origin, so the browser refused the request before anything was sent.`,
  whatToChange: "Drop the mode option (it defaults to 'cors') or set mode: 'cors', and make the server answer with the CORS headers.",
  fix: { target: 'page', lines: [{ name: 'fetch option', value: "mode: 'cors'" }] },
  links: ['requestMode'],
});
