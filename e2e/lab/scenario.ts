import type { FirefoxReason } from '../../src/core/browsers/firefoxReason.ts';
import type { CorsError } from '../../src/core/cors/corsError.ts';
import type { PreflightStatus } from '../../src/core/cors/verdict.ts';

/**
 * A header line the lab server sends. Values may hold `{origin}` (the
 * request's Origin), `{acrm}` and `{acrh}` (its Access-Control-Request-*),
 * `{page}` and `{api}` (the two origins), `{base}` and `{pageBase}` (this
 * scenario's URL prefix on each origin), `{frameBase}` (the same on the
 * lab's third origin, Lab.frameOrigin).
 */
export type HeaderLine = readonly [name: string, value: string];

export interface ResponsePlan {
  readonly status: number;
  readonly headers?: readonly HeaderLine[];
  readonly body?: string;
  /** Answer only when the test calls lab.release() (to act while a request is in flight). */
  readonly hold?: boolean;
}

/** How one path of a scenario answers: `preflight` for OPTIONS with Access-Control-Request-Method, `actual` for anything else. */
export interface Route {
  readonly preflight?: ResponsePlan;
  readonly actual?: ResponsePlan;
}

/** One request the lab page makes, as data. */
export interface LabRequest {
  /** Path under the scenario (default "/"); may hold a query string. */
  readonly path?: string;
  /** Which origin the request goes to (default the API origin). */
  readonly target?: 'api' | 'page';
  /** An absolute URL instead of the scenario's own (for schemes the lab cannot serve). */
  readonly url?: string;
  readonly method: string;
  readonly headers?: readonly HeaderLine[];
  readonly body?: string;
  /** How the body is built: a string (text/plain), URLSearchParams, FormData, or a Blob with this type. */
  readonly bodyKind?: 'text' | 'urlencoded' | 'formdata' | 'blob';
  readonly blobType?: string;
  readonly mode?: RequestMode;
  readonly credentials?: 'omit' | 'same-origin' | 'include';
  readonly redirect?: 'follow' | 'manual' | 'error';
  readonly cache?: 'default' | 'no-store' | 'reload' | 'no-cache' | 'force-cache';
  /** XMLHttpRequest instead of fetch(). */
  readonly via?: 'fetch' | 'xhr';
  /** With `via: 'xhr'`: an upload progress listener (the Fetch Standard's use-CORS-preflight flag). */
  readonly uploadListener?: boolean;
  /** fetch()'s targetAddressSpace option (Local Network Access). */
  readonly targetAddressSpace?: 'local' | 'loopback' | 'public';
  /**
   * Made from a dedicated worker of the page, or an iframe of it: same-origin,
   * from Lab.frameOrigin, sandboxed without allow-same-origin (an opaque
   * origin), or a data: URL (an opaque origin too).
   */
  readonly context?: 'worker' | 'iframe' | 'cross-origin-iframe' | 'sandboxed-iframe' | 'data-iframe';
}

type RequestMode = 'cors' | 'no-cors' | 'same-origin';

/** What Chromium must decide for one request of a scenario. */
export interface Expectation {
  readonly corsError: CorsError | null;
  /** Chromium's failedParameter; defaults to "" when blocked. */
  readonly failedParameter?: string;
  readonly preflight: PreflightStatus;
}

/** What Firefox must decide for one request: what its console says, what script sees, whether a preflight went out. */
export interface FirefoxExpectation {
  /** Firefox's reason (its first console line for the request, as MDN names it); null when it logs none. */
  readonly reason: FirefoxReason | null;
  /** The value Firefox names in the reason (an origin, a token, a header), checked when given; may hold {origin}. */
  readonly value?: string;
  /** Whether the page's fetch or XHR resolved: 'error' for every blocked request, and for some with no CORS reason. */
  readonly outcome: 'ok' | 'error';
  readonly preflight: PreflightStatus;
}

/**
 * How Firefox ESR decides a scenario, when that is not simply Chromium's
 * verdict under Firefox's name for it (firefoxExpectations.ts derives that).
 */
export interface FirefoxDeclaration {
  /**
   * Why Firefox decides otherwise than Chromium: another outcome, another
   * preflight or cache decision, another check failing or another value
   * named. docs/how-we-know.md lists every such scenario.
   */
  readonly differs?: string;
  readonly expect?: readonly FirefoxExpectation[];
  /** OPTIONS requests the server must see in Firefox (defaults to one per "sent" expectation). */
  readonly expectedOptions?: number;
  /**
   * Why Firefox's console reason cannot be read for these requests: their
   * script outcome and the server's OPTIONS are still held against the
   * declaration, and the extension's capture against the declared reason.
   */
  readonly consoleNotSeen?: string;
  /** Why Firefox cannot run the scenario here at all: it is left out of the Firefox sweep. */
  readonly cannotRun?: string;
  /**
   * Why the extension's webRequest capture in Firefox cannot decide these
   * requests: it must then claim no verdict (no transaction, or one in
   * flight, incomplete or undetermined), never a wrong one.
   */
  readonly webRequestCannotTell?: string;
}

export interface Scenario {
  /** Unique slug, also the URL path segment. */
  readonly name: string;
  /** What the scenario shows, in one line. */
  readonly title: string;
  /** Where a seed case comes from, when it comes from somewhere. */
  readonly source?: string;
  readonly routes: Readonly<Record<string, Route>>;
  /** Made one after the other, each waiting for the previous one to settle. */
  readonly requests: readonly LabRequest[];
  readonly expect: readonly Expectation[];
  /** OPTIONS requests the server must see; defaults to one per "sent" expectation. */
  readonly expectedOptions?: number;
  /** Make the requests all at once instead of one after the other. */
  readonly parallel?: boolean;
  /**
   * Chromium rejects these requests inside the renderer, before any network
   * activity: CDP's Network domain shows nothing and the verdict arrives as an
   * Audits CORS issue. The engine then judges the request as declared.
   */
  readonly rejectedInRenderer?: boolean;
  /** The page the requests run from (default: the lab page). */
  readonly from?: 'page' | 'public-page' | 'insecure-public-page' | 'file-page';
  /**
   * Why the engine judges the requests as declared rather than as captured:
   * the input that decides the verdict is invisible to every capture.
   */
  readonly judgedAsDeclared?: string;
  /**
   * Why the extension's own capture (webRequest) cannot decide these
   * requests: it must then say "undetermined", never a wrong verdict. The
   * "Confirm with Chromium" mode decides them.
   */
  readonly webRequestCannotTell?: string;
  /**
   * Why a HAR exported by Chrome DevTools cannot decide these requests:
   * `cors-lens explain` on it must then say "undetermined" and name
   * Chromium's error among the possible ones, never a wrong verdict.
   */
  readonly devToolsHarCannotTell?: string;
  /** Firefox's own verdict, where it is not Chromium's under Firefox's names (see FirefoxDeclaration). */
  readonly firefox?: FirefoxDeclaration;
}
