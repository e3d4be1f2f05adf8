import type { HeaderList } from '../fetch/headers.ts';
import { lowerCaseHeaderName } from '../fetch/headers.ts';
import type { PreflightNeed } from '../cors/needsPreflight.ts';
import type { CapturedHop, Transaction } from '../pairing/transaction.ts';
import type { SequencedTransaction, SequencedTransactionDto } from '../protocol.ts';
import type { EntryDto, HeaderEntry, HeaderListDto, Indexed, PreflightNeedDto, ReasonDto, TransactionDto } from './transactionDtoTypes.ts';

/** The transaction as a TransactionDto: each list, header and URL it repeats written as a reference to the first. */
export function toTransactionDto(transaction: Transaction): TransactionDto {
  const { request, hops } = transaction;
  const listOf = (list: HeaderList): HeaderListDto => {
    if (sameList(list, request.headers)) return { sameAs: 'request' };
    const hop = hops.findIndex((captured) => captured.sentHeaders !== undefined && sameList(list, captured.sentHeaders));
    return hop >= 0 ? { sameAs: 'sent', hop } : list;
  };
  return {
    ...transaction,
    hops: hops.map((hop, index) => ({
      ...hop,
      url: index === 0 && hop.url === request.url ? undefined : hop.url,
      sentHeaders: hop.sentHeaders && (sameList(hop.sentHeaders, request.headers) ? { sameAs: 'request' } : hop.sentHeaders),
      preflight: hop.preflight && { ...hop.preflight, url: hop.preflight.url === hop.url ? undefined : hop.preflight.url },
    })),
    verdict: {
      ...transaction.verdict,
      hops: transaction.verdict.hops.map((hop) => ({ ...hop, headers: listOf(hop.headers), preflightNeed: needDto(hop.preflightNeed, hop.headers) })),
    },
  };
}

/** The transaction a TransactionDto holds; throws on a reference to nothing (a DTO not made by toTransactionDto). */
export function fromTransactionDto(dto: TransactionDto): Transaction {
  const { request } = dto;
  const hops: CapturedHop[] = dto.hops.map((hop, index) => {
    const url = hop.url ?? (index === 0 ? request.url : missing(`hop ${index}'s URL`));
    return {
      ...hop,
      url,
      sentHeaders: hop.sentHeaders && resolveList(hop.sentHeaders, request.headers, []),
      preflight: hop.preflight && { ...hop.preflight, url: hop.preflight.url ?? url },
    };
  });
  return {
    ...dto,
    hops,
    verdict: {
      ...dto.verdict,
      hops: dto.verdict.hops.map((hop) => {
        const headers = resolveList(hop.headers, request.headers, hops);
        return { ...hop, headers, preflightNeed: needOf(hop.preflightNeed, headers) };
      }),
    },
  };
}

function resolveList(list: HeaderListDto, requestHeaders: HeaderList, hops: readonly CapturedHop[]): HeaderList {
  if (!('sameAs' in list)) return list;
  if (list.sameAs === 'request') return requestHeaders;
  return hops[list.hop]?.sentHeaders ?? missing(`the headers sent at hop ${list.hop}`);
}

function needDto(need: PreflightNeed, headers: HeaderList): PreflightNeedDto {
  const names = headers.map((header) => lowerCaseHeaderName(header.name));
  const indexed = <T extends HeaderEntry>(entry: T): EntryDto<T> => {
    const at = names.findIndex((name, index) => name === entry.name && headers[index]?.value === entry.value);
    if (at < 0) return entry;
    const { name: _name, value: _value, ...rest } = entry;
    return { ...rest, at } as Indexed<T>;
  };
  return {
    ...need,
    reasons: need.reasons.map((reason) => ('header' in reason ? { ...reason, header: indexed(reason.header) } : reason) as ReasonDto),
    met: need.met.map((rule) => ('value' in rule ? indexed(rule) : rule)),
  };
}

function needOf(need: PreflightNeedDto, headers: HeaderList): PreflightNeed {
  const entry = <T extends HeaderEntry>(dto: EntryDto<T>): T => {
    if (!('at' in dto)) return dto;
    const { at, ...rest } = dto;
    const header = headers[at] ?? missing(`header ${at}`);
    return { ...rest, name: lowerCaseHeaderName(header.name), value: header.value } as unknown as T;
  };
  return {
    ...need,
    reasons: need.reasons.map((reason) => ('header' in reason ? { ...reason, header: entry(reason.header) } : reason) as PreflightNeed['reasons'][number]),
    met: need.met.map((rule) => (rule.kind === 'header' ? entry(rule) : rule)),
  };
}

function sameList(a: HeaderList, b: HeaderList): boolean {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  for (let index = 0; index < a.length; index++) if (a[index]?.name !== b[index]?.name || a[index]?.value !== b[index]?.value) return false;
  return true;
}

function missing(what: string): never {
  throw new Error(`A stored transaction refers to ${what}, which it does not hold`);
}

/** A ring's item as clients read it: its transaction whole again. */
export function fromSequencedDto(item: SequencedTransactionDto): SequencedTransaction {
  return { ...item, transaction: fromTransactionDto(item.transaction) };
}
