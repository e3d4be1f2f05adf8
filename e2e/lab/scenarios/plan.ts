import type { CorsError } from '../../../src/core/cors/corsError.ts';
import type { Expectation, HeaderLine, ResponsePlan, Route } from '../scenario.ts';

/** The Origin the request sent, echoed back: the usual correct answer. */
export const ECHO_ORIGIN: HeaderLine = ['Access-Control-Allow-Origin', '{origin}'];

/** An actual response with these headers (status 200 unless given). */
export function respond(headers: readonly HeaderLine[] = [], status = 200): ResponsePlan {
  return { status, headers };
}

/** A response that allows the requesting origin, plus `extra`. */
export function allowOrigin(extra: readonly HeaderLine[] = [], status = 200): ResponsePlan {
  return { status, headers: [ECHO_ORIGIN, ...extra] };
}

/** A 204 preflight answer that allows the origin, plus `extra`. */
export function preflightAnswer(extra: readonly HeaderLine[] = [], status = 204): ResponsePlan {
  return { status, headers: [ECHO_ORIGIN, ...extra] };
}

/** A preflight answer that allows exactly what the browser asked for. */
export function preflightEcho(extra: readonly HeaderLine[] = []): ResponsePlan {
  return preflightAnswer([['Access-Control-Allow-Methods', '{acrm}'], ['Access-Control-Allow-Headers', '{acrh}'], ...extra]);
}

/** One route at the scenario's root. */
export function root(route: Route): Record<string, Route> {
  return { '/': route };
}

export function allowed(preflight: Expectation['preflight'] = 'not-needed'): Expectation {
  return { corsError: null, preflight };
}

export function blocked(corsError: CorsError, failedParameter = '', preflight: Expectation['preflight'] = 'not-needed'): Expectation {
  return { corsError, failedParameter, preflight };
}
