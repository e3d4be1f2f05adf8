import { useMemo, useRef, useState, type ReactNode } from 'react';
import type { SequencedTransaction } from '../core/protocol.ts';
import { matchesFilter, type RowFilter, type TransactionRow } from './model/transactionRow.ts';
import { TransactionDetails } from './TransactionDetails.tsx';
import { TransactionList } from './TransactionList.tsx';

interface Props {
  readonly items: readonly SequencedTransaction[];
  readonly rows: readonly TransactionRow[];
  readonly filter: RowFilter;
  /** Shown in the details pane while nothing is selected. */
  readonly idle: ReactNode;
}

/** The list and the selected transaction's details, side by side (live or imported alike). */
export function TransactionsView({ items, rows, filter, idle }: Props) {
  const [selectedSeq, setSelectedSeq] = useState<number | null>(null);
  const detailsHeading = useRef<HTMLHeadingElement>(null);
  const shown = useMemo(() => rows.filter((row) => matchesFilter(row, filter)), [rows, filter]);
  const selected = selectedSeq === null ? undefined : items.find((item) => item.seq === selectedSeq);
  return (
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
      <div className="details-pane">{selected ? <TransactionDetails item={selected} headingRef={detailsHeading} /> : idle}</div>
    </div>
  );
}
