import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useRef, type KeyboardEvent } from 'react';
import { VERDICT_BADGE_LABELS } from '../core/explain/verdictBadge.ts';
import type { RecordingGap } from '../core/recording/recordingGap.ts';
import { clockTime } from './model/formatTime.ts';
import { isGap, type ListEntry } from './model/listEntries.ts';
import type { TransactionRow } from '../core/session/transactionRow.ts';

const ROW_HEIGHT = 22;

interface Props {
  /** The rows, in the order the keyboard moves through them. */
  readonly rows: readonly TransactionRow[];
  /** The lines drawn: the rows, with the gaps of a live recording where they happened. */
  readonly entries: readonly ListEntry[];
  readonly selectedSeq: number | null;
  readonly onSelect: (seq: number) => void;
  /** Enter on a row: show its details (and move focus there). */
  readonly onOpen: (seq: number) => void;
}

/** Header values and URLs are attacker-controlled: every cell is text, cut to its width by CSS. */
export function TransactionList({ rows, entries, selectedSeq, onSelect, onOpen }: Props) {
  const scroller = useRef<HTMLDivElement>(null);
  // A few rows beyond the screen keep a wheel scroll drawn; each one more is
  // drawn again on every frame of a fast scroll (12 cost 15% more per frame than 4).
  const virtualizer = useVirtualizer({ count: entries.length, getScrollElement: () => scroller.current, estimateSize: () => ROW_HEIGHT, overscan: 4 });
  const selectedIndex = selectedSeq === null ? -1 : rows.findIndex((row) => row.seq === selectedSeq);
  const selectedEntry = selectedSeq === null ? -1 : entries.findIndex((entry) => !isGap(entry) && entry.seq === selectedSeq);

  useEffect(() => {
    if (selectedEntry >= 0) virtualizer.scrollToIndex(selectedEntry, { align: 'auto' });
  }, [selectedEntry, virtualizer]);

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>): void => {
    const move = (index: number): void => {
      const row = rows[Math.max(0, Math.min(rows.length - 1, index))];
      if (row) onSelect(row.seq);
      event.preventDefault();
    };
    if (event.key === 'ArrowDown') move(selectedIndex + 1);
    else if (event.key === 'ArrowUp') move(selectedIndex < 0 ? 0 : selectedIndex - 1);
    else if (event.key === 'Home') move(0);
    else if (event.key === 'End') move(rows.length - 1);
    else if (event.key === 'PageDown') move(selectedIndex + 20);
    else if (event.key === 'PageUp') move(selectedIndex - 20);
    else if (event.key === 'Enter' && selectedSeq !== null) {
      onOpen(selectedSeq);
      event.preventDefault();
    }
  };

  return (
    <div className="transaction-list">
      <div className="list-header" aria-hidden="true">
        <span className="cell status">Status</span>
        <span className="cell method">Method</span>
        <span className="cell url">URL</span>
        <span className="cell initiator">Initiator</span>
        <span className="cell error">CORS error</span>
        <span className="cell preflight">Preflight</span>
        <span className="cell time">Time</span>
      </div>
      <div
        ref={scroller}
        className="list-body"
        role="listbox"
        aria-label="CORS transactions"
        tabIndex={0}
        aria-activedescendant={selectedSeq === null ? undefined : `transaction-${selectedSeq}`}
        onKeyDown={onKeyDown}
      >
        <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
          {virtualizer.getVirtualItems().map((item) => {
            const row = entries[item.index] as ListEntry;
            if (isGap(row)) return <GapRow key={`gap ${row.gap.to} ${row.gap.afterSeq}`} gap={row.gap} top={item.start} />;
            const selected = row.seq === selectedSeq;
            return (
              <div
                key={row.seq}
                id={`transaction-${row.seq}`}
                role="option"
                aria-selected={selected}
                aria-label={rowLabel(row)}
                className={`row status-${row.badge}${selected ? ' selected' : ''}`}
                style={{ transform: `translateY(${item.start}px)`, height: ROW_HEIGHT }}
                onClick={() => onSelect(row.seq)}
                onDoubleClick={() => onOpen(row.seq)}
              >
                <span className="cell status">
                  <span className="badge">{VERDICT_BADGE_LABELS[row.badge]}</span>
                </span>
                <span className="cell method">{row.method}</span>
                <span className="cell url" title={row.url}>
                  <span className="path">{row.path}</span> <span className="origin">{row.targetOrigin}</span>
                </span>
                <span className="cell initiator">{row.initiatorOrigin}</span>
                <span className="cell error">{row.corsError ?? (row.badge === 'undetermined' ? 'reason not visible' : '')}</span>
                <span className="cell preflight">{row.preflight}</span>
                <span className="cell time">{row.durationMs === null ? '…' : `${Math.round(row.durationMs)} ms`}</span>
              </div>
            );
          })}
        </div>
      </div>
    </div>
  );
}

/** A stretch the recording missed: not selectable, said in words. */
function GapRow({ gap, top }: { readonly gap: RecordingGap; readonly top: number }) {
  return (
    <div
      role="option"
      aria-disabled="true"
      aria-selected={false}
      className="row gap"
      title="Chromium stopped the CORS Lens worker: requests made in this time are not in the list."
      style={{ transform: `translateY(${top}px)`, height: ROW_HEIGHT }}
    >
      {`not recorded from ${clockTime(gap.from)} to ${clockTime(gap.to)}`}
    </div>
  );
}

/** What a screen reader says for a row: the request, then its verdict. */
function rowLabel(row: TransactionRow): string {
  const verdict = row.corsError
    ? `${VERDICT_BADGE_LABELS[row.badge]}: ${row.corsError}`
    : row.badge === 'undetermined'
      ? 'blocked, for a reason the capture does not show'
      : VERDICT_BADGE_LABELS[row.badge];
  return `${row.method} ${row.url}, ${verdict}, preflight ${row.preflight}`;
}
