import { describe, expect, it } from 'vitest';
import { context, judged } from './testTransactions.ts';
import type { RequestEvent } from '../pairing/requestEvent.ts';
import type { Transaction } from '../pairing/transaction.ts';
import { securityWarnings } from './securityWarnings.ts';

function get(origin: string, url: string, responseHeaders: [string, string][], credentials = false): Transaction {
  const wire = [{ name: 'Origin', value: origin }, { name: 'Sec-Fetch-Mode', value: 'cors' }, ...(credentials ? [{ name: 'Cookie', value: 'id=1' }] : [])];
  const events: RequestEvent[] = [
    { type: 'started', id: 'get', time: 0, url, method: 'GET', initiatorOrigin: origin, resourceType: 'xmlhttprequest', context },
    { type: 'sent', id: 'get', time: 1, headers: wire },
    { type: 'response', id: 'get', time: 2, status: 200, headers: responseHeaders.map(([name, value]) => ({ name, value })) },
    { type: 'completed', id: 'get', time: 3 },
  ];
  return judged(events);
}

const kinds = (transaction: Transaction) => securityWarnings(transaction).map((warning) => warning.kind);

describe('securityWarnings', () => {
  it('warns when the request origin is echoed with credentials, and when Vary lacks Origin', () => {
    const transaction = get(
      'https://app.test',
      'https://api.test/me',
      [
        ['Access-Control-Allow-Origin', 'https://app.test'],
        ['Access-Control-Allow-Credentials', 'true'],
      ],
      true,
    );
    expect(transaction.verdict.outcome).toBe('allowed');
    expect(kinds(transaction)).toEqual(['reflected-origin-with-credentials', 'missing-vary-origin']);
  });

  it('says nothing for * without credentials, or an echoed origin with Vary: Origin and no credentials', () => {
    expect(kinds(get('https://app.test', 'https://api.test/x', [['Access-Control-Allow-Origin', '*']]))).toEqual([]);
    expect(
      kinds(
        get('https://app.test', 'https://api.test/x', [
          ['Access-Control-Allow-Origin', 'https://app.test'],
          ['Vary', 'Accept-Encoding, Origin'],
        ]),
      ),
    ).toEqual([]);
  });

  it('warns about null, several values, and an http origin trusted by an https API', () => {
    expect(kinds(get('https://app.test', 'https://api.test/x', [['Access-Control-Allow-Origin', 'null']]))).toEqual(['null-origin-allowed']);
    expect(
      kinds(
        get('https://app.test', 'https://api.test/x', [
          ['Access-Control-Allow-Origin', 'https://app.test'],
          ['Access-Control-Allow-Origin', 'https://app.test'],
          ['Vary', 'Origin'],
        ]),
      ),
    ).toEqual(['several-allow-origin-values']);
    expect(
      kinds(
        get('http://app.test', 'https://api.test/x', [
          ['Access-Control-Allow-Origin', 'http://app.test'],
          ['Vary', 'Origin'],
        ]),
      ),
    ).toEqual(['http-origin-trusted-by-https']);
  });
});
