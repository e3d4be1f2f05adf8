import type { CorsRequest } from '../cors/corsRequest.ts';
import { exposedResponseHeaders } from '../cors/exposedHeaders.ts';
import type { NotCorsReason } from '../cors/needsPreflight.ts';
import type { HopVerdict, ObservedHop, ObservedResponse, Verdict } from '../cors/verdict.ts';
import { corsErrorOf, responseOf } from '../cors/verdictFacts.ts';
import { preflightReasons } from '../explain/preflightReasons.ts';
import { serializeOrigin } from '../fetch/origin.ts';
import { redirectTarget } from '../cors/redirect.ts';
import { headerLineTexts, responseLineTexts } from './headerLines.ts';
import { failingCheck, PREFLIGHT_CHECKS, REDIRECT_CHECKS, RESPONSE_CHECKS, type BrowserCheck } from './checkOrder.ts';
import { cacheLookupStep, cacheStoreStep } from './cacheSteps.ts';
import type { SimulatedSend } from './playSimulation.ts';
import { failure, step, type SimulationStep, type StepStatus } from './simulationStep.ts';

/**
 * The negotiation of one send, step by step: each step one rule, in the
 * order Chromium applies them, read from the engine's verdict (never decided
 * here): is it CORS; per URL, does it need a preflight and why, the cache
 * lookup, the preflight and its answer, each check on it (the first failing
 * one carries its CorsError, the rest are not reached), the entry stored
 * with each browser's lifetime, the request, its answer and its checks;
 * then what script can read.
 */
export function simulationSteps(send: SimulatedSend): SimulationStep[] {
  const { verdict, exchange } = send;
  const { request } = exchange;
  const steps: SimulationStep[] = [corsRequestStep(request, verdict)];
  if (send.dropped.length > 0) {
    const names = send.dropped.map((header) => header.name).join(', ');
    steps.push(
      step('forbidden-headers', 'Headers the page cannot set', 'safelistedHeader', 'info', [
        `${names}: forbidden request header${send.dropped.length > 1 ? 's' : ''}. fetch() drops ${send.dropped.length > 1 ? 'them' : 'it'} without an error; only the browser sets ${send.dropped.length > 1 ? 'them' : 'it'}, so CORS never sees ${send.dropped.length > 1 ? 'them' : 'it'}.`,
      ]),
    );
  }
  verdict.hops.forEach((hopVerdict, index) => {
    const hop = exchange.hops[index];
    if (hop) steps.push(...hopSteps(request, verdict, hopVerdict, hop, index));
  });
  steps.push(resultStep(request, verdict, responseOf(exchange, verdict)));
  return steps;
}

function corsRequestStep(request: CorsRequest, verdict: Verdict): SimulationStep {
  const first = verdict.hops[0];
  const why = first?.corsFlag
    ? `${request.initiatorOrigin} asks for ${originOf(request.url)}, another origin, in mode "${request.mode}": the browser applies CORS.`
    : notCorsSentence(request, first?.preflightNeed.notCorsReason ?? null);
  return step('cors-request', 'Is it a CORS request?', 'requestMode', 'info', [why]);
}

function notCorsSentence(request: CorsRequest, reason: NotCorsReason | null): string {
  switch (reason) {
    case 'same-origin':
      return `${request.url} is on the page's own origin (${request.initiatorOrigin}): no CORS check, no preflight.`;
    case 'no-cors-mode':
      return 'Mode "no-cors": the response comes back opaque (script cannot read it), so there is nothing to check and no preflight.';
    case 'same-origin-mode':
      return 'Mode "same-origin" allows only the page\'s own origin: a request elsewhere is refused before it is sent.';
    default:
      return 'CORS does not apply to this request.';
  }
}

function hopSteps(request: CorsRequest, verdict: Verdict, hopVerdict: HopVerdict, hop: ObservedHop, index: number): SimulationStep[] {
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

function resultStep(request: CorsRequest, verdict: Verdict, response: ObservedResponse | null): SimulationStep {
  if (verdict.outcome === 'blocked') {
    return step(
      'result',
      'Blocked',
      'corsCheck',
      'failed',
      ['Script gets a TypeError ("Failed to fetch"); only the console and DevTools say why.'],
      failure(verdict),
    );
  }
  if (verdict.outcome === 'not-cors')
    return step('result', 'No CORS check', 'requestMode', 'info', [
      response && request.mode === 'no-cors' ? 'Script gets an opaque response: status 0, no headers, no body.' : 'Nothing for CORS to decide.',
    ]);
  if (verdict.outcome !== 'allowed' || !response) return step('result', `Outcome: ${verdict.outcome}`, 'corsCheck', 'info', [verdict.networkError ?? '']);
  const exposed = exposedResponseHeaders(response.headers, request.credentials);
  return step('result', 'Allowed: what JavaScript can read', 'corsCheck', 'passed', [
    `Readable response headers: ${exposed.readable.join(', ') || 'none'}${exposed.wildcard ? ' (Access-Control-Expose-Headers: *)' : ''}.`,
    ...(exposed.hidden.length > 0 ? [`Hidden from script: ${exposed.hidden.join(', ')} (list them in Access-Control-Expose-Headers to expose them).`] : []),
  ]);
}

// An unparsable URL has no origin to name: the URL itself is named.
function originOf(url: string): string {
  const origin = serializeOrigin(url);
  return origin === 'null' ? url : origin;
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
