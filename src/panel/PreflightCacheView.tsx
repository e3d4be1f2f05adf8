import { useMemo } from 'react';
import type { CachedToken, PreflightCacheEntry } from '../core/cache/preflightCache.ts';
import { lifetimesDifferingFromChromium, preflightLifetime } from '../core/cache/preflightLifetime.ts';
import type { TransactionRow } from '../core/session/transactionRow.ts';
import { clockTime, countdown } from './model/formatTime.ts';
import { useNow } from './model/useNow.ts';

interface Props {
  readonly entries: readonly PreflightCacheEntry[];
  /** The tab's transactions: the entries of their page origins are shown. */
  readonly rows: readonly TransactionRow[];
}

const RULE_LABELS: Readonly<Record<string, string>> = {
  'default-absent': 'no Max-Age: the default',
  'default-not-an-integer': 'not an integer: the default',
  'as-sent': 'as sent',
  capped: 'capped by Chromium',
  zero: 'not cached',
  negative: 'not cached',
  'not-cached-not-digits': 'not cached',
};

/** What an entry allows: a Firefox entry's methods and headers each until their own time. */
function allowed(names: readonly string[], items: readonly CachedToken[] | undefined): string {
  if (!items) return names.join(', ') || '(safelisted only)';
  return items.map((item) => `${item.token} until ${clockTime(item.expiresAt)}`).join(', ') || '(none)';
}

/** The other browsers that would keep the entry another time: beside a Firefox entry (it has items), Chromium. */
function otherLifetimes(entry: PreflightCacheEntry) {
  if (!entry.items) return lifetimesDifferingFromChromium(entry.result.maxAge);
  const lifetime = preflightLifetime('chromium', entry.result.maxAge);
  return lifetime.seconds === entry.lifetime.seconds ? [] : [{ engine: 'chromium', name: 'Chromium', lifetime }];
}

const entryId = (origin: string, url: string, storedAt: number): string => `${storedAt} ${origin} ${url}`;

/** The page origins of the rows, and the rows each cache entry served (in seq order), by entry. */
function rowsByEntry(rows: readonly TransactionRow[]): { origins: ReadonlySet<string>; servedBy: ReadonlyMap<string, TransactionRow[]> } {
  const origins = new Set<string>();
  const servedBy = new Map<string, TransactionRow[]>();
  for (const row of rows) {
    origins.add(row.initiatorOrigin);
    for (const ref of row.servedBy ?? []) {
      const id = entryId(ref.origin, ref.url, ref.storedAt);
      const served = servedBy.get(id);
      if (!served) servedBy.set(id, [row]);
      else if (served.at(-1) !== row) served.push(row);
    }
  }
  return { origins, servedBy };
}

/** The modelled preflight cache for this tab's origins: each entry, its lifetime, a live countdown, and what it served. */
export function PreflightCacheView({ entries, rows }: Props) {
  const now = useNow();
  // Read off the rows once, not on every tick of the countdown.
  const { origins, servedBy } = useMemo(() => rowsByEntry(rows), [rows]);
  const shown = entries.filter((entry) => origins.has(entry.key.origin));
  const browser = shown.some((entry) => entry.items) ? 'Firefox' : 'Chromium';
  if (shown.length === 0) {
    return (
      <section className="cache-view" aria-label="Preflight cache">
        <p>No preflight result is cached for this tab's origins. A preflight answered with Access-Control-Max-Age above 0 lands here.</p>
      </section>
    );
  }
  return (
    <section className="cache-view" aria-label="Preflight cache">
      <table className="cache-entries">
        <caption>{`What ${browser}'s preflight cache holds for this tab, as modelled from the preflights it saw.`}</caption>
        <thead>
          <tr>
            <th scope="col">Origin</th>
            <th scope="col">URL</th>
            <th scope="col">Credentials</th>
            <th scope="col">Methods</th>
            <th scope="col">Headers</th>
            <th scope="col">Max-Age</th>
            <th scope="col">Expires</th>
            <th scope="col">Served</th>
          </tr>
        </thead>
        <tbody>
          {shown.map((entry) => {
            const served = servedBy.get(entryId(entry.key.origin, entry.key.url, entry.storedAt)) ?? [];
            const others = otherLifetimes(entry);
            return (
              <tr key={`${entry.key.origin} ${entry.key.url} ${entry.storedAt} ${entry.result.credentials}`}>
                <td>{entry.key.origin}</td>
                <td className="url">{entry.key.url}</td>
                <td>{entry.result.credentials ? 'yes' : 'no'}</td>
                <td>{allowed(entry.result.methods, entry.items?.methods)}</td>
                <td>{allowed(entry.result.headers, entry.items?.headers)}</td>
                <td>
                  {`${entry.result.maxAge ?? '(absent)'} sent; ${entry.lifetime.seconds} s, ${entry.items && entry.lifetime.rule === 'capped' ? 'capped by Firefox' : (RULE_LABELS[entry.lifetime.rule] ?? entry.lifetime.rule)}`}
                  {others.map((other) => (
                    <div key={other.engine} className="note">{`${other.name} would keep it ${other.lifetime.seconds} s`}</div>
                  ))}
                </td>
                <td>
                  <div>{countdown(entry.expiresAt, now)}</div>
                  <div className="note">{`stored ${clockTime(entry.storedAt)}, until ${clockTime(entry.expiresAt)}`}</div>
                </td>
                <td>{served.length === 0 ? 'none yet' : served.map((row) => `#${row.seq} ${row.method}`).join(', ')}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </section>
  );
}
