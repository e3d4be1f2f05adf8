import { useRef, type ReactNode } from 'react';
import type { Transaction } from '../core/pairing/transaction.ts';
import type { SequencedTransaction } from '../core/protocol.ts';
import type { ListEntry } from './model/listEntries.ts';
import type { TransactionRow } from '../core/session/transactionRow.ts';
import { TransactionDetails } from './TransactionDetails.tsx';
import { TransactionList } from './TransactionList.tsx';

interface Props {
  /** The rows to list, filtered already. */
  readonly rows: readonly TransactionRow[];
  /** The lines drawn: the rows, and the gaps of a live recording where they happened. */
  readonly entries: readonly ListEntry[];
  readonly selectedSeq: number | null;
  /** The selected transaction in full, once read. */
  readonly selected: SequencedTransaction | undefined;
  /** Said instead of the details while the selected transaction is read, or why it cannot be. */
  readonly selectedNote: string | null;
  /** Shown in the details pane while nothing is selected. */
  readonly idle: ReactNode;
  readonly onSelect: (seq: number) => void;
  readonly onOpenInSimulator: (transaction: Transaction) => void;
}

/** The list and the selected transaction's details, side by side (live or imported alike). */
export function TransactionsView({ rows, entries, selectedSeq, selected, selectedNote, idle, onSelect, onOpenInSimulator }: Props) {
  const detailsHeading = useRef<HTMLHeadingElement>(null);
  return (
    <div className="split">
      <TransactionList
        rows={rows}
        entries={entries}
        selectedSeq={selectedSeq}
        onSelect={onSelect}
        onOpen={(seq) => {
          onSelect(seq);
          requestAnimationFrame(() => detailsHeading.current?.focus());
        }}
      />
      <div className="details-pane">
        {selected ? (
          <TransactionDetails item={selected} headingRef={detailsHeading} onOpenInSimulator={onOpenInSimulator} />
        ) : selectedNote ? (
          <p className="muted" role="status">
            {selectedNote}
          </p>
        ) : (
          idle
        )}
      </div>
    </div>
  );
}
