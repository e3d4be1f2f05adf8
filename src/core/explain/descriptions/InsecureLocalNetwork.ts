import type { DescribeCorsError } from '../description.ts';

/** `InsecureLocalNetwork`: a page that is not a secure context reached a more private address space. */
export const describeInsecureLocalNetwork: DescribeCorsError = (context) => ({
  title: 'Serve the page over https to reach local-network addresses',
  summary: `Blocked: a page that isn't a secure context (${context.origin}) tried to reach a more private network address (${context.url}).`,
  whatHappened:
    "Chromium's Local Network Access protection lets only secure contexts (https pages) reach addresses more private than their own, such as a page on the internet calling a server on the local network or on this machine.",
  whatToChange: 'Serve the page over https, then the user can grant the local-network permission. A server on the local network cannot fix this with a header.',
  fix: null,
  links: ['localNetworkAccess'],
});
