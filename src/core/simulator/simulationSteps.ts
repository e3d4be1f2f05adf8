import type { CacheMissReason } from '../cache/preflightCache.ts';
import { preflightLifetime } from '../cache/preflightLifetime.ts';
import type { CorsError } from '../cors/corsError.ts';
import type { CorsRequest } from '../cors/corsRequest.ts';
import { exposedResponseHeaders } from '../cors/exposedHeaders.ts';
import type { NotCorsReason } from '../cors/needsPreflight.ts';
import type { HopVerdict, ObservedHop, ObservedResponse, Verdict } from '../cors/verdict.ts';
import { corsErrorOf, responseOf } from '../cors/verdictFacts.ts';
import { LINKS, type LinkId } from '../explain/links.ts';
import { preflightReasons } from '../explain/preflightReasons.ts';
import { serializeOrigin } from '../fetch/origin.ts';
import { redirectTarget } from '../cors/redirect.ts';
import { headerLineTexts, responseLineTexts } from './headerLines.ts';
import { failingCheck, PREFLIGHT_CHECKS, REDIRECT_CHECKS, RESPONSE_CHECKS, type BrowserCheck } from './checkOrder.ts';
import type { SimulatedSend } from './playSimulation.ts';

export type StepStatus = 'passed' | 'failed' | 'info' | 'not-reached';

/** One rule of the Fetch Standard applied to the simulated request, as the learner reads it. */
export interface SimulationStep {
  /** Stable within a send: `hop1.preflight.allow-origin`. */
  readonly id: string;
  readonly title: string;
  readonly rule: { readonly title: string; readonly url: string };
  readonly status: StepStatus;
  readonly details: readonly string[];
  /** Exact lines on the wire (request or status line first), when the step shows a message. */
  readonly lines?: readonly string[];
  /** On the failing check: the code Chromium reports, exactly as `Network.CorsError`. */
  readonly corsError?: CorsError;
  readonly failedParameter?: string;
}

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

function step(id: string, title: string, link: LinkId, status: StepStatus, details: readonly string[], extra: Partial<SimulationStep> = {}): SimulationStep {
  return { id, title, rule: LINKS[link], status, details, ...extra };
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

function cacheLookupStep(at: string, where: string, hopVerdict: HopVerdict): SimulationStep {
  if (hopVerdict.preflight === 'cache-hit' && hopVerdict.cacheEntry) {
    const entry = hopVerdict.cacheEntry;
    return step(`${at}.cache-lookup`, `The preflight cache has an entry${where}`, 'preflightCache', 'passed', [
      `Stored at ${clock(entry.storedAt)}, alive until ${clock(entry.expiresAt)}: it allows ${describeEntry(entry.result.methods, entry.result.headers)}. No preflight is sent.`,
    ]);
  }
  const reason = hopVerdict.cacheMiss?.reason ?? 'no-entry';
  return step(`${at}.cache-lookup`, `The preflight cache has no usable entry${where}`, 'preflightCache', 'info', [
    `${MISS_REASONS[reason]}: the browser sends a preflight.`,
  ]);
}

const MISS_REASONS: Readonly<Record<CacheMissReason | 'bypass-requested', string>> = {
  'no-entry': 'No entry for this origin and URL',
  expired: 'The entry for this origin and URL has expired',
  credentials: 'The entry was stored without credentials; this request includes them',
  'credentials-mode': 'Firefox keeps entries for requests with and without credentials apart, and the entry for this origin and URL is for the other kind',
  method: 'The entry does not allow this method',
  header: 'The entry does not allow one of the headers',
  bypass: 'The request bypasses the cache',
  'bypass-requested': 'The request bypasses the cache',
  'stored-later': 'No entry yet',
};

function cacheStoreStep(at: string, where: string, hopVerdict: HopVerdict): SimulationStep {
  const stored = hopVerdict.stored;
  // Access-Control-Max-Age as the engine read it for the cache.
  const maxAge = hopVerdict.preflightResult?.maxAge ?? null;
  const others = (['firefox', 'webkit'] as const).map(
    (engine) => `${engine === 'firefox' ? 'Firefox' : 'Safari'} would keep it ${preflightLifetime(engine, maxAge).seconds} s.`,
  );
  if (!stored || !stored.stored) {
    const reason = stored?.reason ?? null;
    const why =
      reason === 'url-too-long'
        ? 'the URL is too long to cache'
        : reason === 'opaque-origin'
          ? 'the page\'s origin is opaque ("null"), and Chromium caches no preflight of an opaque origin'
          : `Access-Control-Max-Age ${maxAge === null ? "is absent and Chromium's default applies" : `is "${maxAge}"`}, a lifetime of 0 s`;
    return step(`${at}.cache-store`, `The result is not cached${where}`, 'preflightCache', 'info', [`Not stored: ${why}.`, ...others]);
  }
  const { entry } = stored;
  const capped = entry.lifetime.rule === 'capped' ? ` (Max-Age ${maxAge ?? ''} capped by Chromium)` : '';
  return step(`${at}.cache-store`, `The result is cached${where}`, 'preflightCache', 'info', [
    `Key: origin ${entry.key.origin}, URL ${entry.key.url}; ${entry.result.credentials ? 'with' : 'without'} credentials.`,
    `Chromium keeps it ${entry.lifetime.seconds} s${capped}: from ${clock(entry.storedAt)} to ${clock(entry.expiresAt)}.`,
    ...others,
  ]);
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

function failure(verdict: Verdict): Partial<SimulationStep> {
  return verdict.failure === null ? {} : { corsError: verdict.failure.corsError, failedParameter: verdict.failure.failedParameter };
}

function describeEntry(methods: readonly string[], headers: readonly string[]): string {
  return `methods ${methods.join(', ') || '(safelisted only)'} and headers ${headers.join(', ') || '(safelisted only)'}`;
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

/** A time on the simulation clock (milliseconds from 0). */
export function clock(ms: number): string {
  return `t = ${Math.round(ms / 1000)} s`;
}
