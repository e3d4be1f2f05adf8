import { describe, expect, it } from 'vitest';
import { pairEvents } from '../pairing/pairEvents.ts';
import type { RequestEvent } from '../pairing/requestEvent.ts';
import type { Transaction } from '../pairing/transaction.ts';
import { answered, API, h, PAGE, preflight, wire } from '../pairing/testPairing.ts';
import { allowedBlockedAndPreflighted } from './testEvents.ts';
import { fromTransactionDto, toTransactionDto } from './transactionDto.ts';
import type { TransactionDto } from './transactionDtoTypes.ts';
import { limitValues } from './valueBudget.ts';

const judged = (events: RequestEvent[]): Transaction[] => pairEvents(events).transactions;

/** A request as webRequest starts it: without headers (they come when it is sent). */
const started = (id: string, method: string): RequestEvent => ({
  type: 'started',
  id,
  time: 0,
  url: API,
  method,
  initiatorOrigin: PAGE,
  resourceType: 'fetch',
});

/** A PUT with a custom header and a safelisted one, preflighted and allowed: the request's headers appear in four places of the transaction. */
const put = (): Transaction[] =>
  judged([
    started('put', 'PUT'),
    ...preflight('pre', 1, 'PUT', 'x-token', [
      ['Access-Control-Allow-Methods', 'PUT'],
      ['Access-Control-Allow-Headers', 'X-Token'],
    ]),
    ...answered('put', 5, undefined, [
      ['X-Token', 'secret-token-value'],
      ['Content-Type', 'text/plain'],
    ]),
  ]);

/** A POST redirected with 303: the browser goes on with a GET and drops the body's headers, so the second hop's header list is another. */
const redirected = (): Transaction[] =>
  judged([
    started('post', 'POST'),
    { type: 'sent', id: 'post', time: 1, headers: wire([['Content-Type', 'text/plain']]) },
    {
      type: 'redirect',
      id: 'post',
      time: 2,
      status: 303,
      headers: h(['Access-Control-Allow-Origin', PAGE], ['Location', `${API}/done`]),
      location: `${API}/done`,
    },
    { type: 'sent', id: 'post', time: 3, headers: wire() },
    { type: 'response', id: 'post', time: 4, status: 200, headers: h(['Access-Control-Allow-Origin', PAGE]) },
    { type: 'completed', id: 'post', time: 5 },
  ]);

/** A preflight that failed, so the request's own headers were never seen: only the names it announced. */
const announcedOnly = (): Transaction[] =>
  judged([
    started('put', 'PUT'),
    ...preflight('pre', 1, 'PUT', 'x-token', [['Access-Control-Allow-Methods', 'PUT']]),
    { type: 'failed', id: 'put', time: 4, error: 'net::ERR_FAILED' },
  ]);

const scenarios: [string, () => Transaction[]][] = [
  ['an allowed GET, a blocked GET and a preflighted PUT', () => judged(allowedBlockedAndPreflighted())],
  ['a preflighted PUT with a custom header', put],
  ['a POST redirected to a GET', redirected],
  ['a request whose preflight failed', announcedOnly],
];

/** Through JSON, as storage and a runtime port carry it. */
const overTheWire = (transaction: Transaction): Transaction => fromTransactionDto(JSON.parse(JSON.stringify(toTransactionDto(transaction))) as TransactionDto);

describe('TransactionDto', () => {
  it.each(scenarios)('gives back the transaction it was made of, through JSON: %s', (_name, make) => {
    for (const transaction of make()) expect(overTheWire(transaction)).toEqual(transaction);
  });

  it('writes each of the request headers once', () => {
    const [transaction] = put() as [Transaction];
    expect(transaction.request.headers.some((header) => header.value === 'secret-token-value')).toBe(true);
    const occurrences = (json: string): number => json.split('secret-token-value').length - 1;
    expect(occurrences(JSON.stringify(transaction))).toBe(4);
    expect(occurrences(JSON.stringify(toTransactionDto(transaction)))).toBe(1);
    // The URL, written once (the request's, its hop's and its preflight's).
    expect(JSON.stringify(toTransactionDto(transaction)).split(API).length - 1).toBe(1);
  });

  it('gives back one header list where the transaction had one, not copies', () => {
    const [transaction] = put() as [Transaction];
    const back = overTheWire(transaction);
    expect(back.hops[0]?.sentHeaders).toBe(back.request.headers);
    expect(back.verdict.hops[0]?.headers).toBe(back.request.headers);
  });

  it('refers to the headers sent at a later hop when a redirect changed them (a 303 drops the body headers)', () => {
    const [transaction] = redirected() as [Transaction];
    expect(transaction.verdict.hops[1]?.headers.some((header) => header.name === 'Content-Type')).toBe(false);
    const dto = toTransactionDto(transaction);
    expect(dto.verdict.hops.map((hop) => hop.headers)).toEqual([{ sameAs: 'request' }, { sameAs: 'sent', hop: 1 }]);
    expect(overTheWire(transaction).verdict.hops[1]?.headers).toEqual(transaction.hops[1]?.sentHeaders);
  });

  it('keeps a judged header by name and value where the hop holds only announced names', () => {
    const [transaction] = announcedOnly() as [Transaction];
    expect(transaction.verdict.hops[0]?.preflightNeed.announced).toEqual(['x-token']);
    expect(overTheWire(transaction)).toEqual(transaction);
  });

  it('stays whole when its values are cut by the value budget', () => {
    const [transaction] = put() as [Transaction];
    const limited = limitValues(toTransactionDto(transaction), 10).value;
    const back = fromTransactionDto(limited);
    const token = back.request.headers.find((header) => header.name === 'X-Token')?.value;
    expect(token).toMatch(/^secret-tok … \[truncated: 18 characters\]$/);
    const reason = back.verdict.hops[0]?.preflightNeed.reasons.find((entry) => entry.kind === 'header');
    expect(reason && 'header' in reason ? reason.header.value : undefined).toBe(token);
  });

  it('says so when a reference points at nothing', () => {
    const [transaction] = put() as [Transaction];
    const dto = toTransactionDto(transaction);
    const broken = { ...dto, verdict: { ...dto.verdict, hops: [{ ...dto.verdict.hops[0], headers: { sameAs: 'sent', hop: 4 } }] } } as TransactionDto;
    expect(() => fromTransactionDto(broken)).toThrow(/refers to the headers sent at hop 4/);
  });
});
