import { useRef, useState, type ReactNode } from 'react';
import type { Transaction } from '../core/pairing/transaction.ts';
import type { SequencedTransaction } from '../core/protocol.ts';
import type { RecordingGap } from '../core/recording/recordingGap.ts';
import type { TransactionRow } from './model/transactionRow.ts';
import { TransactionDetails } from './TransactionDetails.tsx';
import { TransactionList } from './TransactionList.tsx';

interface Props {
  readonly items: readonly SequencedTransaction[];
  /** The rows to list, filtered already. */
  readonly rows: readonly TransactionRow[];
  /** Where a live recording missed requests (none for a file). */
  readonly gaps?: readonly RecordingGap[];
  /** Shown in the details pane while nothing is selected. */
  readonly idle: ReactNode;
  onOpenInSimulator(transaction: Transaction): void;
}

/** The list and the selected transaction's details, side by side (live or imported alike). */
export function TransactionsView({ items, rows, gaps, idle, onOpenInSimulator }: Props) {
  const [selectedSeq, setSelectedSeq] = useState<number | null>(null);
  const detailsHeading = useRef<HTMLHeadingElement>(null);
  const selected = selectedSeq === null ? undefined : items.find((item) => item.seq === selectedSeq);
  return (
    <div className="split">
      <TransactionList
        rows={rows}
        {...(gaps ? { gaps } : {})}
        selectedSeq={selectedSeq}
        onSelect={setSelectedSeq}
        onOpen={(seq) => {
          setSelectedSeq(seq);
          requestAnimationFrame(() => detailsHeading.current?.focus());
        }}
      />
      <div className="details-pane">{selected ? <TransactionDetails item={selected} headingRef={detailsHeading} onOpenInSimulator={onOpenInSimulator} /> : idle}</div>
    </div>
  );
}
