import type { HeaderList } from '../fetch/headers.ts';
import type { LocalNetworkContext } from './localNetworkAccess.ts';

/** Fetch Standard request mode. `cors-with-forced-preflight` is Chromium's form of the use-CORS-preflight flag. */
export type RequestMode = 'cors' | 'cors-with-forced-preflight' | 'no-cors' | 'same-origin' | 'navigate' | 'websocket';

/** Fetch Standard credentials mode. */
export type CredentialsMode = 'omit' | 'same-origin' | 'include';

/** Fetch Standard redirect mode. */
export type RedirectMode = 'follow' | 'error' | 'manual';

/**
 * The request as the page made it: what the engine needs to decide about
 * CORS. `headers` are the author request headers (what script set, plus
 * Accept and a body's Content-Type), not the headers the network stack adds
 * on the wire.
 */
export interface CorsRequest {
  readonly url: string;
  /** As sent: `fetch()` upper-cases DELETE/GET/HEAD/OPTIONS/POST/PUT only. */
  readonly method: string;
  readonly headers: HeaderList;
  /** Serialized origin of the document or worker that made the request. */
  readonly initiatorOrigin: string;
  readonly mode: RequestMode;
  readonly credentials: CredentialsMode;
  readonly redirect: RedirectMode;
  /**
   * True when the request skips the preflight cache: `cache: 'no-store'`,
   * `'reload'`, `'no-cache'`, or DevTools' "Disable cache" (Chromium's
   * LOAD_BYPASS_CACHE / LOAD_DISABLE_CACHE / LOAD_VALIDATE_CACHE).
   */
  readonly bypassPreflightCache?: boolean;
  /**
   * True when nothing in the capture showed the credentials mode (no Cookie,
   * no knowledge of the page's code) and `credentials` is a guess. The engine
   * then also says what including credentials would have changed.
   */
  readonly credentialsAssumed?: boolean;
  /**
   * When the request's own headers were not captured (webRequest reports none
   * for a request whose preflight failed), the CORS-unsafe header names its
   * preflight announced in Access-Control-Request-Headers stand in for them.
   */
  readonly unsafeHeaderNames?: readonly string[];
  /** The initiator's security context, when the capture shows it: enables the Local Network Access check. */
  readonly localNetworkAccess?: LocalNetworkContext;
}

/** Whether CORS requests can be made in this mode at all (cors.cc IsCorsEnabledRequestMode). */
export function isCorsEnabledMode(mode: RequestMode): boolean {
  return mode === 'cors' || mode === 'cors-with-forced-preflight';
}
