import type { ObservedResponse } from '../cors/verdict.ts';
import { isForbiddenRequestHeader } from '../fetch/forbiddenRequestHeader.ts';
import type { Transaction } from '../pairing/transaction.ts';
import { responseLineTexts } from './headerLines.ts';
import { MAX_SIMULATED_HOPS, type ServerAnswer, type ServerAnswers, type Simulation, type SimulatedMode } from './simulation.ts';

/** A captured transaction opened in the simulator, and what the capture could not say. */
export interface WhatIf {
  readonly simulation: Simulation & { readonly server: ServerAnswers };
  /** Answers the capture never saw, and what stands in for them. */
  readonly notes: readonly string[];
}

const UNSEEN_PREFLIGHT: ServerAnswer = { status: 204, headers: [] };
const UNSEEN_RESPONSE: ServerAnswer = { status: 200, headers: [] };

/**
 * "What if" on a real transaction: its request as the page made it, and the
 * server's actual answers, line by line, at each URL it passed through. An
 * answer the browser never got (a refused preflight stops the request; a
 * cache hit sends no preflight) starts empty, and the notes say so.
 */
export function whatIfFromTransaction(transaction: Transaction): WhatIf {
  const { request } = transaction;
  const notes: string[] = [];
  const hops = transaction.hops.slice(0, MAX_SIMULATED_HOPS).map((hop, index) => {
    const at = index === 0 ? '' : ` at ${hop.url}`;
    let preflight = UNSEEN_PREFLIGHT;
    if (hop.preflight?.response) preflight = answerOf(hop.preflight.response);
    else if (transaction.verdict.hops[index]?.preflightRequired)
      notes.push(
        `No preflight answer was captured${at} (${transaction.verdict.hops[index].preflight === 'cache-hit' ? 'a cached result served it' : 'none arrived'}): it starts as a bare 204.`,
      );
    let response = UNSEEN_RESPONSE;
    if (hop.response) response = answerOf(hop.response);
    else notes.push(`The browser never got an answer to the request${at}: it starts as a bare 200.`);
    return { preflight, response };
  });
  if (transaction.hops.length > MAX_SIMULATED_HOPS) notes.push(`Only the first ${MAX_SIMULATED_HOPS} URLs of the redirect chain are simulated.`);
  const mode: SimulatedMode = request.mode === 'no-cors' || request.mode === 'same-origin' ? request.mode : 'cors';
  // A capture of the wire holds the headers the browser sets itself (User-Agent, Origin, Sec-Fetch-*): not the page's to set.
  const headers = request.headers.filter((header) => !isForbiddenRequestHeader(header.name, header.value));
  const browserSet = request.headers.length - headers.length;
  if (browserSet > 0)
    notes.push(
      `${browserSet} header${browserSet === 1 ? '' : 's'} the browser sets itself (such as User-Agent, Origin and Sec-Fetch-*) are left out of the request: the page cannot set them.`,
    );
  // A request whose own headers the capture lacks is known by the names its preflight announced; their values are not.
  const missing = (request.unsafeHeaderNames ?? []).filter((name) => !headers.some((header) => header.name.toLowerCase() === name));
  if (missing.length > 0) {
    headers.push(...missing.map((name) => ({ name, value: '' })));
    notes.push(
      `The request's own headers were not captured: ${missing.join(', ')} come from the preflight's Access-Control-Request-Headers, without their values.`,
    );
  }
  // The engine may have settled the credentials the capture could not show: only including them explains the failure.
  const inferred = transaction.verdict.notes.some((note) => note.kind === 'credentials-inferred');
  const credentials = inferred ? 'include' : request.credentials;
  if (inferred)
    notes.push('The capture does not show whether credentials went along; only "include" explains what the browser did, so the simulation includes them.');
  else if (request.credentialsAssumed) notes.push(`The capture does not show whether credentials went along: "${request.credentials}" is assumed.`);
  return {
    simulation: {
      request: {
        pageOrigin: request.initiatorOrigin,
        url: request.url,
        method: request.method,
        headers,
        body: 'none',
        mode,
        credentials,
        redirect: request.redirect,
      },
      server: { kind: 'answers', hops: hops.length > 0 ? hops : [{ preflight: UNSEEN_PREFLIGHT, response: UNSEEN_RESPONSE }] },
      sends: [0],
      clock: 0,
    },
    notes,
  };
}

function answerOf(response: ObservedResponse): ServerAnswer {
  return { status: response.status, headers: response.headers.map(({ name, value }) => ({ name, value })) };
}

/** One difference between the server's answers as captured and as edited. */
export interface AnswerChange {
  /** Which URL (1 first) and which answer. */
  readonly hop: number;
  readonly answer: 'preflight' | 'response';
  readonly change: 'added' | 'removed';
  /** The line as on the wire: `HTTP/1.1 403` for a status, `Name: value` for a header. */
  readonly line: string;
}

/**
 * Exactly which lines changed from `before` to `after`: per answer, a line
 * present in one and not the other (header names compared without case,
 * values exactly, repeated lines counted).
 */
export function answerChanges(before: ServerAnswers, after: ServerAnswers): AnswerChange[] {
  const changes: AnswerChange[] = [];
  const count = Math.max(before.hops.length, after.hops.length);
  for (let index = 0; index < count; index++) {
    for (const which of ['preflight', 'response'] as const) {
      const old = linesOf(before.hops[index]?.[which]);
      const now = linesOf(after.hops[index]?.[which]);
      for (const line of subtract(old, now)) changes.push({ hop: index + 1, answer: which, change: 'removed', line });
      for (const line of subtract(now, old)) changes.push({ hop: index + 1, answer: which, change: 'added', line });
    }
  }
  return changes;
}

function linesOf(answer: ServerAnswer | undefined): string[] {
  if (!answer) return [];
  return responseLineTexts(answer);
}

// The lines of `from` not matched one for one in `other` (names without case).
function subtract(from: readonly string[], other: readonly string[]): string[] {
  const key = (line: string): string => {
    const colon = line.indexOf(':');
    return colon < 0 || line.startsWith('HTTP/') ? line : `${line.slice(0, colon).toLowerCase()}${line.slice(colon)}`;
  };
  const left = new Map<string, number>();
  for (const line of other) left.set(key(line), (left.get(key(line)) ?? 0) + 1);
  return from.filter((line) => {
    const remaining = left.get(key(line)) ?? 0;
    if (remaining === 0) return true;
    left.set(key(line), remaining - 1);
    return false;
  });
}
