import type { CorsRequest } from '../cors/corsRequest.ts';
import { exposedResponseHeaders } from '../cors/exposedHeaders.ts';
import type { NotCorsReason } from '../cors/notCorsReason.ts';
import type { ObservedResponse, Verdict } from '../cors/verdict.ts';
import { responseOf } from '../cors/verdictFacts.ts';
import { serializeOrigin } from '../fetch/origin.ts';
import { hopSteps } from './hopSteps.ts';
import type { SimulatedSend } from './playSimulation.ts';
import { failure, step, type SimulationStep } from './simulationStep.ts';

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
