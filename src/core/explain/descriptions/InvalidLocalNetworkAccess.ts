import type { DescribeCorsError } from '../description.ts';

/** `InvalidLocalNetworkAccess`: the request's declared target address space does not match the server's. */
export const describeInvalidLocalNetworkAccess: DescribeCorsError = (context) => ({
  title: "Declare the server's real address space in targetAddressSpace",
  summary: `Blocked: the request declared a target address space that ${context.url} is not in.`,
  whatHappened:
    "The page called fetch() with a targetAddressSpace option ('local' or 'loopback'), and the server turned out to live in another address space. Chromium refuses the connection so the declaration can't be used to probe the network.",
  whatToChange:
    "Give targetAddressSpace the space the server is really in ('loopback' for this machine, 'local' for the local network), or drop the option for public servers.",
  fix: null,
  links: ['localNetworkAccess'],
});
