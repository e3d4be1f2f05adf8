import type { HiddenCause } from '../cors/verdict.ts';

/** One sentence per possible cause of a failure the capture does not explain. */
export function describeHiddenCause(cause: HiddenCause): string {
  switch (cause.kind) {
    case 'local-network-access':
      return `Local Network Access (${cause.corsErrors.join(', ')}): Chromium checks it when it connects, and no capture shows it. A fetch() targetAddressSpace option that does not match the server's address space, or a public page calling a local server without the permission, fails this way.`;
    case 'mixed-content':
      return 'Mixed content: the page is https and the URL http, which Chromium refuses before sending.';
    case 'response-not-captured':
      return "The capture holds no answer to the request, so a check on the server's response cannot be ruled out (Chrome's HAR export before version 120 dropped the headers of responses it blocked).";
    case 'extension':
      return 'An extension or a content blocker refused or changed the request.';
    case 'service-worker':
      return "A service worker answered the request in the page's place, and its own fetch failed.";
  }
}

/** The CorsErrors a set of hidden causes could stand for. */
export function possibleCorsErrors(causes: readonly HiddenCause[]): string[] {
  return causes.flatMap((cause) => cause.corsErrors);
}

/** Where to find the browser's own reason. */
export const HOW_TO_FIND_THE_HIDDEN_CAUSE =
  'To see Chromium\'s own reason, turn on "Confirm with Chromium" in the CORS panel, or read the error Chromium logs in the Console for this request.';
