import type { Header } from '../fetch/headers.ts';
import type { ServerAnswer, ServerPolicy, SimulatedServer } from './simulation.ts';

/** What the server is asked at one URL: enough to write its answer. */
export interface ServerQuestion {
  /** Which URL of the request (0 first, then one per redirect). */
  readonly hop: number;
  /** The Origin the browser sends there ("null" once tainted). */
  readonly origin: string;
  readonly preflight: boolean;
}

/** The server's answer at one URL, to the preflight or to the request. */
export function answer(server: SimulatedServer, question: ServerQuestion): ServerAnswer {
  if (server.kind === 'answers') {
    const hop = server.hops[Math.min(question.hop, server.hops.length - 1)];
    if (!hop) return { status: 404, headers: [] };
    return question.preflight ? hop.preflight : hop.response;
  }
  return question.preflight ? preflightAnswer(server, question.origin) : responseAnswer(server, question);
}

function preflightAnswer(policy: ServerPolicy, origin: string): ServerAnswer {
  const headers: Header[] = [...allowOriginLines(policy, origin), ...credentialsLines(policy)];
  if (policy.allowMethods !== '') headers.push({ name: 'Access-Control-Allow-Methods', value: policy.allowMethods });
  if (policy.allowHeaders !== '') headers.push({ name: 'Access-Control-Allow-Headers', value: policy.allowHeaders });
  if (policy.maxAge !== '') headers.push({ name: 'Access-Control-Max-Age', value: policy.maxAge });
  return { status: policy.preflightStatus, headers: [...headers, ...varyLines(policy)] };
}

function responseAnswer(policy: ServerPolicy, question: ServerQuestion): ServerAnswer {
  const cors = [...allowOriginLines(policy, question.origin), ...credentialsLines(policy)];
  if (policy.redirect && question.hop === 0) {
    return { status: policy.redirect.status, headers: [{ name: 'Location', value: policy.redirect.location }, ...cors, ...varyLines(policy)] };
  }
  const expose = policy.exposeHeaders === '' ? [] : [{ name: 'Access-Control-Expose-Headers', value: policy.exposeHeaders }];
  return { status: policy.responseStatus, headers: [{ name: 'Content-Type', value: 'application/json' }, ...cors, ...expose, ...varyLines(policy)] };
}

function allowOriginLines(policy: ServerPolicy, origin: string): Header[] {
  const line = (value: string): Header[] => [{ name: 'Access-Control-Allow-Origin', value }];
  const allow = policy.allowOrigin;
  switch (allow.kind) {
    case 'none':
      return [];
    case 'any':
      return line('*');
    case 'null':
      return line('null');
    case 'echo':
      return line(origin);
    case 'list':
      return allow.origins.includes(origin) ? line(origin) : [];
    case 'exact':
      return line(allow.value);
  }
}

function credentialsLines(policy: ServerPolicy): Header[] {
  return policy.allowCredentials ? [{ name: 'Access-Control-Allow-Credentials', value: 'true' }] : [];
}

// A server whose Access-Control-Allow-Origin depends on the request says so to caches.
function varyLines(policy: ServerPolicy): Header[] {
  return policy.allowOrigin.kind === 'echo' || policy.allowOrigin.kind === 'list' ? [{ name: 'Vary', value: 'Origin' }] : [];
}
