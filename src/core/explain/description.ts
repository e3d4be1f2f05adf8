import type { HeaderList } from '../fetch/headers.ts';
import type { CorsError } from '../cors/corsError.ts';
import type { LinkId } from './links.ts';

/** What every description may draw on. Values from the network are plain text. */
export interface DescriptionContext {
  readonly corsError: CorsError;
  readonly failedParameter: string;
  /** The Origin the browser sent ("null" once a redirect tainted the request). */
  readonly origin: string;
  readonly method: string;
  /** The URL of the failing hop. */
  readonly url: string;
  readonly credentials: boolean;
  /** The header the failing check read, what it held (null: absent), and what would have passed. */
  readonly header: string | null;
  readonly received: string | null;
  readonly needed: string;
  /** HeaderDisallowedByPreflightResponse: every header name not allowed, in Chromium's order. */
  readonly missing: readonly string[];
  /** Invalid*PreflightResponse: the list item that is not a name (null for other codes). */
  readonly invalidItem: string | null;
  /** The status and headers of the response that failed, when a response failed. */
  readonly status: number | null;
  readonly responseHeaders: HeaderList;
  /** The request's CORS-unsafe header names, in Chromium's order. */
  readonly unsafeHeaderNames: readonly string[];
}

/** A header line the server should send. */
export interface HeaderLine {
  readonly name: string;
  readonly value: string;
}

/** Where a fix goes. */
export type FixTarget = 'preflight response' | 'response' | 'redirect response' | 'request' | 'page';

/**
 * One verdict code explained: the title is the fix as an instruction; then
 * what happened, naming the header and value; then what to change.
 */
export interface CorsErrorDescription {
  readonly title: string;
  readonly summary: string;
  readonly whatHappened: string;
  readonly whatToChange: string;
  readonly note?: string;
  readonly fix: { readonly target: FixTarget; readonly lines: readonly HeaderLine[] } | null;
  readonly links: readonly LinkId[];
}

export type DescribeCorsError = (context: DescriptionContext) => CorsErrorDescription;

/** `value` in code-like quotes, or a word for absence: for sentences. */
export function quoted(value: string | null): string {
  if (value === null) return 'no such header';
  if (value === '') return 'an empty value';
  return `"${value}"`;
}
