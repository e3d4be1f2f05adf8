import { quoted, type DescribeCorsError } from '../description.ts';

/** `PreflightInvalidAllowExternal`: a removed CORS-RFC1918 check; kept so old traces still explain. */
export const describePreflightInvalidAllowExternal: DescribeCorsError = (context) => ({
  title: 'Send Access-Control-Allow-External: true (old Chromium only)',
  summary: `Blocked by an old Chromium check: Access-Control-Allow-External was ${quoted(context.received)}, not "true".`,
  whatHappened:
    "Early versions of Chromium's private-network protection (CORS-RFC1918) asked for Access-Control-Allow-External: true on preflights to private addresses. Current Chromium no longer raises this error.",
  whatToChange: 'Update the browser; for current Chromium, see Local Network Access.',
  fix: { target: 'preflight response', lines: [{ name: 'Access-Control-Allow-External', value: 'true' }] },
  links: ['localNetworkAccess'],
});
