import type { DescribeCorsError } from '../description.ts';

/** `PreflightInvalidStatus`: the preflight passed the origin checks but its status is not 2xx. */
export const describePreflightInvalidStatus: DescribeCorsError = (context) => ({
  title: 'Answer the preflight (OPTIONS) with a 2xx status',
  summary: `Blocked: the preflight was answered ${context.received ?? 'with an error status'}; it must succeed (200-299).`,
  whatHappened: `The OPTIONS preflight to ${context.url} carried the CORS headers but its status was ${context.received ?? 'not 2xx'}. The browser needs an ok status (200-299) before it sends the ${context.method} request.`,
  whatToChange:
    'Handle OPTIONS for this URL and answer 204 No Content (or 200) with the CORS headers, before any authentication or routing that would refuse it. Preflights never carry cookies or Authorization.',
  fix: { target: 'preflight response', lines: [{ name: 'Status', value: '204 No Content' }] },
  links: ['preflightFetch', 'mdnPreflightDidNotSucceed'],
});
