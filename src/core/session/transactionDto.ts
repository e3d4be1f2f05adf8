import type { HeaderList } from '../fetch/headers.ts';
import { lowerCaseHeaderName } from '../fetch/headers.ts';
import type { PreflightNeed } from '../cors/needsPreflight.ts';
import type { HopVerdict, Verdict } from '../cors/verdict.ts';
import type { CapturedHop, CapturedPreflight, Transaction } from '../pairing/transaction.ts';
import type { SequencedTransaction, SequencedTransactionDto } from '../protocol.ts';

/**
 * A transaction as the worker keeps it, stores it and sends it: each value
 * held once. In memory a transaction refers to one header list from its
 * request, its hops and its verdict, and its verdict's preflight need names
 * each header again with the rule it met; written out as JSON (storage, a
 * runtime port) that was three or four copies of every request header.
 * Here a list that is already written elsewhere in the transaction is a
 * reference to it, a header the preflight need judged is its index in the
 * hop's list, and a URL equal to the one it repeats is left out.
 * WARNING: persisted (chrome.storage.session) and on the wire: a change of
 * shape takes a new storage key version (sessionStore.ts) and PROTOCOL_VERSION.
 */
export interface TransactionDto extends Omit<Transaction, 'hops' | 'verdict'> {
  readonly hops: readonly CapturedHopDto[];
  readonly verdict: VerdictDto;
}

/** A header list written before in the transaction: the request's, or the one sent at hop `hop`. */
export type HeaderListDto = HeaderList | { readonly sameAs: 'request' } | { readonly sameAs: 'sent'; readonly hop: number };

export interface CapturedHopDto extends Omit<CapturedHop, 'url' | 'sentHeaders' | 'preflight'> {
  /** Absent when it is the request's URL (the first hop's always is). */
  readonly url?: string;
  readonly sentHeaders?: HeaderListDto;
  readonly preflight?: CapturedPreflightDto;
}

export interface CapturedPreflightDto extends Omit<CapturedPreflight, 'url'> {
  /** Absent when it is its hop's URL (a preflight is for the URL it guards). */
  readonly url?: string;
}

export interface VerdictDto extends Omit<Verdict, 'hops'> {
  readonly hops: readonly HopVerdictDto[];
}

export interface HopVerdictDto extends Omit<HopVerdict, 'headers' | 'preflightNeed'> {
  readonly headers: HeaderListDto;
  readonly preflightNeed: PreflightNeedDto;
}

/** A header of the hop's list as a rule judged it: its index in the list instead of its name and value. */
type Indexed<T> = T extends { readonly name: string; readonly value: string } ? Omit<T, 'name' | 'value'> & { readonly at: number } : never;
type HeaderEntry = { readonly name: string; readonly value: string };
/** A judged header: indexed when the hop's list holds it (always, unless the capture holds only names). */
type EntryDto<T extends HeaderEntry> = T | Indexed<T>;

export interface PreflightNeedDto extends Omit<PreflightNeed, 'reasons' | 'met'> {
  readonly reasons: readonly ReasonDto[];
  readonly met: readonly MetDto[];
}

type Reason = PreflightNeed['reasons'][number];
type Met = PreflightNeed['met'][number];
type ReasonDto =
  | Exclude<Reason, { readonly header: unknown }>
  | { readonly kind: 'header'; readonly header: EntryDto<Extract<Reason, { kind: 'header' }>['header']> }
  | { readonly kind: 'header-not-safelisted-here'; readonly header: EntryDto<Extract<Reason, { kind: 'header-not-safelisted-here' }>['header']> };
type MetDto = Exclude<Met, { readonly value: string }> | EntryDto<Extract<Met, { readonly value: string }>>;

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
    reasons: need.reasons.map((reason) => ('header' in reason ? { ...reason, header: entry(reason.header) } : reason) as Reason),
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
