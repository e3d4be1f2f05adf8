import { describe, expect, it } from 'vitest';
import { harRecordsPreflights, harToEvents } from '../har/harToEvents.ts';
import { readHar } from '../har/readHar.ts';
import { pairEvents } from '../pairing/pairEvents.ts';
import type { RequestEvent } from '../pairing/requestEvent.ts';
import type { Transaction } from '../pairing/transaction.ts';
import { REDACTED_QUERY_VALUE, redactSecrets } from './redact.ts';
import { createTrace } from './trace.ts';
import { traceToHar } from './traceToHar.ts';
import { corsErrorOf, failedParameterOf } from '../cors/verdictFacts.ts';

const PAGE = 'http://app.test';
const context = { tabId: 1, frameId: 0 };
const SECRET_URL = 'http://api.test/items?access_token=t0k3n&page=2&X-Amz-Signature=5ig';

function capture(): Transaction[] {
  const wire = [
    { name: 'Origin', value: PAGE },
    { name: 'Sec-Fetch-Mode', value: 'cors' },
    { name: 'Referer', value: `${PAGE}/account?session=s3ss10n&tab=2` },
    { name: 'Cookie', value: 'id=42' },
    { name: 'X-Trace', value: '1' },
  ];
  const events: RequestEvent[] = [
    { type: 'started', id: 'put', time: 0, url: SECRET_URL, method: 'PUT', initiatorOrigin: PAGE, resourceType: 'xmlhttprequest', context },
    { type: 'started', id: 'options', time: 1, url: SECRET_URL, method: 'OPTIONS', initiatorOrigin: PAGE, resourceType: 'xmlhttprequest', context },
    {
      type: 'sent',
      id: 'options',
      time: 2,
      headers: [
        { name: 'Access-Control-Request-Method', value: 'PUT' },
        { name: 'Access-Control-Request-Headers', value: 'x-trace' },
        { name: 'Origin', value: PAGE },
      ],
    },
    {
      type: 'response',
      id: 'options',
      time: 3,
      status: 204,
      headers: [
        { name: 'Access-Control-Allow-Origin', value: PAGE },
        { name: 'Access-Control-Allow-Methods', value: 'PUT' },
        { name: 'Access-Control-Allow-Headers', value: 'x-trace' },
        { name: 'Access-Control-Allow-Credentials', value: 'true' },
      ],
    },
    { type: 'completed', id: 'options', time: 4 },
    { type: 'sent', id: 'put', time: 5, headers: wire },
    { type: 'response', id: 'put', time: 6, status: 200, headers: [{ name: 'Access-Control-Allow-Origin', value: PAGE }] },
    { type: 'failed', id: 'put', time: 7, error: 'net::ERR_FAILED' },
  ];
  return pairEvents(events).transactions;
}

function reexplained(transactions: readonly Transaction[], includeSecrets: boolean) {
  const trace = createTrace({
    session: {
      tabId: 1,
      pageUrl: `${PAGE}/`,
      preserveLog: false,
      evicted: 0,
      truncatedValues: 0,
      leftOut: { sameOrigin: 0, navigations: 0, notCorsMode: 0, unknownInitiator: 0 },
      seq: 1,
      recordingSince: null,
      gaps: [],
    },
    transactions,
    preflightCache: [],
    createdAt: 0,
    includeSecrets,
  });
  const har = readHar(
    JSON.stringify(traceToHar({ pages: [{ url: trace.page.url, transactions: trace.transactions }], browser: { name: 'Chromium', version: '156' } })),
  );
  return {
    trace,
    verdicts: pairEvents(harToEvents(har), { preflightsRecorded: harRecordsPreflights(har) }).transactions.map(({ verdict }) => ({
      outcome: verdict.outcome,
      corsError: corsErrorOf(verdict),
      failedParameter: failedParameterOf(verdict),
      preflight: verdict.preflight,
    })),
  };
}

describe('redactSecrets on URLs', () => {
  it('replaces the values of secret query parameters in every URL, keeps the others, and names what it left out', () => {
    const { value, redactions } = redactSecrets(capture());
    const text = JSON.stringify(value);
    for (const secret of ['t0k3n', '5ig', 's3ss10n', 'id=42']) expect(text).not.toContain(secret);
    expect(value[0]?.request.url).toBe(`http://api.test/items?access_token=${REDACTED_QUERY_VALUE}&page=2&X-Amz-Signature=${REDACTED_QUERY_VALUE}`);
    expect(text).toContain('tab=2');
    expect(redactions.headers).toEqual(['cookie']);
    expect(redactions.queryParameters).toEqual(['X-Amz-Signature', 'access_token', 'session']);
  });

  it('gives the same URL the same way everywhere, so a redacted trace explains exactly as the original', () => {
    // Credentials were sent (Cookie) and the server did not allow them: blocked, whatever is redacted.
    const original = reexplained(capture(), true);
    const redacted = reexplained(capture(), false);
    expect(original.verdicts).toEqual([{ outcome: 'blocked', corsError: 'InvalidAllowCredentials', failedParameter: '', preflight: 'sent' }]);
    expect(redacted.verdicts).toEqual(original.verdicts);
    expect(JSON.stringify(redacted.trace)).not.toContain('t0k3n');
  });

  it('leaves URLs without secrets, and strings that are not URLs, as they are', () => {
    const input = { a: 'http://api.test/x?page=2&sort=desc', b: 'not a url ?token=1', c: 'http://[bad' };
    expect(redactSecrets(input).value).toEqual(input);
  });
});

describe('redactSecrets on odd keys', () => {
  it('keeps a "__proto__" key as a field, as JSON.parse made it', () => {
    const value = JSON.parse('{"__proto__":{"name":"Cookie","value":"s3cr3t"},"other":1}') as unknown;
    const { value: redacted } = redactSecrets(value);
    expect(Object.keys(redacted as object)).toEqual(['__proto__', 'other']);
    expect(JSON.stringify(redacted)).not.toContain('s3cr3t');
    expect(Object.getPrototypeOf(redacted)).toBe(Object.prototype);
  });
});
