import type { CorsRequest } from '../cors/corsRequest.ts';
import type { HopVerdict, ObservedHop, Verdict } from '../cors/verdict.ts';
import { corsErrorOf } from '../cors/verdictFacts.ts';
import { preflightReasons } from '../explain/preflightReasons.ts';
import { redirectTarget } from '../cors/redirect.ts';
import { headerLineTexts, responseLineTexts } from './headerLines.ts';
import { failingCheck, PREFLIGHT_CHECKS, REDIRECT_CHECKS, RESPONSE_CHECKS, type BrowserCheck } from './checkOrder.ts';
import { cacheLookupStep, cacheStoreStep } from './cacheSteps.ts';
import { failure, step, type SimulationStep, type StepStatus } from './simulationStep.ts';

// The steps of one hop (one URL of the request): does it need a preflight,
// the cache lookup, the preflight and its checks, the request, its answer and
// its checks. Each step's id starts with `hop<n>.`.

/** A hop's steps, as far as the verdict says the request got. */
export function hopSteps(request: CorsRequest, verdict: Verdict, hopVerdict: HopVerdict, hop: ObservedHop, index: number): SimulationStep[] {
  const at = `hop${index + 1}`;
  const where = index === 0 ? '' : ` (after redirect ${index}, to ${hop.url})`;
  const steps: SimulationStep[] = [];
  const failedHere = verdict.failedHop === index ? verdict.stage : null;
  if (hopVerdict.corsFlag) {
    const need = hopVerdict.preflightNeed;
    const required = need.notCorsReason === null && need.reasons.length > 0;
    steps.push(
      step(`${at}.needs-preflight`, `Does it need a preflight?${where}`, 'safelistedHeader', 'info', [required ? 'Yes:' : 'No:', ...preflightReasons(need)]),
    );
  }
  if (hopVerdict.tainted)
    steps.push(
      step(`${at}.tainted`, `The Origin becomes "null"${where}`, 'redirectFetch', 'info', [
        'A redirect from another origin to yet another taints the request: from here on the browser sends Origin: null and expects it back.',
      ]),
    );
  if (failedHere === 'request' || failedHere === 'connection') {
    steps.push(
      step(
        `${at}.refused`,
        `Refused before sending${where}`,
        'requestMode',
        'failed',
        [verdict.failure?.needed ? `The browser needs ${verdict.failure.needed}.` : 'The browser refuses the request.'],
        failure(verdict),
      ),
    );
    return steps;
  }
  if (hopVerdict.preflightRequired) steps.push(cacheLookupStep(at, where, hopVerdict));
  const preflight = hop.preflight;
  if (preflight) {
    const url = target(hop.url);
    steps.push(
      step(
        `${at}.preflight-request`,
        `The preflight request${where}`,
        'preflightFetch',
        'info',
        ["Sent without cookies or credentials, whatever the request's credentials mode."],
        {
          lines: [`OPTIONS ${url.path} HTTP/1.1`, `Host: ${url.host}`, ...headerLineTexts(preflight.requestHeaders ?? [])],
        },
      ),
    );
    if (preflight.response) {
      steps.push(
        step(`${at}.preflight-response`, `The server answers the preflight${where}`, 'preflightFetch', 'info', [], {
          lines: responseLineTexts(preflight.response),
        }),
      );
      steps.push(...checkSteps(`${at}.preflight`, PREFLIGHT_CHECKS, failedHere === 'preflight' ? verdict : null, where));
      if (failedHere === 'preflight') {
        steps.push(
          step(`${at}.request`, `The request${where}`, 'preflightFetch', 'not-reached', ['The preflight failed: the browser never sends the request.']),
        );
        return steps;
      }
      if (hopVerdict.stored) steps.push(cacheStoreStep(at, where, hopVerdict));
    }
  }
  steps.push(requestStep(at, where, hop, hopVerdict));
  const response = hop.response;
  if (!response) return steps;
  const isRedirect = redirectTarget(response.status, response.headers, hop.url) !== null;
  steps.push(
    step(`${at}.response`, `The server answers the request${where}`, isRedirect ? 'redirectFetch' : 'corsCheck', 'info', [], {
      lines: responseLineTexts(response),
    }),
  );
  if (hopVerdict.corsFlag && request.mode !== 'no-cors') {
    const checks = isRedirect ? REDIRECT_CHECKS : RESPONSE_CHECKS;
    steps.push(
      ...checkSteps(`${at}.${isRedirect ? 'redirect' : 'response'}`, checks, failedHere === 'response' || failedHere === 'redirect' ? verdict : null, where),
    );
  }
  return steps;
}

function requestStep(at: string, where: string, hop: ObservedHop, hopVerdict: HopVerdict): SimulationStep {
  const url = target(hop.url);
  if (hop.sent === false) return step(`${at}.request`, `The request${where}`, 'corsCheck', 'not-reached', ['The browser does not send it.']);
  const origin = hopVerdict.corsFlag ? [`Origin: ${hopVerdict.origin}`] : [];
  return step(
    `${at}.request`,
    `The request${where}`,
    'corsCheck',
    'info',
    hopVerdict.preflight === 'cache-hit' ? ['Sent straight away: the cached preflight result covers it.'] : [],
    {
      lines: [`${hopVerdict.method} ${url.path} HTTP/1.1`, `Host: ${url.host}`, ...origin, ...headerLineTexts(hopVerdict.headers)],
    },
  );
}

function checkSteps(prefix: string, checks: readonly BrowserCheck[], failed: Verdict | null, where: string): SimulationStep[] {
  const failing = failingCheck(checks, failed ? corsErrorOf(failed) : null);
  return checks.map((check, index) => {
    const status: StepStatus = failing === -1 || index < failing ? 'passed' : index === failing ? 'failed' : 'not-reached';
    const details = status === 'failed' && failed?.failure ? [`Received: ${failed.failure.received ?? '(no header)'}`, `Needed: ${failed.failure.needed}`] : [];
    return step(`${prefix}.${check.id}`, `${check.title}${where}`, check.link, status, details, status === 'failed' && failed ? failure(failed) : {});
  });
}

/** The request line's target and the Host of a URL (the URL itself when it does not parse). */
function target(url: string): { path: string; host: string } {
  try {
    const parsed = new URL(url);
    return { path: `${parsed.pathname}${parsed.search}`, host: parsed.host };
  } catch {
    return { path: url, host: '' };
  }
}
