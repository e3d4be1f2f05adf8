import { useMemo, useRef, useState } from 'react';
import type { WorkerClient } from '../platform/workerClient.ts';
import { ConfirmWithChromium } from './ConfirmWithChromium.tsx';
import { EmptyState } from './EmptyState.tsx';
import { matchesFilter, NO_FILTER, toRow, type RowFilter } from './model/transactionRow.ts';
import { usePreflightCache } from './model/usePreflightCache.ts';
import { useTransactionLog } from './model/useTransactionLog.ts';
import { PreflightCacheView } from './PreflightCacheView.tsx';
import { Toolbar } from './Toolbar.tsx';
import { TransactionDetails } from './TransactionDetails.tsx';
import { TransactionList } from './TransactionList.tsx';

interface Props {
  readonly client: WorkerClient;
  readonly tabId: number;
}

/** The CORS panel: toolbar, the list of the tab's transactions, and the selected one's details. */
export function Panel({ client, tabId }: Props) {
  const log = useTransactionLog(client, tabId);
  const [filter, setFilter] = useState<RowFilter>(NO_FILTER);
  const [selectedSeq, setSelectedSeq] = useState<number | null>(null);
  const [view, setView] = useState<'requests' | 'cache'>('requests');
  const detailsHeading = useRef<HTMLHeadingElement>(null);
  const cacheEntries = usePreflightCache(client, log.items.at(-1)?.seq ?? 0);

  const rows = useMemo(() => log.items.map(toRow), [log.items]);
  const shown = useMemo(() => rows.filter((row) => matchesFilter(row, filter)), [rows, filter]);
  const origins = useMemo(() => [...new Set(rows.map((row) => row.targetOrigin))].sort(), [rows]);
  const selected = selectedSeq === null ? undefined : log.items.find((item) => item.seq === selectedSeq);

  const toolbar = (
    <Toolbar
      filter={filter}
      origins={origins}
      preserveLog={log.session?.preserveLog ?? false}
      shown={shown.length}
      total={rows.length}
      onFilter={setFilter}
      onClear={() => {
        setSelectedSeq(null);
        void client.request('clearTab', { tabId });
      }}
      onPreserveLog={(preserveLog) => void client.request('setPreserveLog', { tabId, preserveLog })}
    />
  );

  if (log.items.length === 0) {
    return (
      <div className="panel">
        {toolbar}
        <div className="panel-empty">
          <EmptyState />
          <ConfirmWithChromium client={client} tabId={tabId} />
        </div>
      </div>
    );
  }
  return (
    <div className="panel">
      {toolbar}
      <div className="views" role="tablist" aria-label="Views">
        <button type="button" role="tab" aria-selected={view === 'requests'} onClick={() => setView('requests')}>
          Requests
        </button>
        <button type="button" role="tab" aria-selected={view === 'cache'} onClick={() => setView('cache')}>
          Preflight cache
        </button>
      </div>
      {view === 'cache' ? (
        <PreflightCacheView entries={cacheEntries} items={log.items} />
      ) : (
        <div className="split">
          <TransactionList
            rows={shown}
            selectedSeq={selectedSeq}
            onSelect={setSelectedSeq}
            onOpen={(seq) => {
              setSelectedSeq(seq);
              requestAnimationFrame(() => detailsHeading.current?.focus());
            }}
          />
          <div className="details-pane">
            {selected ? <TransactionDetails item={selected} headingRef={detailsHeading} /> : <ConfirmWithChromium client={client} tabId={tabId} />}
          </div>
        </div>
      )}
    </div>
  );
}
