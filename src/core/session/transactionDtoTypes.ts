import type { HeaderList } from '../fetch/headers.ts';
import type { PreflightNeed } from '../cors/needsPreflight.ts';
import type { HopVerdict, Verdict } from '../cors/verdict.ts';
import type { CapturedHop, CapturedPreflight, Transaction } from '../pairing/transaction.ts';

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
 * toTransactionDto and fromTransactionDto (transactionDto.ts) write and read it.
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
export type Indexed<T> = T extends { readonly name: string; readonly value: string } ? Omit<T, 'name' | 'value'> & { readonly at: number } : never;
export type HeaderEntry = { readonly name: string; readonly value: string };
/** A judged header: indexed when the hop's list holds it (always, unless the capture holds only names). */
export type EntryDto<T extends HeaderEntry> = T | Indexed<T>;

export interface PreflightNeedDto extends Omit<PreflightNeed, 'reasons' | 'met'> {
  readonly reasons: readonly ReasonDto[];
  readonly met: readonly MetDto[];
}

type Reason = PreflightNeed['reasons'][number];
type Met = PreflightNeed['met'][number];
export type ReasonDto =
  | Exclude<Reason, { readonly header: unknown }>
  | { readonly kind: 'header'; readonly header: EntryDto<Extract<Reason, { kind: 'header' }>['header']> }
  | { readonly kind: 'header-not-safelisted-here'; readonly header: EntryDto<Extract<Reason, { kind: 'header-not-safelisted-here' }>['header']> };
type MetDto = Exclude<Met, { readonly value: string }> | EntryDto<Extract<Met, { readonly value: string }>>;
