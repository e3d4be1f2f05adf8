import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Transaction } from '../pairing/transaction.ts';
import type { SessionSummary } from '../protocol.ts';
import { REDACTED_VALUE, redactSecrets } from './redact.ts';
import { createTrace, TRACE_FORMAT, TRACE_VERSION } from './trace.ts';
import { CORS_LENS_VERSION } from './version.ts';

const SESSION: SessionSummary = {
  tabId: 3,
  pageUrl: 'http://app.test/',
  preserveLog: false,
  evicted: 2,
  truncatedValues: 1,
  leftOut: { sameOrigin: 4, navigations: 1, notCorsMode: 0, unknownInitiator: 0 },
  seq: 9,
  recordingSince: null,
  gaps: [],
};

/** A credentialed request: secrets in the page's headers, the wire's, the response's and the verdict's copies. */
function credentialed(id: string, startTime: number): Transaction {
  const secretRequest = [
    { name: 'Authorization', value: 'Bearer abc.def' },
    { name: 'Cookie', value: 'session=s3cr3t' },
    { name: 'X-Trace', value: 'kept' },
  ];
  const response = {
    status: 200,
    headers: [
      { name: 'Set-Cookie', value: 'session=next; HttpOnly' },
      { name: 'Access-Control-Allow-Origin', value: 'http://app.test' },
    ],
  };
  return {
    id,
    request: {
      url: 'http://api.test/me',
      method: 'GET',
      headers: secretRequest,
      initiatorOrigin: 'http://app.test',
      mode: 'cors',
      credentials: 'include',
      redirect: 'follow',
    },
    evidence: { origin: 'origin-header', mode: 'sec-fetch-mode', credentials: 'cookie', headers: 'wire', bypassPreflightCache: null },
    startTime,
    state: 'completed',
    hops: [
      { url: 'http://api.test/me', method: 'GET', startTime, sentHeaders: [...secretRequest, { name: 'proxy-authorization', value: 'Basic eA==' }], response },
    ],
    verdict: {
      outcome: 'blocked',
      failure: { corsError: 'InvalidAllowCredentials', failedParameter: '', header: 'Access-Control-Allow-Credentials', received: null, needed: 'true' },
      stage: 'response',
      failedHop: 0,
      responseHop: null,
      preflight: 'not-needed',
      hops: [],
      networkError: null,
      hiddenCauses: null,
      notes: [],
    },
  } as unknown as Transaction;
}

describe('redactSecrets', () => {
  it('replaces the value of every Cookie, Set-Cookie, Authorization and Proxy-Authorization header, wherever it sits', () => {
    const { value, redacted } = redactSecrets(credentialed('a', 1));
    const text = JSON.stringify(value);
    for (const secret of ['abc.def', 's3cr3t', 'session=next', 'eA==']) expect(text).not.toContain(secret);
    // Two in the request's headers, three in those sent, one in the response.
    expect(redacted).toBe(6);
    expect(value.hops[0]?.sentHeaders).toContainEqual({ name: 'Cookie', value: REDACTED_VALUE });
    expect(value.request.headers).toContainEqual({ name: 'X-Trace', value: 'kept' });
  });

  it('leaves everything else as it was, and the input untouched', () => {
    const input = credentialed('a', 1);
    const before = JSON.stringify(input);
    const { value } = redactSecrets(input);
    expect(JSON.stringify(input)).toBe(before);
    const restored = JSON.parse(JSON.stringify(value).replaceAll(REDACTED_VALUE, '')) as unknown;
    const emptied = JSON.parse(before.replace(/"(Bearer abc\.def|session=s3cr3t|session=next; HttpOnly|Basic eA==)"/g, '""')) as unknown;
    expect(restored).toEqual(emptied);
  });

  it('never throws, and never lets a secret header value through, whatever the JSON', () => {
    const secretName = fc.constantFrom('cookie', 'Cookie', 'SET-COOKIE', 'Authorization', 'proxy-authorization');
    const secretHeader = fc.record({ name: secretName, value: fc.string({ minLength: 1 }).map((text) => `S3CRET${text}`) });
    const tree = fc.letrec((tie) => ({
      node: fc.oneof({ depthSize: 'small' }, fc.jsonValue(), secretHeader, fc.array(tie('node')), fc.dictionary(fc.string(), tie('node'))),
    })).node;
    fc.assert(
      fc.property(tree, (value) => {
        const { value: redacted } = redactSecrets(value);
        const walk = (node: unknown): void => {
          if (Array.isArray(node)) {
            node.forEach(walk);
            return;
          }
          if (node === null || typeof node !== 'object') return;
          const record = node as Record<string, unknown>;
          if (typeof record.name === 'string' && typeof record.value === 'string' && /^(set-)?cookie$|authorization$/i.test(record.name))
            expect(record.value).toBe(REDACTED_VALUE);
          Object.values(record).forEach(walk);
        };
        walk(redacted);
      }),
    );
  });
});

describe('createTrace', () => {
  const transactions = [credentialed('late', 20), credentialed('early', 10)];

  it('is versioned, dated from the time it is given, and orders transactions by start', () => {
    const trace = createTrace({ session: SESSION, transactions, preflightCache: [], createdAt: Date.UTC(2026, 10, 23), userAgent: 'Chromium/156' });
    expect(trace).toMatchObject({
      format: TRACE_FORMAT,
      version: TRACE_VERSION,
      createdAt: '2026-11-23T00:00:00.000Z',
      creator: { name: 'CORS Lens', version: CORS_LENS_VERSION },
      browser: { userAgent: 'Chromium/156' },
      page: { url: 'http://app.test/' },
      session: { evicted: 2, truncatedValues: 1, leftOut: SESSION.leftOut },
    });
    expect(trace.transactions.map((transaction) => transaction.id)).toEqual(['early', 'late']);
  });

  it('redacts secrets unless asked to keep them, and says which it did', () => {
    const redacted = createTrace({ session: SESSION, transactions, preflightCache: [], createdAt: 0 });
    expect(redacted).toMatchObject({ secrets: 'redacted', redactedValues: 12 });
    expect(JSON.stringify(redacted)).not.toContain('s3cr3t');
    const kept = createTrace({ session: SESSION, transactions, preflightCache: [], createdAt: 0, includeSecrets: true });
    expect(kept).toMatchObject({ secrets: 'included', redactedValues: 0 });
    expect(JSON.stringify(kept)).toContain('s3cr3t');
  });
});

describe('CORS_LENS_VERSION', () => {
  it('is the version package.json and manifest.json give', () => {
    const read = (file: string) => JSON.parse(readFileSync(new URL(`../../../${file}`, import.meta.url), 'utf8')) as { version: string };
    expect(CORS_LENS_VERSION).toBe(read('package.json').version);
    expect(CORS_LENS_VERSION).toBe(read('manifest.json').version);
  });
});
