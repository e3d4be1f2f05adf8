import type { FirefoxReason } from '../browsers/firefoxReason.ts';
import type { CorsError } from '../cors/corsError.ts';
import type { PreflightStatus, VerdictOutcome } from '../cors/verdict.ts';
import type { FixTarget, HeaderLine } from './description.ts';
import type { RootCause } from './rootCause.ts';

/**
 * A verdict in words: structured data, never HTML. Values that came from the
 * network appear as plain text and must be rendered as text.
 */
export interface Explanation {
  readonly outcome: VerdictOutcome;
  readonly corsError: CorsError | null;
  readonly failedParameter: string | null;
  /** One sentence. */
  readonly summary: string;
  /** The fix, as an instruction (blocked requests only). */
  readonly title: string | null;
  /** Said first, when the real cause is not the CORS configuration. */
  readonly rootCause: RootCause | null;
  /** What happened, then what to change. */
  readonly details: readonly string[];
  /** The header that failed, what the server sent, and what the browser needed. */
  readonly mismatch: { readonly header: string | null; readonly received: string | null; readonly needed: string } | null;
  /** The exact lines to add or change, and where. */
  readonly fix: { readonly target: FixTarget; readonly lines: readonly HeaderLine[] } | null;
  readonly notes: readonly string[];
  readonly preflight: {
    readonly status: PreflightStatus;
    /** What the reasons are headed with ("Why no preflight was needed"...). */
    readonly heading: string;
    readonly reasons: readonly string[];
    /** The headers the browser set on a simple request, as one line and in full; null when there are none. */
    readonly browserSet: { readonly line: string; readonly names: readonly string[] } | null;
  };
  /** For allowed requests: the response headers script can read. */
  readonly readableHeaders: readonly string[] | null;
  readonly links: readonly { readonly title: string; readonly url: string }[];
  /** The same failure as Firefox names it (its console reason and MDN page); null when not blocked, or Firefox has no reason for it. */
  readonly firefox: { readonly reason: FirefoxReason; readonly meaning: string; readonly url: string } | null;
}
