import { checkPreflightResponse, type PreflightCheck, type PreflightCheckInput, type PreflightResponse } from './preflightCheck.ts';

/**
 * The preflight checks already made for a stream of requests. Pairing checks
 * a preflight when its request goes out (to feed the cache model), and the
 * engine judges the request later with the same question (twice more when
 * the credentials mode is unknown): whoever judges a stream owns one of
 * these and passes it to both, so each question is answered once.
 */
export class PreflightChecks {
  // The last few checks of each response: responses are never changed once built.
  readonly #recent = new WeakMap<PreflightResponse, { readonly input: PreflightCheckInput; readonly check: PreflightCheck }[]>();

  check(input: PreflightCheckInput): PreflightCheck {
    const known = this.#recent.get(input.response);
    const same = known?.find((each) => isSameQuestion(each.input, input));
    if (same) return same.check;
    const check = checkPreflightResponse(input);
    if (!known) this.#recent.set(input.response, [{ input, check }]);
    else if (known.unshift({ input, check }) > RECENT_CHECKS) known.pop();
    return check;
  }
}

const RECENT_CHECKS = 3;

function isSameQuestion(a: PreflightCheckInput, b: PreflightCheckInput): boolean {
  return (
    a.url === b.url &&
    a.method === b.method &&
    a.headers === b.headers &&
    a.credentials === b.credentials &&
    a.origin === b.origin &&
    (a.checksAccess ?? true) === (b.checksAccess ?? true) &&
    sameNames(a.unsafeNames, b.unsafeNames)
  );
}

function sameNames(a: readonly string[] | undefined, b: readonly string[] | undefined): boolean {
  if (a === b) return true;
  if (a === undefined || b === undefined || a.length !== b.length) return false;
  for (let index = 0; index < a.length; index++) if (a[index] !== b[index]) return false;
  return true;
}
