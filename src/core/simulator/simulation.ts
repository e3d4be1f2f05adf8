import type { Header } from '../fetch/headers.ts';
import type { CredentialsMode, RedirectMode } from '../cors/corsRequest.ts';

/**
 * What the simulator plays: a request the learner composed, the server that
 * answers it, and when it was sent. Plain data: it travels in a URL and is
 * validated there (simulationLink.ts).
 */
export interface Simulation {
  readonly request: SimulatedRequest;
  readonly server: SimulatedServer;
  /** Seconds on the simulation clock at which the request was sent, in order. */
  readonly sends: readonly number[];
  /** Seconds on the simulation clock now (the cache view shows entries alive then). */
  readonly clock: number;
}

/** What `fetch()` is given as a body: it decides the Content-Type the browser adds when the page sets none. */
export type BodyKind = 'none' | 'text' | 'url-search-params' | 'form-data' | 'json-blob';

export const BODY_CONTENT_TYPES: Readonly<Record<BodyKind, string | null>> = {
  none: null,
  text: 'text/plain;charset=UTF-8',
  'url-search-params': 'application/x-www-form-urlencoded;charset=UTF-8',
  'form-data': 'multipart/form-data; boundary=----CorsLensSimulator',
  'json-blob': 'application/json',
};

export type SimulatedMode = 'cors' | 'no-cors' | 'same-origin';

export interface SimulatedRequest {
  /** The page's origin (`https://app.example`). */
  readonly pageOrigin: string;
  readonly url: string;
  readonly method: string;
  /** Headers the page sets. */
  readonly headers: readonly Header[];
  readonly body: BodyKind;
  readonly mode: SimulatedMode;
  readonly credentials: CredentialsMode;
  readonly redirect: RedirectMode;
}

/** Who the server lets in. `list` echoes the request's Origin when listed (and sends nothing otherwise); `exact` sends its value as written. */
export type AllowOriginPolicy =
  | { readonly kind: 'none' }
  | { readonly kind: 'any' }
  | { readonly kind: 'echo' }
  | { readonly kind: 'null' }
  | { readonly kind: 'list'; readonly origins: readonly string[] }
  | { readonly kind: 'exact'; readonly value: string };

/** A server described by its CORS policy: the simulator writes its answers. */
export interface ServerPolicy {
  readonly kind: 'policy';
  readonly allowOrigin: AllowOriginPolicy;
  /** Header values as sent; "" leaves the header out. */
  readonly allowMethods: string;
  readonly allowHeaders: string;
  readonly exposeHeaders: string;
  readonly allowCredentials: boolean;
  readonly maxAge: string;
  readonly preflightStatus: number;
  readonly responseStatus: number;
  /** The first URL answers the request itself with this redirect (CORS headers included); the next URL answers as the policy says. */
  readonly redirect: { readonly status: number; readonly location: string } | null;
}

/** One answer exactly as written: a status and header lines. */
export interface ServerAnswer {
  readonly status: number;
  readonly headers: readonly Header[];
}

/**
 * A server described by its answers, line by line ("what if" on a captured
 * transaction starts from what the server really sent): the n-th URL of the
 * request gets the n-th answers (the last ones past the end).
 */
export interface ServerAnswers {
  readonly kind: 'answers';
  readonly hops: readonly { readonly preflight: ServerAnswer; readonly response: ServerAnswer }[];
}

export type SimulatedServer = ServerPolicy | ServerAnswers;

/** How many URLs one request may pass through in the simulator (Chromium allows 20 redirects; a lesson needs few). */
export const MAX_SIMULATED_HOPS = 5;

/** The simulation clock stops at ten years: longer than any Max-Age any browser keeps. */
export const MAX_CLOCK_SECONDS = 10 * 365 * 24 * 3600;

/** How many sends one simulation keeps (a shared link holds them all). */
export const MAX_SENDS = 64;
