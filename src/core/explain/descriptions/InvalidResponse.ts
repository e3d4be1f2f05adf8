import type { DescribeCorsError } from '../description.ts';

/** `InvalidResponse`: only used by Chromium for Private Network Access warnings; never a hard failure today. */
export const describeInvalidResponse: DescribeCorsError = (context) => ({
  title: 'Make sure the server answers at all',
  summary: `The preflight to ${context.url} got no usable response.`,
  whatHappened:
    'Chromium uses this code for a preflight, sent only for Local/Private Network Access, that failed at the network level. Current Chromium reports it as a warning, not as the reason for a block.',
  whatToChange: 'Check that the server is reachable from the page and answers OPTIONS.',
  fix: null,
  links: ['localNetworkAccess'],
});
